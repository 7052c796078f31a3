// arXiv's daily listing feeds for one category (or several joined with "+"). They are the only
// source that says on which day a paper was announced, which is what puts it on a day's list.
// Three layouts have existed, all handled here:
//  (a) RSS 1.0 / RDF (until 2024): items are siblings of <channel>; the title ends with
//      "(arXiv:1708.02940v1 [cs.CY])", plus " UPDATED" for a replacement; authors are <a> links
//      inside <dc:creator>; the description is HTML; the listing's date is the channel <dc:date>.
//  (b) RSS 2.0 from rss.arxiv.org (since January 2024): <arxiv:announce_type> new | cross |
//      replace | replace-cross, a description "arXiv:2501.01234v1 Announce Type: new \nAbstract:
//      ...", comma-separated <dc:creator>, <category> elements, the date in the channel <pubDate>.
//  (c) the Atom rendering of (b): <entry> with the same extension elements, <summary>, <updated>.
// New and cross-listed papers get `announcedOn`; replacements refresh the metadata of an older
// paper but must not enter that day's list, so they carry no announcement day.
import { parseArxivRef } from "../../model/arxivId.ts";
import type { PaperInput, ParsedRecord } from "../../model/paper.ts";
import { oneLine, paragraphs, splitAuthors, toIso } from "../text.ts";
import { attr, child, children, childText, parseXml, text, wrongRoot, type XmlNode } from "./xml.ts";

export interface ArxivListing {
  /** The listing's day (YYYY-MM-DD, UTC), or null when the feed does not say. */
  day: string | null;
  /** The feed's category ("cs.AI", or "hep-lat+math.CV" for a combined feed). */
  category: string | null;
  records: ParsedRecord[];
}

type AnnounceType = "new" | "cross" | "replace" | "replace-cross";
const ANNOUNCE_TYPES: readonly string[] = ["new", "cross", "replace", "replace-cross"];

/** One feed item, whatever the layout, before it becomes a record. */
interface ListingItem {
  /** Texts that may hold the arXiv id, best first (title suffix, guid, link, ...). */
  idCandidates: (string | null)[];
  title: string | null;
  abstract: string;
  authors: string[];
  categories: string[];
  announceType: AnnounceType | null;
}

export function parseArxivListing(xml: string, source = "arxiv-rss"): ArxivListing {
  // Descriptions and creators are taken raw: in the RDF layout they hold HTML elements whose
  // text order the parsed-object form would scramble.
  const doc = parseXml(xml, source, { rawContent: ["description", "dc:creator"] });
  let feed: { title: string | null; link: string | null; date: string | null; items: ListingItem[] };
  if (doc.root === "rdf:RDF") feed = rdfFeed(doc.node);
  else if (doc.root === "rss") feed = rss2Feed(doc.node);
  else if (doc.root === "feed") feed = atomFeed(doc.node);
  else throw wrongRoot(source, "an arXiv listing feed (RSS or Atom)", doc);
  const day = toIso(feed.date)?.slice(0, 10) ?? null;
  const category = feedCategory(feed.title, feed.link);
  return {
    day,
    category,
    records: feed.items.map((item, i) => toRecord(item, day, category, `${source}[${i}]`)),
  };
}

function toRecord(
  item: ListingItem,
  day: string | null,
  feedCat: string | null,
  where: string,
): ParsedRecord {
  const ref = item.idCandidates.map((c) => (c ? parseArxivRef(c) : null)).find((r) => r !== null) ?? null;
  if (!ref) return { kind: "rejected", where, reason: "no arXiv id in the item" };
  const at = `${where} (${ref.id})`;
  if (!item.title) return { kind: "rejected", where: at, reason: "missing title" };
  const categories = [...item.categories];
  // Being in this feed means being listed in its category (the RDF layout names only the primary).
  if (feedCat && isSubjectClass(feedCat) && !categories.includes(feedCat)) categories.push(feedCat);
  const paper: PaperInput = {
    id: ref.id,
    title: item.title,
    abstract: item.abstract || null,
    authors: item.authors.length ? item.authors : null,
    categories,
    // A listing may name fewer categories than the paper has: it adds, never replaces.
    categoriesArePartial: true,
  };
  const type = item.announceType;
  if ((type === "new" || type === "cross") && day) paper.announcedOn = day;
  return { kind: "paper", paper, where };
}

// --- (a) RSS 1.0 / RDF -------------------------------------------------------------------------

/** "Title. (arXiv:1708.02940v1 [cs.CY])", "... [cs.AI] UPDATED)", "... [cs.LG] CROSS LISTED)". */
const RDF_TITLE_SUFFIX = /\s*\(arXiv:([^\s()[\]]+)\s*(?:\[([^\]]*)\])?\s*([A-Z][A-Z ]*)?\)\s*$/;

