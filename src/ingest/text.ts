// Text clean-up shared by every parser: arXiv metadata arrives hard-wrapped at ~80 columns.

/** Collapses all white space runs (titles, author names). */
export function oneLine(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

/**
 * Joins hard-wrapped lines but keeps paragraphs. arXiv marks a new paragraph with a line that
 * starts with white space (or a blank line); other line breaks are wrapping.
 */
export function paragraphs(s: string): string {
  return s
    .replace(/\r\n?/g, "\n")
    .trim()
    .split(/\n(?:\s*\n|[ \t]+)/)
    .map(oneLine)
    .filter(Boolean)
    .join("\n\n");
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const RFC_DATE =
  /^(?:[A-Z][a-z]{2},\s*)?\d{1,2}\s+[A-Z][a-z]{2}\s+\d{4}(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s+(?:[A-Z]{1,5}|[+-]\d{4}))?)?$/;

/** "Tue, 18 Mar 2025 00:00:00 GMT" or "2025-03-18" -> ISO 8601, or null when unparseable. */
export function toIso(date: string | null | undefined): string | null {
  if (!date) return null;
  const text = date.trim();
  // Date.parse is lenient ("garbage 12" is a date to it): accept only the layouts feeds use,
  // ISO 8601 and RFC 822/2822 (with or without the weekday).
  if (!ISO_DATE.test(text) && !RFC_DATE.test(text)) return null;
  const t = Date.parse(text);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** Splits an arXiv author list: "A, B and C" -> [A, B, C]. */
export function splitAuthors(s: string): string[] {
  return oneLine(s)
    .replace(/\s*\([^()]*\)/g, "") // affiliations in parentheses
    .split(/,\s*(?:and\s+)?|\s+and\s+/)
    .map((a) => a.trim())
    .filter(Boolean);
}
