// Every import format, and how a file's format is recognised when --format is not given.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import type { ParsedRecord } from "../../model/paper.ts";
import { readDocument } from "../input.ts";
import { DEFAULT_STREAM_LIMITS, type StreamLimits } from "../limits.ts";
import { parseArxivAtom } from "./arxivAtom.ts";
import { parseArxivListing } from "./arxivListing.ts";
import { parseSnapshotFile } from "./arxivSnapshot.ts";
import { parseBeirCorpus } from "./beirCorpus.ts";
import { parseDailyPapersJson } from "./dailyPapersJson.ts";
import { FeedParseError } from "./errors.ts";
import { parseOaiPmh } from "./oaiPmh.ts";

export const FORMATS = [
  "arxiv-snapshot",
  "arxiv-api",
  "arxiv-oai",
  "arxiv-rss",
  "daily-papers",
  "beir",
] as const;
export type Format = (typeof FORMATS)[number];

export function isFormat(s: string): s is Format {
  return (FORMATS as readonly string[]).includes(s);
}

const SNIFF_BYTES = 4096;

/** Guesses the format from the first 4 KB of the file (gunzipped if need be) and its name. */
export async function detectFormat(file: string): Promise<Format | null> {
  return sniffFormat(await readHead(file), path.basename(file));
}

/**
 * The format of a document given its beginning. Content decides; the file name only breaks ties
 * the first 4 KB cannot (a JSON line longer than that, an Atom feed without a telling header).
 */
export function sniffFormat(head: string, fileName = ""): Format | null {
  const s = head.replace(/^\uFEFF/, "").trimStart();
  const name = fileName.toLowerCase();
  if (s.startsWith("<")) return sniffXml(s, name);
  if (s.startsWith("[")) return s.includes('"paper"') ? "daily-papers" : null;
  if (s.startsWith("{")) return sniffJsonLines(s, name);
  return null;
}

function sniffXml(s: string, name: string): Format | null {
  // The document element: the first tag that is not a declaration, comment or DOCTYPE.
  const root = s.match(/<([A-Za-z_][\w.-]*(?::[\w.-]+)?)/)?.[1];
  if (root === "OAI-PMH") return "arxiv-oai";
  if (root === "rdf:RDF" || root === "rss") return "arxiv-rss";
  if (root !== "feed") return null;
  // Both Atom feeds declare the arxiv namespace; the listing names rss.arxiv.org and announce
  // types, the query API its /api/ URLs and opensearch counts.
  if (/rss\.arxiv\.org|announce_type|updates on arXiv\.org/i.test(s)) return "arxiv-rss";
  if (/arxiv\.org\/api\b|opensearch/i.test(s)) return "arxiv-api";
  if (/rss|listing/.test(name)) return "arxiv-rss";
  return /xmlns:arxiv=/.test(s) ? "arxiv-api" : null;
}

function sniffJsonLines(s: string, name: string): Format | null {
  const first = s.split("\n", 1)[0];
  let keys: string[];
  try {
    const obj = JSON.parse(first);
    if (!obj || typeof obj !== "object" || Array.isArray(obj)) return null;
    keys = Object.keys(obj);
  } catch {
    // Cut off by the 4 KB window: look for the keys in the text instead, then at the name.
    keys = [...first.matchAll(/"(_id|title|abstract)"\s*:/g)].map((m) => m[1]);
    if (keys.length === 0 && /\.jsonl(\.gz)?$|\.json\.gz$/.test(name)) {
      return name.includes("corpus") ? "beir" : "arxiv-snapshot";
    }
  }
  // A BEIR corpus line has _id and title; its queries file has _id without title (not papers).
  if (keys.includes("_id")) return keys.includes("title") ? "beir" : null;
  return keys.includes("abstract") ? "arxiv-snapshot" : null;
}

/** The first few KB of a file as text, gunzipped when it starts with the gzip magic bytes. */
async function readHead(file: string): Promise<string> {
  const fd = await fs.promises.open(file, "r");
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await fd.read(buf, 0, buf.length, 0);
    let head = buf.subarray(0, bytesRead);
    if (head[0] === 0x1f && head[1] === 0x8b) {
      try {
        // A truncated gzip stream: sync-flush inflates what is there instead of failing.
        head = zlib.gunzipSync(head, { finishFlush: zlib.constants.Z_SYNC_FLUSH }).subarray(0, SNIFF_BYTES);
      } catch {
        return "";
      }
    }
    return head.toString("utf8");
  } finally {
    await fd.close();
  }
}

/**
 * The parsed records of a file in the given format, streamed where the format allows, within
 * the stream limits (line length, decompressed size and ratio, document size).
 */
export function readRecords(
  file: string,
  format: Format,
  limits: StreamLimits = DEFAULT_STREAM_LIMITS,
): AsyncIterable<ParsedRecord> {
  switch (format) {
    case "arxiv-snapshot":
      return parseSnapshotFile(file, limits);
    case "beir":
      return parseBeirCorpus(file, { limits });
    case "daily-papers":
      return fromWholeFile(file, limits, (text) => parseDailyPapersJson(text, file));
    case "arxiv-api":
      return fromWholeFile(file, limits, (text) => parseArxivAtom(text, file).records);
    case "arxiv-oai":
      return fromWholeFile(file, limits, (text) => oaiRecords(text, file));
    case "arxiv-rss":
      return fromWholeFile(file, limits, (text) => parseArxivListing(text, file).records);
  }
}

function oaiRecords(text: string, file: string): ParsedRecord[] {
  const page = parseOaiPmh(text, file);
  // noRecordsMatch is how OAI-PMH says "nothing in that range": an empty but valid answer.
  if (page.error && page.error.code !== "noRecordsMatch") {
    return [
      { kind: "rejected", where: file, reason: `OAI-PMH error ${page.error.code}: ${page.error.message}` },
    ];
  }
  return page.records;
}

/**
 * For formats that are one document (JSON, XML): read it whole, then parse. A document that
 * cannot be used at all becomes one rejected record naming the file, so an import reports it
 * (and exits with "some records rejected") instead of crashing.
 */
async function* fromWholeFile(
  file: string,
  limits: StreamLimits,
  parse: (text: string) => ParsedRecord[],
): AsyncGenerator<ParsedRecord> {
  let records: ParsedRecord[];
  try {
    records = parse(await readDocument(file, limits));
  } catch (e) {
    if (!(e instanceof FeedParseError)) throw e;
    records = [{ kind: "rejected", where: file, reason: e.reason }];
  }
  yield* records;
}
