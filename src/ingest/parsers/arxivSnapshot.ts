// The arXiv bulk metadata snapshot: one JSON object a line (plain or gzip), streamed so a
// multi-gigabyte file never sits in memory.
import fs from "node:fs";
import readline from "node:readline";
import { createGunzip } from "node:zlib";
import { parseArxivRef } from "../../model/arxivId.ts";
import type { PaperInput, PaperVersion, ParsedRecord } from "../../model/paper.ts";
import { oneLine, paragraphs, splitAuthors, toIso } from "../text.ts";

/** Lines of a text file, transparently gunzipped when the file starts with the gzip magic. */
export async function* readLines(file: string): AsyncGenerator<string> {
  const fd = await fs.promises.open(file, "r");
  const head = Buffer.alloc(2);
  await fd.read(head, 0, 2, 0);
  await fd.close();
  let stream: NodeJS.ReadableStream = fs.createReadStream(file);
  if (head[0] === 0x1f && head[1] === 0x8b) stream = stream.pipe(createGunzip());
  const rl = readline.createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  yield* rl;
}

export async function* parseSnapshotFile(file: string): AsyncGenerator<ParsedRecord> {
  let n = 0;
  for await (const line of readLines(file)) {
    n++;
    if (!line.trim()) continue;
    yield parseSnapshotLine(line, `${file}:${n}`);
  }
}

export function parseSnapshotLine(line: string, where: string): ParsedRecord {
  let obj: Record<string, unknown>;
  try {
    obj = JSON.parse(line);
  } catch (e) {
    return { kind: "rejected", where, reason: `not valid JSON (${(e as Error).message})` };
  }
  if (!obj || typeof obj !== "object" || Array.isArray(obj)) {
    return { kind: "rejected", where, reason: "not a JSON object" };
  }
  const ref = typeof obj.id === "string" ? parseArxivRef(obj.id) : null;
  if (!ref)
    return { kind: "rejected", where, reason: `missing or invalid arXiv id ${JSON.stringify(obj.id)}` };
  if (typeof obj.title !== "string" || !obj.title.trim()) {
    return { kind: "rejected", where: `${where} (${ref.id})`, reason: "missing title" };
  }
  const str = (v: unknown) => (typeof v === "string" && v.trim() ? oneLine(v) : null);
  const versions: PaperVersion[] = [];
  if (Array.isArray(obj.versions)) {
    for (const v of obj.versions as Array<{ version?: string; created?: string }>) {
      const num = Number(String(v?.version ?? "").replace(/^v/, ""));
      const createdAt = toIso(v?.created);
      if (Number.isInteger(num) && num > 0 && createdAt) versions.push({ version: num, createdAt });
    }
  }
  const paper: PaperInput = {
    id: ref.id,
    title: oneLine(obj.title),
    abstract: typeof obj.abstract === "string" ? paragraphs(obj.abstract) : "",
    authors: parseAuthors(obj),
    categories: typeof obj.categories === "string" ? obj.categories.split(/\s+/).filter(Boolean) : [],
    comments: str(obj.comments),
    journalRef: str(obj["journal-ref"]),
    doi: str(obj.doi),
    license: str(obj.license),
    reportNo: str(obj["report-no"]),
    submitter: str(obj.submitter),
    versions,
    updatedAt: versions.length ? undefined : toIso(str(obj.update_date)),
  };
  return { kind: "paper", paper };
}

function parseAuthors(obj: Record<string, unknown>): string[] {
  if (Array.isArray(obj.authors_parsed) && obj.authors_parsed.length) {
    return (obj.authors_parsed as string[][])
      .map(([last, first, suffix]) => oneLine([first, last, suffix].filter(Boolean).join(" ")))
      .filter(Boolean);
  }
  return typeof obj.authors === "string" ? splitAuthors(obj.authors) : [];
}
