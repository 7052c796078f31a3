// arXiv query API responses (export.arxiv.org/api/query): an Atom 1.0 feed, one <entry> a paper,
// with the arxiv: extension elements and opensearch: paging counts. The API describes the latest
// version of each paper; <published> is the v1 date and <updated> the latest version's.
import { parseArxivRef } from "../../model/arxivId.ts";
import type { PaperInput, PaperVersion, ParsedRecord } from "../../model/paper.ts";
import { badDate } from "../limits.ts";
import { oneLine, paragraphs, toIso } from "../text.ts";
import { FeedParseError } from "./errors.ts";
import { attr, child, children, childText, intOrNull, parseXml, wrongRoot, type XmlNode } from "./xml.ts";

export interface ArxivAtomPage {
  records: ParsedRecord[];
  /** Matches for the whole query (opensearch:totalResults), for paging. */
  totalResults: number | null;
  startIndex: number | null;
  itemsPerPage: number | null;
}

export function parseArxivAtom(xml: string, source = "arxiv-api"): ArxivAtomPage {
  const doc = parseXml(xml, source);
  if (doc.root !== "feed") throw wrongRoot(source, "an Atom <feed>", doc);
  const entries = children(doc.node, "entry");
  // On a bad query the API answers 200 with a feed holding one pseudo-entry whose id is
  // .../api/errors#... and whose summary is the message; it is an answer, not a paper.
  for (const entry of entries) {
    if (/arxiv\.org\/api\/errors/i.test(childText(entry, "id") ?? "")) {
      const message = oneLine(childText(entry, "summary") ?? childText(entry, "title") ?? "unknown error");
      throw new FeedParseError(source, `arXiv API error: ${message}`);
    }
  }
  return {
    records: entries.map((entry, i) => parseEntry(entry, `${source}[${i}]`)),
    totalResults: intOrNull(childText(doc.node, "opensearch:totalResults")),
    startIndex: intOrNull(childText(doc.node, "opensearch:startIndex")),
    itemsPerPage: intOrNull(childText(doc.node, "opensearch:itemsPerPage")),
  };
}

function parseEntry(entry: XmlNode, where: string): ParsedRecord {
  const rawId = childText(entry, "id");
  const ref = rawId ? parseArxivRef(rawId) : null;
  if (!ref)
    return { kind: "rejected", where, reason: `missing or invalid arXiv id ${JSON.stringify(rawId)}` };
  const at = `${where} (${ref.id})`;
  const title = childText(entry, "title");
  if (!title) return { kind: "rejected", where: at, reason: "missing title" };
  const problem =
    badDate("published", childText(entry, "published")) ?? badDate("updated", childText(entry, "updated"));
  if (problem) return { kind: "rejected", where: at, reason: problem };
  const published = toIso(childText(entry, "published"));
  const updated = toIso(childText(entry, "updated"));
  const versions = knownVersions(ref.version, published, updated);
  const paper: PaperInput = {
    id: ref.id,
    title: oneLine(title),
    abstract: paragraphs(childText(entry, "summary") ?? ""),
    authors: children(entry, "author")
      .map((a) => oneLine(childText(a, "name") ?? ""))
      .filter(Boolean),
    categories: categories(entry),
    comments: line(childText(entry, "arxiv:comment")),
    journalRef: line(childText(entry, "arxiv:journal_ref")),
    doi: line(childText(entry, "arxiv:doi")),
    versions,
    // Derived from the versions when those are known; these matter when they are not.
    publishedAt: published,
    updatedAt: updated,
  };
  return { kind: "paper", paper, where };
}

/**
 * What the entry tells about versions: v1 was submitted at <published>, and the version in the id
 * (the latest) at <updated>. Intermediate versions are unknown and left out. When the latest
 * version's number or date is unknown no list is given at all: a list holding only v1 would tell
 * the merge that this is v1 metadata, and it would refuse it for a paper stored at v2.
 */
function knownVersions(
  latest: number | null,
  published: string | null,
  updated: string | null,
): PaperVersion[] {
  if (latest === null) return [];
  if (latest === 1) {
    const created = published ?? updated;
    return created ? [{ version: 1, createdAt: created }] : [];
  }
  if (!updated) return [];
  return published
    ? [
        { version: 1, createdAt: published },
        { version: latest, createdAt: updated },
      ]
    : [{ version: latest, createdAt: updated }];
}

/** The primary category first, then the others in feed order, without duplicates. */
function categories(entry: XmlNode): string[] {
  const primary = attr(child(entry, "arxiv:primary_category"), "term");
  const all = children(entry, "category").map((c) => attr(c, "term"));
  return [...new Set([primary, ...all].map((c) => c?.trim()).filter((c): c is string => !!c))];
}

function line(s: string | null): string | null {
  return s ? oneLine(s) : null;
}
