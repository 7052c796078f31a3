// arXiv's OAI-PMH interface (export.arxiv.org/oai2): ListRecords and GetRecord responses in the
// two arXiv metadata formats. `arXiv` carries parsed author names but only the first and latest
// version dates; `arXivRaw` carries the whole version history but authors as one string.
// Protocol errors (noRecordsMatch, badResumptionToken, ...) are answers, not broken documents:
// they are returned for the harvester to act on.
import { parseArxivRef } from "../../model/arxivId.ts";
import type { PaperInput, PaperVersion, ParsedRecord } from "../../model/paper.ts";
import { badDate, parseCategoryField } from "../limits.ts";
import { oneLine, paragraphs, splitAuthors, toIso } from "../text.ts";
import {
  attr,
  child,
  children,
  childText,
  intOrNull,
  parseXml,
  text,
  wrongRoot,
  type XmlNode,
} from "./xml.ts";

export interface OaiPmhPage {
  records: ParsedRecord[];
  /** arXiv ids whose records the repository reports as deleted. */
  deleted: string[];
  /** Token for the next page; null on the last page (OAI-PMH sends an empty element there). */
  resumptionToken: string | null;
  completeListSize: number | null;
  cursor: number | null;
  error: { code: string; message: string } | null;
}

export function parseOaiPmh(xml: string, source = "arxiv-oai"): OaiPmhPage {
  const doc = parseXml(xml, source);
  if (doc.root !== "OAI-PMH") throw wrongRoot(source, "an OAI-PMH response", doc);
  const page: OaiPmhPage = {
    records: [],
    deleted: [],
    resumptionToken: null,
    completeListSize: null,
    cursor: null,
    error: null,
  };
  const error = child(doc.node, "error");
  if (error) {
    const code = attr(error, "code") ?? "unknown";
    page.error = { code, message: oneLine(text(error) ?? code) };
    return page;
  }
  const list = child(doc.node, "ListRecords") ?? child(doc.node, "GetRecord");
  children(list, "record").forEach((record, i) => {
    const where = `${source}[${i}]`;
    const header = child(record, "header");
    if (attr(header, "status") === "deleted") {
      const ref = parseArxivRef(childText(header, "identifier") ?? "");
      if (ref) page.deleted.push(ref.id);
      else
        page.records.push({ kind: "rejected", where, reason: "deleted record without an arXiv identifier" });
      return;
    }
    page.records.push(parseRecord(record, header, where));
  });
  const token = child(list, "resumptionToken");
  if (token) {
    page.resumptionToken = text(token)?.trim() || null;
    page.completeListSize = intOrNull(attr(token, "completeListSize"));
    page.cursor = intOrNull(attr(token, "cursor"));
  }
  return page;
}

function parseRecord(record: XmlNode, header: XmlNode | undefined, where: string): ParsedRecord {
  const metadata = child(record, "metadata");
  const arXiv = child(metadata, "arXiv");
  const raw = child(metadata, "arXivRaw");
  const meta = arXiv ?? raw;
  if (!meta) {
    const format = Object.keys(metadata ?? {}).find((k) => !k.startsWith("@_") && k !== "#text");
    return { kind: "rejected", where, reason: `unsupported metadata format ${format ?? "(none)"}` };
  }
  const rawId = childText(meta, "id") ?? childText(header, "identifier");
  const ref = rawId ? parseArxivRef(rawId) : null;
  if (!ref)
    return { kind: "rejected", where, reason: `missing or invalid arXiv id ${JSON.stringify(rawId)}` };
  const at = `${where} (${ref.id})`;
  const title = childText(meta, "title");
  if (!title) return { kind: "rejected", where: at, reason: "missing title" };
  const str = (name: string) => {
    const s = childText(meta, name);
    return s ? oneLine(s) : null;
  };
  const rawCategories = childText(meta, "categories");
  const categories = rawCategories === null ? [] : parseCategoryField(rawCategories);
  if (typeof categories === "string")
    return { kind: "rejected", where: at, reason: `categories: ${categories}` };
  const versions = arXiv ? null : rawVersions(meta);
  if (typeof versions === "string") return { kind: "rejected", where: at, reason: versions };
  const badDates = arXiv
    ? (badDate("created", childText(arXiv, "created")) ?? badDate("updated", childText(arXiv, "updated")))
    : null;
  if (badDates) return { kind: "rejected", where: at, reason: badDates };
  const paper: PaperInput = {
    id: ref.id,
    title: oneLine(title),
    abstract: paragraphs(childText(meta, "abstract") ?? ""),
    categories,
    comments: str("comments"),
    journalRef: str("journal-ref"),
    doi: str("doi"),
    license: str("license"),
    reportNo: str("report-no"),
    ...(arXiv ? fromArXivFormat(arXiv) : fromArXivRawFormat(meta, versions ?? [])),
  };
  return { kind: "paper", paper, where };
}

/** `arXiv` format: structured authors; `created` is v1's date, `updated` the latest version's. */
function fromArXivFormat(meta: XmlNode): Partial<PaperInput> {
  const authors = children(child(meta, "authors"), "author")
    .map((a) =>
      oneLine(
        [childText(a, "forenames"), childText(a, "keyname"), childText(a, "suffix")]
          .filter(Boolean)
          .join(" "),
      ),
    )
    .filter(Boolean);
  const created = toIso(childText(meta, "created"));
  const updated = toIso(childText(meta, "updated"));
  // No `updated` means there is only v1. With `updated` the latest version's number is unknown,
  // and a version list of v1 alone would make the merge treat this (latest) metadata as v1's and
  // refuse it for a paper stored at v2, so the dates go in without a version list.
  if (!updated)
    return { authors, versions: created ? [{ version: 1, createdAt: created }] : [], publishedAt: created };
  return { authors, publishedAt: created, updatedAt: updated };
}

/** `arXivRaw` versions: one <version version="vN"><date/> each; the reason when one is malformed. */
function rawVersions(meta: XmlNode): PaperVersion[] | string {
  const versions: PaperVersion[] = [];
  for (const [i, v] of children(meta, "version").entries()) {
    const label = attr(v, "version") ?? "";
    const num = /^v\d{1,6}$/.test(label) ? Number(label.slice(1)) : 0;
    if (num < 1) return `version[${i}]: ${JSON.stringify(label.slice(0, 40))} is not v1, v2, …`;
    const date = childText(v, "date");
    const createdAt = toIso(date);
    if (!createdAt) return `version[${i}]: date ${JSON.stringify((date ?? "").slice(0, 40))} is not a date`;
    versions.push({ version: num, createdAt });
  }
  return versions.sort((a, b) => a.version - b.version);
}

/** `arXivRaw` format: the version history; authors as one string. */
function fromArXivRawFormat(meta: XmlNode, versions: PaperVersion[]): Partial<PaperInput> {
  return {
    authors: splitAuthors(childText(meta, "authors") ?? ""),
    submitter: childText(meta, "submitter") ? oneLine(childText(meta, "submitter") ?? "") : null,
    versions,
  };
}
