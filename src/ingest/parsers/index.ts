// Every import format, and how a file's format is recognised when --format is not given.
import fs from "node:fs";
import type { ParsedRecord } from "../../model/paper.ts";
import { parseSnapshotFile } from "./arxivSnapshot.ts";
import { parseDailyPapersJson } from "./dailyPapersJson.ts";

export const FORMATS = ["arxiv-snapshot", "daily-papers"] as const;
export type Format = (typeof FORMATS)[number];

export function isFormat(s: string): s is Format {
  return (FORMATS as readonly string[]).includes(s);
}

/** Guesses the format from the file name and its first bytes. */
export async function detectFormat(file: string): Promise<Format | null> {
  const name = file.toLowerCase();
  if (name.endsWith(".json") && !name.endsWith(".jsonl")) {
    // fall through to content sniffing: a JSON array is a daily-papers response
  } else if (name.endsWith(".jsonl") || name.endsWith(".jsonl.gz") || name.endsWith(".json.gz")) return "arxiv-snapshot";
  const fd = await fs.promises.open(file, "r");
  const buf = Buffer.alloc(4096);
  const { bytesRead } = await fd.read(buf, 0, buf.length, 0);
  await fd.close();
  const head = buf.subarray(0, bytesRead).toString("utf8").trimStart();
  if (head.startsWith("{") && head.includes('"abstract"')) return "arxiv-snapshot";
  if (head.startsWith("[") && head.includes('"paper"')) return "daily-papers";
  return null;
}

/** The parsed records of a file in the given format, streamed. */
export function readRecords(file: string, format: Format): AsyncIterable<ParsedRecord> {
  switch (format) {
    case "arxiv-snapshot":
      return parseSnapshotFile(file);
    case "daily-papers":
      return fromWholeFile(file, (text) => parseDailyPapersJson(text, file));
  }
}

/** For formats that are one document (JSON, XML): read it whole, then parse. */
async function* fromWholeFile(file: string, parse: (text: string) => ParsedRecord[]): AsyncGenerator<ParsedRecord> {
  yield* parse(await fs.promises.readFile(file, "utf8"));
}
