// Size limits and well-formedness rules for everything imported, whatever the format. Every
// record passes `checkPaperLimits` in the importer (the one place all formats and `sync` go
// through); the stream limits (line length, decompressed size and ratio, whole documents) are
// enforced by src/ingest/input.ts while reading. Lengths are checked before any pattern, so a
// field of megabytes is refused by its length alone.

import type { DailyEntryInput, PaperInput } from "../model/paper.ts";
import { count } from "../text/numbers.ts";
import { toIso } from "./text.ts";

/** Largest accepted size of each imported field, in characters (after white-space clean-up). */
export const FIELD_LIMITS = {
  id: 200,
  title: 1_000,
  abstract: 50_000,
  authors: 10_000, // names per paper (large collaborations list a few thousand)
  authorName: 1_000,
  categories: 50, // tokens per paper
  category: 40,
  comments: 5_000,
  metadata: 1_000, // journal-ref, DOI, license, report number, submitter
  url: 2_000,
  versions: 1_000,
} as const;

export interface StreamLimits {
  /** Longest line of a line-based file (JSONL), in bytes: longer ones are skipped unread. */
  maxLineBytes: number;
  /** Largest whole document (XML, JSON) after decompression, in bytes. */
  maxDocumentBytes: number;
  /** Most bytes a compressed file may inflate to. */
  maxDecompressedBytes: number;
  /** Most decompressed bytes per compressed byte, checked once past `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
}

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/** The defaults; PAPERTIDE_IMPORT_* override them (src/config/imports.ts). */
export const DEFAULT_STREAM_LIMITS: StreamLimits = {
  maxLineBytes: 4 * MiB,
  maxDocumentBytes: 256 * MiB,
  maxDecompressedBytes: 64 * GiB,
  maxRatio: 50,
  ratioFloorBytes: 16 * MiB,
};

const CATEGORY = /^([a-z-]+)(\.[A-Za-z-]+)?$/;
/** arXiv's archives, current and retired: the part of a category before the dot. */
const ARCHIVES = new Set(
  (
    "acc-phys adap-org alg-geom ao-sci astro-ph atom-ph bayes-an chao-dyn chem-ph cmp-lg comp-gas " +
    "cond-mat cs dg-ga econ eess funct-an gr-qc hep-ex hep-lat hep-ph hep-th math math-ph mtrl-th " +
    "nlin nucl-ex nucl-th patt-sol physics plasm-ph q-alg q-bio q-fin quant-ph solv-int stat supr-con"
  ).split(" "),
);

/** An arXiv category of a known archive: cs.LG, hep-th, cond-mat.mes-hall, math.AG. */
export function isArxivCategory(s: string): boolean {
  if (s.length > FIELD_LIMITS.category) return false;
  const m = CATEGORY.exec(s);
  return m !== null && ARCHIVES.has(m[1]);
}

// Control characters have no place in metadata: C0 but tab, line feed and carriage return
// (white space the parsers fold), DEL, and C1.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** Why the text holds a control character, or null. */
export function controlCharacter(s: string): string | null {
  const m = CONTROL.exec(s);
  return m ? `control character \\u${m[0].charCodeAt(0).toString(16).padStart(4, "0")}` : null;
}

/**
 * The categories field of arXiv's metadata ("cs.CV cs.LG"): arXiv categories, primary first.
 * arXiv appends the ACM / MSC classes some authors give ("cs.CV cs.LG 68T45 I.4.8; J.3"); they are
 * classification codes, not categories, and are left out. Returns the reason when the field is
 * not such a list.
 */
export function parseCategoryField(raw: unknown): string[] | string {
  if (typeof raw !== "string") return `expected a string of arXiv categories, got ${typeName(raw)}`;
  if (raw.length > FIELD_LIMITS.categories * (FIELD_LIMITS.category + 1)) {
    return `${count(raw.length)} characters, over the limit of ${count(FIELD_LIMITS.categories * (FIELD_LIMITS.category + 1))}`;
  }
  const control = controlCharacter(raw);
  if (control) return control;
  const tokens = raw.split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return "empty";
  if (!isArxivCategory(tokens[0])) {
    return `${JSON.stringify(tokens[0].slice(0, FIELD_LIMITS.category))} is not an arXiv category`;
  }
  const categories: string[] = [];
  for (const t of tokens) {
    if (!isArxivCategory(t)) break;
    categories.push(t);
  }
  return categories;
}

export function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
}

