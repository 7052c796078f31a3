// What a user typed -> a structured query. Only a few exact forms mean something:
//
//   2401.12345, arXiv:2401.12345v2, an arxiv.org abs/pdf URL   jump to that paper
//   10.1038/nature12373, doi:…, https://doi.org/…             jump to the paper with that DOI
//   author:hinton  author:"Geoffrey Hinton"  au:…              every word in the author list
//   category:cs.LG  cat:cs  (several = any of them)            primary or cross-list; an archive
//   from:2024-01  to:2024-06-30  after:…  before:…  year:2024  date:2024-01..2024-06
//   sort:date  sort:relevance
//   "state space model"                                       these words, in this order
//   -survey  -"large language"                                without that word / phrase (not -2)
//
// Everything else is plain words: NEAR, AND/OR/NOT, *, ^, unknown "x:" prefixes, parentheses and
// an unclosed quote never act as syntax, because no full-text engine ever sees the text: phrases
// and exclusions are checked by the engine itself (engine.ts).
import { parseArxivRef } from "../model/arxivId.ts";
import { words } from "./analyze.ts";

export const MAX_QUERY_LENGTH = 1000;
const MAX_WORDS = 32;
/** At most this many phrases and this many exclusions are kept (the rest are dropped). */
const MAX_PHRASES = 4;
const MAX_EXCLUSIONS = 8;
/** Words kept of one phrase or excluded phrase. */
const MAX_PHRASE_WORDS = 12;

export type DirectHit = { kind: "arxiv"; id: string } | { kind: "doi"; doi: string };

export interface ParsedQuery {
  /** The free words (lower-cased, accents folded), in order; what relevance is computed on. Holds the phrases' words too. */
  words: string[];
  /** Quoted runs of two or more words: a paper must hold each one, word after word. */
  phrases: string[][];
  /** `-word` / `-"some words"`: a paper holding any of them is left out (one word: by its term). */
  excluded: string[][];
  /** Each author filter's words; a paper must have all words of every filter among its authors. */
  authors: string[][];
  /** Lower-cased categories or archives; a paper must be in at least one. */
  categories: string[];
  /** Inclusive first and last day (days since 1970-01-01), or null. */
  from: number | null;
  to: number | null;
  sort: "relevance" | "date" | null;
  /** The whole query names one paper. */
  direct: DirectHit | null;
}

const DOI = /^(?:doi:\s*|https?:\/\/(?:dx\.)?doi\.org\/)?(10\.\d{4,9}\/\S+)$/i;
/** arXiv's own DOIs (10.48550/arXiv.2401.12345) name an arXiv paper. */
const ARXIV_DOI = /^10\.48550\/arxiv\.(.+)$/i;
const FILTER = /^([a-z]+):(?:"([^"]*)"?|(\S*))/i;
const CATEGORY = /^[a-z-]+(?:\.[a-z-]+)?$/i;

export function parseQuery(input: string): ParsedQuery {
  const text = String(input ?? "").slice(0, MAX_QUERY_LENGTH);
  const q: ParsedQuery = {
    words: [],
    phrases: [],
    excluded: [],
    authors: [],
    categories: [],
    from: null,
    to: null,
    sort: null,
    direct: directHit(text.trim()),
  };
  if (q.direct) return q;
  const free: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (i >= text.length) break;
    const m = FILTER.exec(text.slice(i, i + 300));
    if (m && applyFilter(q, m[1].toLowerCase(), m[2] ?? m[3] ?? "")) {
      i += m[0].length;
      continue;
    }
    // "-2" or "-0.5" is a number (a list "E2F-1, -2, -3", a value), not an exclusion.
    const negated = text[i] === "-" && i + 1 < text.length && !/[\s\d-]/.test(text[i + 1]);
    const start = negated ? i + 1 : i;
    // A quote closed later in the text is a phrase; an unclosed one is an ordinary character.
    const close = text[start] === '"' ? text.indexOf('"', start + 1) : -1;
    let j: number;
    let run: string[];
    if (close > 0) {
      run = words(text.slice(start + 1, close));
      j = close + 1;
    } else {
      j = start;
      while (j < text.length && !/\s/.test(text[j])) j++;
      run = words(text.slice(start, j));
    }
    if (negated) {
      if (run.length > 0 && q.excluded.length < MAX_EXCLUSIONS)
        q.excluded.push(run.slice(0, MAX_PHRASE_WORDS));
    } else {
      if (close > 0 && run.length > 1 && q.phrases.length < MAX_PHRASES)
        q.phrases.push(run.slice(0, MAX_PHRASE_WORDS));
      free.push(...run);
    }
    i = j;
  }
  q.words = free.slice(0, MAX_WORDS);
  return q;
}

