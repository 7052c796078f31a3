// The arXiv bulk metadata snapshot: one JSON object a line (plain or gzip), streamed so a
// multi-gigabyte file never sits in memory. Fields of the wrong type or shape reject the record
// with the field and why; nothing is silently turned into something else.
import { parseArxivRef } from "../../model/arxivId.ts";
import type { PaperInput, PaperVersion, ParsedRecord } from "../../model/paper.ts";
import { overlongLine, readLines as readNumberedLines } from "../input.ts";
import {
  DEFAULT_STREAM_LIMITS,
  parseCategoryField,
  type StreamLimits,
  shownValue,
  typeName,
} from "../limits.ts";
import { oneLine, paragraphs, splitAuthors, toIso } from "../text.ts";
import { InputLimitError } from "./errors.ts";

/** Lines of a text file, transparently gunzipped; a line over the line limit is an error. */
export async function* readLines(file: string): AsyncGenerator<string> {
  for await (const line of readNumberedLines(file)) {
    if (line.text === undefined) throw new InputLimitError(`${file}:${line.n}`, overlongLine(line));
    yield line.text;
  }
}

export async function* parseSnapshotFile(
  file: string,
  limits: StreamLimits = DEFAULT_STREAM_LIMITS,
): AsyncGenerator<ParsedRecord> {
  for await (const line of readNumberedLines(file, limits)) {
    const where = `${file}:${line.n}`;
    if (line.text === undefined) {
      // Name the record when its id is near the start of the line (as the snapshot writes it).
      const id = line.head.match(/"id"\s*:\s*"([^"\\]{1,40})"/)?.[1];
      const ref = id ? parseArxivRef(id) : null;
      yield {
        kind: "rejected",
        where: ref ? `${where} (${ref.id})` : where,
        reason: overlongLine(line, limits),
      };
      continue;
    }
    if (!line.text.trim()) continue;
    yield parseSnapshotLine(line.text, where);
  }
}

type Fields = Record<string, unknown>;

/** Thrown inside the parser for a malformed field; becomes the record's rejection. */
class FieldError extends Error {}

export function parseSnapshotLine(line: string, where: string): ParsedRecord {
  let obj: Fields;
  try {
    obj = JSON.parse(line);
  } catch (e) {
    return { kind: "rejected", where, reason: `not valid JSON (${(e as Error).message})` };
  }
  if (!obj || typeof obj !== "object" || Array.isArray(obj)) {
    return { kind: "rejected", where, reason: "not a JSON object" };
  }
  const ref = typeof obj.id === "string" ? parseArxivRef(obj.id) : null;
  if (!ref) return { kind: "rejected", where, reason: `missing or invalid arXiv id ${shownValue(obj.id)}` };
  const at = `${where} (${ref.id})`;
  if (typeof obj.title !== "string" || !obj.title.trim()) {
    return { kind: "rejected", where: at, reason: "missing title" };
  }
  try {
    const versions = parseVersions(obj.versions);
    const updateDate = optionalString(obj, "update_date");
    const updatedAt = updateDate === null ? null : toIso(updateDate);
    if (updateDate !== null && !updatedAt) {
      throw new FieldError(`update_date: ${JSON.stringify(updateDate.slice(0, 40))} is not a date`);
    }
    const paper: PaperInput = {
      id: ref.id,
      title: oneLine(obj.title),
      abstract: paragraphs(optionalString(obj, "abstract") ?? ""),
      authors: parseAuthors(obj),
      categories: parseCategories(obj.categories),
      comments: line1(optionalString(obj, "comments")),
      journalRef: line1(optionalString(obj, "journal-ref")),
      doi: line1(optionalString(obj, "doi")),
      license: line1(optionalString(obj, "license")),
      reportNo: line1(optionalString(obj, "report-no")),
      submitter: line1(optionalString(obj, "submitter")),
      versions,
      updatedAt: versions.length ? undefined : updatedAt,
    };
    return { kind: "paper", paper, where };
  } catch (e) {
    if (!(e instanceof FieldError)) throw e;
    return { kind: "rejected", where: at, reason: e.message };
  }
}

/** A string field, or null when absent; any other type is an error. */
function optionalString(obj: Fields, key: string): string | null {
  const v = obj[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== "string") throw new FieldError(`${key}: expected a string, got ${typeName(v)}`);
  return v;
}

function line1(s: string | null): string | null {
  return s?.trim() ? oneLine(s) : null;
}

function parseCategories(raw: unknown): string[] {
  if (raw === undefined || raw === null) return [];
  const parsed = parseCategoryField(raw);
  if (typeof parsed === "string") throw new FieldError(`categories: ${parsed}`);
  return parsed;
}

function parseVersions(raw: unknown): PaperVersion[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    throw new FieldError(`versions: expected a list of {version, created}, got ${typeName(raw)}`);
  }
  return raw.map((v: unknown, i) => {
    const at = `versions[${i}]`;
    if (!v || typeof v !== "object" || Array.isArray(v)) {
      throw new FieldError(`${at}: expected {version, created}, got ${typeName(v)}`);
    }
    const { version, created } = v as Fields;
    const num =
      typeof version === "string" && /^v?\d{1,6}$/.test(version) ? Number(version.replace("v", "")) : 0;
    if (num < 1) throw new FieldError(`${at}: version ${JSON.stringify(version)} is not v1, v2, …`);
    const createdAt = typeof created === "string" ? toIso(created) : null;
    if (!createdAt) {
      const shown = typeof created === "string" ? JSON.stringify(created.slice(0, 40)) : typeName(created);
      throw new FieldError(`${at}: created ${shown} is not a date`);
    }
    return { version: num, createdAt };
  });
}

function parseAuthors(obj: Fields): string[] {
  const parsed = obj.authors_parsed;
  if (parsed !== undefined && parsed !== null) {
    const ok =
      Array.isArray(parsed) &&
      parsed.every((a) => Array.isArray(a) && a.every((part) => typeof part === "string"));
    if (!ok) throw new FieldError("authors_parsed: expected a list of [last, first, suffix] name lists");
    if (parsed.length) {
      return (parsed as string[][])
        .map(([last, first, suffix]) => oneLine([first, last, suffix].filter(Boolean).join(" ")))
        .filter(Boolean);
    }
  }
  const authors = optionalString(obj, "authors");
  return authors === null ? [] : splitAuthors(authors);
}