function rdfFeed(root: XmlNode) {
  const channel = child(root, "channel");
  return {
    title: childText(channel, "title"),
    link: childText(channel, "link"),
    date: childText(channel, "dc:date"),
    items: children(root, "item").map(rdfItem),
  };
}

function rdfItem(item: XmlNode): ListingItem {
  const fullTitle = oneLine(childText(item, "title") ?? "");
  const m = fullTitle.match(RDF_TITLE_SUFFIX);
  // arXiv joined title and suffix with ". ": that period is not part of the title.
  const title = m ? fullTitle.slice(0, m.index).replace(/\.$/, "").trim() : fullTitle;
  const version = m ? parseArxivRef(m[1])?.version : null;
  const marker = m?.[3]?.trim() ?? "";
  let announceType: AnnounceType | null = null;
  if (marker === "UPDATED") announceType = "replace";
  else if (marker === "CROSS LISTED") announceType = "cross";
  else if (!marker && version === 1) announceType = "new";
  return {
    idCandidates: [m?.[1] ?? null, attr(item, "rdf:about"), childText(item, "link")],
    title: title || null,
    abstract: htmlToText(childText(item, "description") ?? ""),
    authors: creators(children(item, "dc:creator")),
    categories: m?.[2] ? [m[2].trim()] : [],
    announceType,
  };
}

// --- (b) RSS 2.0 -------------------------------------------------------------------------------

function rss2Feed(root: XmlNode) {
  const channel = child(root, "channel");
  return {
    title: childText(channel, "title"),
    link: childText(channel, "link"),
    date:
      childText(channel, "pubDate") ?? childText(channel, "lastBuildDate") ?? childText(channel, "dc:date"),
    items: children(channel, "item").map(rss2Item),
  };
}

function rss2Item(item: XmlNode): ListingItem {
  const desc = splitDescription(htmlToText(childText(item, "description") ?? ""));
  return {
    idCandidates: [childText(item, "guid"), desc.id, childText(item, "link")],
    title: titleText(childText(item, "title")),
    abstract: desc.abstract,
    authors: creators(children(item, "dc:creator")),
    categories: children(item, "category").flatMap((c) => (text(c) ? [oneLine(text(c) ?? "")] : [])),
    announceType: announceType(childText(item, "arxiv:announce_type") ?? desc.type),
  };
}

// --- (c) Atom ----------------------------------------------------------------------------------

function atomFeed(root: XmlNode) {
  const links = children(root, "link");
  const link = links.find((l) => attr(l, "rel") === "self") ?? links[0];
  return {
    title: childText(root, "title"),
    link: attr(link, "href"),
    date: childText(root, "updated") ?? childText(child(root, "entry"), "published"),
    items: children(root, "entry").map(atomEntry),
  };
}

function atomEntry(entry: XmlNode): ListingItem {
  const summaryNode = child(entry, "summary");
  const summary = text(summaryNode) ?? "";
  // type="html" content is escaped HTML; plain text must not lose a "<b" that is really maths.
  const desc = splitDescription(
    attr(summaryNode, "type") === "html" ? htmlToText(summary) : paragraphs(summary),
  );
  const alternate = children(entry, "link").find((l) => (attr(l, "rel") ?? "alternate") === "alternate");
  const named = children(entry, "author").flatMap((a) => splitAuthors(childText(a, "name") ?? ""));
  return {
    idCandidates: [childText(entry, "id"), desc.id, attr(alternate, "href")],
    title: titleText(childText(entry, "title")),
    abstract: desc.abstract,
    authors: named.length ? named : creators(children(entry, "dc:creator")),
    categories: children(entry, "category").flatMap((c) =>
      attr(c, "term") ? [oneLine(attr(c, "term") ?? "")] : [],
    ),
    announceType: announceType(childText(entry, "arxiv:announce_type") ?? desc.type),
  };
}

// --- shared ------------------------------------------------------------------------------------

/** "arXiv:2501.01234v1 Announce Type: new \nAbstract: ..." -> id, type and the abstract proper. */
function splitDescription(s: string): { id: string | null; type: string | null; abstract: string } {
  const m = s.match(/^arXiv:(\S+)\s+Announce Type:\s*([\w-]+)\s*(?:Abstract:\s*)?/i);
  if (!m) return { id: null, type: null, abstract: s };
  return { id: m[1], type: m[2], abstract: s.slice(m[0].length).trim() };
}

function announceType(s: string | null): AnnounceType | null {
  const t = s?.trim().toLowerCase() ?? "";
  return ANNOUNCE_TYPES.includes(t) ? (t as AnnounceType) : null;
}

