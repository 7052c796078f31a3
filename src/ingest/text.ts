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

/** "Tue, 18 Mar 2025 00:00:00 GMT" or "2025-03-18" -> ISO 8601, or null when unparseable. */
export function toIso(date: string | null | undefined): string | null {
  if (!date) return null;
  const t = Date.parse(date.trim());
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
