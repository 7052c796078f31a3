// User search text -> plain terms. Nothing a user types reaches a full-text engine as syntax:
// quotes, NEAR, AND/OR/NOT, *, ^, :, parentheses and the like are split away or become plain
// words, which are then quoted for the engine.

const MAX_TERMS = 32;
const MAX_TERM_LENGTH = 64;

/** Lower-cased word tokens (letters and digits of any script), at most MAX_TERMS. */
export function queryTerms(text: string): string[] {
  const terms = text
    .normalize("NFKC")
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu);
  if (!terms) return [];
  return terms.slice(0, MAX_TERMS).map((t) => t.slice(0, MAX_TERM_LENGTH));
}

/**
 * An FTS5 MATCH expression that means "all these words" (each one a quoted string, so FTS5
 * operators in user text are inert). Null when the text has no searchable word.
 */
export function fts5Match(text: string, mode: "all" | "any" = "all"): string | null {
  const terms = queryTerms(text);
  if (terms.length === 0) return null;
  return terms.map((t) => `"${t.replaceAll('"', '""')}"`).join(mode === "all" ? " " : " OR ");
}