function titleText(s: string | null): string | null {
  return s ? oneLine(s) || null : null;
}

/** Authors from raw <dc:creator> contents: the RDF layout's <a> links, else comma-separated names. */
function creators(nodes: XmlNode[]): string[] {
  const names: string[] = [];
  for (const node of nodes) {
    const raw = text(node) ?? "";
    const links = [...raw.matchAll(/<a\b[^<>]*>([^<]*)<\/a\s*>/gi)].map((m) => oneLine(decodeEntities(m[1])));
    names.push(...(links.length ? links.filter(Boolean) : splitAuthors(htmlToText(raw))));
  }
  return names;
}

/** The category named by "cs.AI updates on arXiv.org" or a .../rss/cs.AI link. */
function feedCategory(title: string | null, link: string | null): string | null {
  const c =
    title?.match(/^\s*(\S+)\s+updates on arXiv/i)?.[1] ?? link?.match(/\/(?:rss|atom)\/([^/?#\s]+)/)?.[1];
  const one = "[a-z][a-z-]*(?:\\.[A-Za-z][A-Za-z-]*)?";
  return c && new RegExp(`^${one}(?:\\+${one})*$`).test(c) ? c : null;
}

/** Archives split into subject classes: "cs" names a group of categories, "hep-th" a category. */
const ARCHIVES_WITH_SUBJECTS = new Set([
  "astro-ph",
  "cond-mat",
  "cs",
  "econ",
  "eess",
  "math",
  "nlin",
  "physics",
  "q-bio",
  "q-fin",
  "stat",
]);

function isSubjectClass(c: string): boolean {
  return !c.includes("+") && (c.includes(".") || !ARCHIVES_WITH_SUBJECTS.has(c));
}

// --- HTML to text ------------------------------------------------------------------------------
// Feed HTML becomes plain text (pages escape it when rendering, so nothing here needs to be
// trusted). Markup is removed before entities are decoded, so an escaped "&lt;b" in an abstract
// stays text. Every step is linear in the input: no lazy-quantifier regex over hostile text.

const BLOCK_TAGS = new Set([
  "p",
  "div",
  "br",
  "li",
  "ul",
  "ol",
  "blockquote",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "tr",
]);

export function htmlToText(html: string): string {
  let s = unwrapCdata(html);
  s = cutSections(s, "<!--", "-->");
  s = cutSections(s, "<script", "</script>");
  s = cutSections(s, "<style", "</style>");
  s = s.replace(/<\/?([A-Za-z][A-Za-z0-9]*)(?:\s[^<>]*)?\/?>/g, (_, name: string) =>
    BLOCK_TAGS.has(name.toLowerCase()) ? "\n\n" : "",
  );
  return paragraphs(decodeEntities(s));
}

/** <![CDATA[x]]> -> x (the content of a CDATA section is text, to be cleaned like the rest). */
function unwrapCdata(s: string): string {
  let out = "";
  let pos = 0;
  for (;;) {
    const start = s.indexOf("<![CDATA[", pos);
    if (start < 0) return out + s.slice(pos);
    const end = s.indexOf("]]>", start + 9);
    out += s.slice(pos, start) + s.slice(start + 9, end < 0 ? s.length : end);
    if (end < 0) return out;
    pos = end + 3;
  }
}

/** Removes every open...close section (case-insensitive); an unclosed one runs to the end. */
function cutSections(s: string, open: string, close: string): string {
  const lower = s.toLowerCase();
  let out = "";
  let pos = 0;
  for (;;) {
    const start = lower.indexOf(open, pos);
    if (start < 0) return out + s.slice(pos);
    out += `${s.slice(pos, start)} `;
    const end = lower.indexOf(close, start + open.length);
    if (end < 0) return out;
    pos = end + close.length;
  }
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  ndash: "\u2013",
  mdash: "\u2014",
  hellip: "\u2026",
  lsquo: "\u2018",
  rsquo: "\u2019",
  ldquo: "\u201c",
  rdquo: "\u201d",
};

/** Decodes character references and common named entities; unknown names stay as written. */
export function decodeEntities(s: string): string {
  return s.replace(/&(?:#[xX]([0-9A-Fa-f]{1,6})|#(\d{1,7})|([A-Za-z]{2,8}));/g, (whole, hex, dec, name) => {
    if (name !== undefined) return NAMED_ENTITIES[name] ?? whole;
    const cp = hex !== undefined ? Number.parseInt(hex, 16) : Number(dec);
    const valid = cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);
    return valid ? String.fromCodePoint(cp) : "\uFFFD";
  });
}