/**
 * A bad value as a rejection message shows it: a string's first 40 characters, quoted; anything
 * else by its type only (never serialised: a record nested 100,000 levels deep would overflow
 * the stack and stop the whole import instead of being rejected).
 */
export function shownValue(v: unknown): string {
  if (v === undefined) return "(none)";
  return typeof v === "string" ? JSON.stringify(v.slice(0, 40)) : typeName(v);
}

type TextField =
  | "title"
  | "abstract"
  | "comments"
  | "journalRef"
  | "doi"
  | "license"
  | "reportNo"
  | "submitter";
const TEXT_FIELDS: [TextField, number][] = [
  ["title", FIELD_LIMITS.title],
  ["abstract", FIELD_LIMITS.abstract],
  ["comments", FIELD_LIMITS.comments],
  ["journalRef", FIELD_LIMITS.metadata],
  ["doi", FIELD_LIMITS.metadata],
  ["license", FIELD_LIMITS.metadata],
  ["reportNo", FIELD_LIMITS.metadata],
  ["submitter", FIELD_LIMITS.metadata],
];

const over = (field: string, size: number, limit: number, unit = "characters") =>
  `${field} is ${count(size)} ${unit}, over the limit of ${count(limit)}`;

/** Why an optional date field does not parse (absent or blank is fine), or null. */
export function badDate(field: string, raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined || !raw.trim()) return null;
  return toIso(raw) ? null : `${field}: ${JSON.stringify(raw.trim().slice(0, 40))} is not a date`;
}

/** Why an optional count (upvotes, comments) is not a whole number ≥ 0 (absent is fine), or null. */
export function badCount(field: string, v: unknown): string | null {
  if (v === undefined || v === null || (Number.isSafeInteger(v) && (v as number) >= 0)) return null;
  return `${field}: expected a whole number ≥ 0, got ${typeof v === "number" ? v : typeName(v)}`;
}

/** Why a daily-list entry's curator name is too long or malformed, or null. */
export function checkDailyLimits(d: DailyEntryInput): string | null {
  const by = d.featuredBy;
  if (typeof by !== "string") return null;
  if (by.length > FIELD_LIMITS.metadata) return over("featured by", by.length, FIELD_LIMITS.metadata);
  const problem = controlCharacter(by);
  return problem ? `featured by: ${problem}` : null;
}

/** Why a parsed paper breaks a size limit or holds a malformed field, or null when it is fine. */
export function checkPaperLimits(p: PaperInput): string | null {
  // Lengths first: every later check then runs over bounded text.
  if (p.id.length > FIELD_LIMITS.id) return over("id", p.id.length, FIELD_LIMITS.id);
  for (const [field, limit] of TEXT_FIELDS) {
    const v = p[field];
    if (typeof v === "string" && v.length > limit) return over(field, v.length, limit);
  }
  for (const field of ["codeUrl", "projectUrl"] as const) {
    const v = p[field];
    if (typeof v === "string" && v.length > FIELD_LIMITS.url) return over(field, v.length, FIELD_LIMITS.url);
  }
  const authors = p.authors ?? [];
  if (authors.length > FIELD_LIMITS.authors) {
    return over("authors", authors.length, FIELD_LIMITS.authors, "names");
  }
  for (const name of authors) {
    if (name.length > FIELD_LIMITS.authorName) {
      return over("author name", name.length, FIELD_LIMITS.authorName);
    }
  }
  const categories = p.categories ?? [];
  if (categories.length > FIELD_LIMITS.categories) {
    return over("categories", categories.length, FIELD_LIMITS.categories, "entries");
  }
  if ((p.versions?.length ?? 0) > FIELD_LIMITS.versions) {
    return over("versions", p.versions?.length ?? 0, FIELD_LIMITS.versions, "entries");
  }
  // Then well-formedness over the bounded text.
  const id = controlCharacter(p.id);
  if (id) return `id: ${id}`;
  for (const [field] of TEXT_FIELDS) {
    const v = p[field];
    const problem = typeof v === "string" ? controlCharacter(v) : null;
    if (problem) return `${field}: ${problem}`;
  }
  for (const name of authors) {
    const problem = controlCharacter(name);
    if (problem) return `authors: ${problem}`;
  }
  for (const c of categories) {
    if (!isArxivCategory(c)) {
      return `categories: ${JSON.stringify(c.slice(0, FIELD_LIMITS.category))} is not an arXiv category`;
    }
  }
  return null;
}
