// The one XML set-up every feed parser uses, and small accessors over its output. Feeds come
// from the network, so the parser must survive hostile input: malformed documents are refused
// (validated before parsing), entity declarations are capped so an "entity bomb" cannot expand
// into gigabytes, and nesting depth is bounded.
import { type ProcessEntitiesOptions, XMLParser } from "fast-xml-parser";
import { oneLine } from "../text.ts";
import { FeedParseError } from "./errors.ts";

/** One element: attributes as "@_name", text as "#text", child elements by (prefixed) name. */
export type XmlNode = { [name: string]: unknown };

export interface XmlDocument {
  /** Name of the document element, e.g. "feed", "OAI-PMH", "rdf:RDF", "html". */
  root: string;
  node: XmlNode;
}

export interface XmlOptions {
  /**
   * Elements whose content is returned unparsed, as the raw markup between their tags (entities
   * not decoded). For mixed content such as RSS 1.0 descriptions that embed <p> and <a> elements,
   * whose text order the object form would lose.
   */
  rawContent?: string[];
}

/**
 * Namespace URIs of arXiv documents and the prefix parsers look their elements up by. Prefixes
 * are the document's choice ("ns0:primary_category" is as valid as "arxiv:primary_category"), so
 * known namespaces are renamed to these. Default-namespace (unprefixed) elements stay unprefixed.
 */
const CANONICAL_PREFIX: Record<string, string> = {
  "http://arxiv.org/schemas/atom": "arxiv",
  "http://a9.com/-/spec/opensearch/1.1/": "opensearch",
  "http://a9.com/-/spec/opensearchrss/1.0/": "opensearch",
  "http://purl.org/dc/elements/1.1/": "dc",
  "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf",
  "http://www.w3.org/2005/Atom": "atom",
  "http://purl.org/rss/1.0/modules/content/": "content",
  "http://www.openarchives.org/OAI/2.0/oai_dc/": "oai_dc",
};

/** Elements that may repeat: always arrays, so one entry and many entries look alike. */
const REPEATED = new Set([
  "entry",
  "item",
  "record",
  "header",
  "author",
  "category",
  "link",
  "version",
  "setSpec",
  "error",
  "dc:creator",
  "rdf:li",
]);

// Only entities a document declares in its own DOCTYPE count against these limits (the five XML
// entities and character references expand to a character or two and cannot amplify). Declared
// entities that reference other entities are never expanded by fast-xml-parser, so the worst
// case is count x size, capped again by the total expanded length.
const ENTITY_LIMITS: ProcessEntitiesOptions & { appliesTo: "external" } = {
  enabled: true,
  maxEntityCount: 20,
  maxEntitySize: 1_000,
  maxTotalExpansions: 1_000,
  maxExpandedLength: 100_000,
  appliesTo: "external",
};

const ATTR = "@_";
const TEXT = "#text";

/**
 * Parses a whole document. Throws FeedParseError when it is not well-formed XML or has no
 * document element; what the root must be is for the caller to check.
 */
export function parseXml(xml: string, source: string, opts: XmlOptions = {}): XmlDocument {
  const input = xml.replace(/^\uFEFF/, "");
  const rename = prefixRenames(input);
  const canonical = (name: string): string => {
    const colon = name.indexOf(":");
    if (colon <= 0) return name;
    const prefix = rename.get(name.slice(0, colon));
    return prefix ? `${prefix}${name.slice(colon)}` : name;
  };
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: ATTR,
    textNodeName: TEXT,
    // Keep every value a string: "0705.4175" is an arXiv id, not the number 705.4175.
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    // Character references (&#233;) and HTML named entities (&nbsp;) appear in arXiv text.
    htmlEntities: true,
    processEntities: ENTITY_LIMITS,
    maxNestedTags: 100,
    transformTagName: canonical,
    transformAttributeName: canonical,
    isArray: (name, _path, _leaf, isAttribute) => !isAttribute && REPEATED.has(name),
    stopNodes: (opts.rawContent ?? []).map((name) => `*.${name}`),
  });
  let parsed: unknown;
  try {
    // `true` validates first: a truncated or non-XML body is refused instead of half-parsed.
    parsed = parser.parse(input, true);
  } catch (e) {
    throw new FeedParseError(source, `not well-formed XML (${(e as Error).message})`);
  }
  const roots = Object.keys((parsed ?? {}) as object).filter((k) => !k.startsWith("?") && !k.startsWith("#"));
  if (roots.length !== 1)
    throw new FeedParseError(source, "not an XML document (no single document element)");
  const root = roots[0];
  return { root, node: asNode((parsed as XmlNode)[root]) };
}

/** Prefix -> canonical prefix, from the document's xmlns declarations (ambiguous ones left alone). */
function prefixRenames(xml: string): Map<string, string> {
  const renames = new Map<string, string>();
  const ambiguous = new Set<string>();
  for (const m of xml.matchAll(/\bxmlns:([A-Za-z_][\w.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const [prefix, uri] = [m[1], m[2] ?? m[3]];
    const target = CANONICAL_PREFIX[uri] ?? prefix;
    if (renames.has(prefix) && renames.get(prefix) !== target) ambiguous.add(prefix);
    renames.set(prefix, target);
  }
  for (const p of ambiguous) renames.delete(p);
  for (const [p, target] of renames) if (p === target) renames.delete(p);
  return renames;
}

/**
 * The error for a document of the wrong kind. An HTML body (a proxy's or the server's error page
 * served in place of the feed) is quoted briefly, since it usually says what went wrong.
 */
export function wrongRoot(source: string, expected: string, doc: XmlDocument): FeedParseError {
  const said = oneLine(textContent(doc.node, 300));
  return new FeedParseError(source, `expected ${expected}, got <${doc.root}>${said ? ` ("${said}")` : ""}`);
}

/** All text under a node, depth first, stopping once `limit` characters are collected. */
function textContent(node: unknown, limit: number): string {
  const parts: string[] = [];
  let length = 0;
  const walk = (v: unknown): void => {
    if (length >= limit) return;
    if (typeof v === "string") {
      parts.push(v);
      length += v.length;
    } else if (Array.isArray(v)) {
      for (const x of v) walk(x);
    } else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) if (!k.startsWith(ATTR)) walk(x);
    }
  };
  walk(node);
  return parts.join(" ").slice(0, limit);
}

function asNode(v: unknown): XmlNode {
  if (v && typeof v === "object" && !Array.isArray(v)) return v as XmlNode;
  return typeof v === "string" ? { [TEXT]: v } : {};
}

/** Every child element with this name, in document order (text-only children become nodes). */
export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  const v = node?.[name];
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map(asNode);
}

export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return children(node, name)[0];
}

/** An element's text content, or null when it has none (or only white space). */
export function text(node: XmlNode | undefined): string | null {
  const v = node?.[TEXT];
  const s = typeof v === "string" ? v : typeof v === "number" ? String(v) : null;
  return s?.trim() ? s : null;
}

export function childText(node: XmlNode | undefined, name: string): string | null {
  return text(child(node, name));
}

export function attr(node: XmlNode | undefined, name: string): string | null {
  const v = node?.[`${ATTR}${name}`];
  return typeof v === "string" ? v : null;
}

/** A non-negative integer from element text (opensearch counts, OAI cursors), else null. */
export function intOrNull(s: string | null | undefined): number | null {
  if (s === null || s === undefined || !/^\s*\d{1,15}\s*$/.test(s)) return null;
  return Number(s);
}