/** True when the key:value pair was a filter (and is now in q). */
function applyFilter(q: ParsedQuery, key: string, value: string): boolean {
  const v = value.trim();
  switch (key) {
    case "author":
    case "au": {
      const ws = words(v).slice(0, 8);
      if (ws.length === 0) return false;
      q.authors.push(ws);
      return true;
    }
    case "category":
    case "cat":
      if (!CATEGORY.test(v)) return false;
      q.categories.push(v.toLowerCase());
      return true;
    case "from":
    case "since":
      return setBound(q, "from", dayRange(v)?.[0]);
    case "after":
      return setBound(q, "from", plusDays(dayRange(v)?.[1], 1));
    case "to":
    case "until":
      return setBound(q, "to", dayRange(v)?.[1]);
    case "before":
      return setBound(q, "to", plusDays(dayRange(v)?.[0], -1));
    case "year":
    case "date": {
      const [a, b] = v.split("..");
      const first = dayRange(a ?? "");
      const last = b === undefined ? first : dayRange(b);
      if (!first || !last) return false;
      q.from = first[0];
      q.to = last[1];
      return true;
    }
    case "sort":
      if (v === "date" || v === "newest") q.sort = "date";
      else if (v === "relevance") q.sort = "relevance";
      else return false;
      return true;
    default:
      return false;
  }
}

function setBound(q: ParsedQuery, which: "from" | "to", day: number | undefined): boolean {
  if (day === undefined) return false;
  q[which] = day;
  return true;
}

const plusDays = (day: number | undefined, n: number) => (day === undefined ? undefined : day + n);

/** "2024", "2024-06" or "2024-06-30" -> [first day, last day] (days since epoch), or null. */
export function dayRange(s: string): [number, number] | null {
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(s.trim());
  if (!m) return null;
  const y = Number(m[1]);
  const mo = m[2] === undefined ? null : Number(m[2]);
  const d = m[3] === undefined ? null : Number(m[3]);
  if (mo !== null && (mo < 1 || mo > 12)) return null;
  if (mo === null) return [dayNumber(y, 1, 1), dayNumber(y + 1, 1, 1) - 1];
  const monthEnd = dayNumber(y, mo + 1, 1) - 1;
  if (d === null) return [dayNumber(y, mo, 1), monthEnd];
  const day = dayNumber(y, mo, d);
  if (d < 1 || day > monthEnd) return null;
  return [day, day];
}

/** Days since 1970-01-01 (UTC) of a calendar date (month 13 rolls over, as Date.UTC does). */
export function dayNumber(y: number, m: number, d: number): number {
  return Math.floor(Date.UTC(y, m - 1, d) / 86_400_000);
}

/** The day number of an ISO timestamp or date, or null. */
export function dayOf(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const t = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return Number.isFinite(t) ? Math.floor(t / 86_400_000) : null;
}

function directHit(text: string): DirectHit | null {
  if (!text || /\s/.test(text)) return null;
  const ref = parseArxivRef(text);
  if (ref) return { kind: "arxiv", id: ref.id };
  const doi = DOI.exec(text);
  if (!doi) return null;
  const arxiv = ARXIV_DOI.exec(doi[1]);
  const arxivRef = arxiv ? parseArxivRef(arxiv[1]) : null;
  if (arxivRef) return { kind: "arxiv", id: arxivRef.id };
  return { kind: "doi", doi: doi[1].replace(/[.,;]+$/, "") };
}
