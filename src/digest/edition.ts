// An edition: the papers one period's digest shows to one topic set, reduced to exactly what the
// mail prints (titles already degraded from TeX, abstracts cut to two lines). Stored as JSON in
// digest_editions and shared by every subscriber with that topic set.
import { createHash } from "node:crypto";
import type { Paper } from "../model/paper.ts";
import { texToText } from "../text/texText.ts";
import type { DigestPeriod } from "./periods.ts";

export interface DigestPaper {
  id: string;
  title: string;
  authors: string[];
  /** Authors not listed. */
  moreAuthors: number;
  upvotes: number;
  /** About two lines of the abstract, plain text. */
  excerpt: string;
  category: string | null;
}

export interface EditionContent {
  /** Of this layout (see storedContent.ts, which reads it back). */
  version: 1;
  period: DigestPeriod;
  /** [] = all topics. */
  topics: string[];
  /** The period's top papers. */
  top: DigestPaper[];
  /** Papers trending now (upvoted, from the last 30 days) that are not in `top`. */
  trending: DigestPaper[];
}

export const MAX_AUTHORS = 5;
/** Roughly two lines of a 600px mail column. */
export const EXCERPT_CHARS = 220;

export function toDigestPaper(p: Paper): DigestPaper {
  return {
    id: p.id,
    title: texToText(p.title),
    authors: p.authors.slice(0, MAX_AUTHORS),
    moreAuthors: Math.max(0, p.authors.length - MAX_AUTHORS),
    upvotes: p.upvotes,
    excerpt: excerpt(texToText(p.abstract), EXCERPT_CHARS),
    category: p.primaryCategory ?? p.categories[0] ?? null,
  };
}

/** The first `max` characters, cut at a word boundary, with an ellipsis when cut. */
export function excerpt(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max + 1);
  const space = head.lastIndexOf(" ");
  return `${(space > max * 0.6 ? head.slice(0, space) : head.slice(0, max)).replace(/[\s,;:.(\-–—]+$/, "")}…`;
}

export function editionId(periodKey: string, topicsJson: string): string {
  return createHash("sha256").update(`${periodKey}\n${topicsJson}`).digest("base64url").slice(0, 24);
}

export function authorLine(p: DigestPaper): string {
  return p.authors.join(", ") + (p.moreAuthors > 0 ? ` and ${p.moreAuthors} more` : "");
}
