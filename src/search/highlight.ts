// Highlighted matches for the search page: the words of a query marked with <mark> in titles,
// abstract snippets and author lists. A word is marked when its index term (analyze.ts: folded,
// stop words dropped, Porter-stemmed) is one of the query's terms, so "networks" marks
// "network" and "Networking" exactly as the engine matched them. The HTML is built from escaped
// text: no character of the query or the paper ever reaches the output unescaped. TeX is split
// off first (math.ts) and rendered by KaTeX untouched: marks only go around plain words.
import { escapeHtml, type MathSegment, renderTex, type SafeHtml, splitMath } from "../text/math.ts";
import { termOf, words } from "./analyze.ts";
import type { ParsedQuery } from "./query.ts";

/** The index terms a query's words (and author filters) stand for. */
export function queryTerms(q: Pick<ParsedQuery, "words" | "authors">): Set<string> {
  const out = new Set<string>();
  for (const w of [...q.words, ...q.authors.flat()]) {
    const t = termOf(w);
    if (t !== null) out.add(t);
  }
  return out;
}

/** TeX escapes that running text uses (44.49\%, R\&D, \$5), shown as the character (as math.ts does). */
function unescapeTexText(s: string): string {
  return s.replace(/\\([$%&_#])/g, "$1");
}

const WORD = /[\p{L}\p{N}]+/gu;
const ASCII_WORD = /^[A-Za-z0-9]+$/;

/**
 * The first characters of a set of terms, as a table over ASCII codes (1: some term starts with
 * it; 2: some term starts with a non-ASCII character, so every word must be looked up).
 */
const firstCharsOf = new WeakMap<Set<string>, Uint8Array>();
function firstChars(terms: Set<string>): Uint8Array {
  let table = firstCharsOf.get(terms);
  if (!table) {
    table = new Uint8Array(129);
    for (const t of terms) {
      const c = t.charCodeAt(0);
      table[c < 128 ? c : 128] = 1;
    }
    firstCharsOf.set(terms, table);
  }
  return table;
}

/** The term a run of letters and digits matched, or null. */
function matchedTerm(run: string, terms: Set<string>): string | null {
  if (terms.size === 0) return null;
  if (ASCII_WORD.test(run)) {
    // The common case, without words()'s folding (nothing to fold in ASCII letters and digits).
    // Porter's rules change only a word's end, so a word whose first letter starts none of the
    // terms cannot match: most words of an abstract are ruled out without stemming.
    const starts = firstChars(terms);
    const c = run.charCodeAt(0);
    if (starts[c >= 65 && c <= 90 ? c + 32 : c] === 0 && starts[128] === 0) return null;
    const t = termOf(run.length > 64 ? run.slice(0, 64).toLowerCase() : run.toLowerCase());
    return t !== null && terms.has(t) ? t : null;
  }
  // Folding can split a run ("½" -> "1", "2"); any matching part marks the whole run.
  for (const w of words(run)) {
    const t = termOf(w);
    if (t !== null && terms.has(t)) return t;
  }
  return null;
}

/** Plain text (no TeX) as escaped HTML with the query's words marked. */
export function markText(text: string, terms: Set<string>): string {
  let out = "";
  let last = 0;
  for (const m of text.matchAll(WORD)) {
    const at = m.index ?? 0;
    if (!matchedTerm(m[0], terms)) continue;
    out += `${escapeHtml(text.slice(last, at))}<mark>${escapeHtml(m[0])}</mark>`;
    last = at + m[0].length;
  }
  return out + escapeHtml(text.slice(last));
}

/** Text that may hold TeX: math rendered by KaTeX, the words around it escaped and marked. */
export function highlightHtml(text: string, terms: Set<string>): SafeHtml {
  return {
    __html: splitMath(text)
      .map((s) =>
        s.kind === "text" ? markText(unescapeTexText(s.text), terms) : renderTex(s.tex, s.display),
      )
      .join(""),
  };
}

/** One piece of a snippet: a word, the characters between words, or a whole formula. */
interface Piece {
  /** Position in visible characters from the start of the text. */
  at: number;
  cost: number;
  text?: string;
  math?: Extract<MathSegment, { kind: "math" }>;
  term?: string;
  /** Characters between words (spaces, punctuation). */
  gap?: boolean;
}

function pieces(text: string, terms: Set<string>): Piece[] {
  const out: Piece[] = [];
  let at = 0;
  const push = (p: Piece) => {
    p.at = at;
    out.push(p);
    at += p.cost;
  };
  for (const s of splitMath(text)) {
    if (s.kind === "math") {
      // A formula shows fewer characters than its source (\mathbb{R} is one glyph).
      push({ at, cost: Math.ceil(s.tex.length / 2), math: s });
      continue;
    }
    const plain = unescapeTexText(s.text);
    let last = 0;
    for (const m of plain.matchAll(WORD)) {
      const i = m.index ?? 0;
      if (i > last) push({ at, cost: i - last, text: plain.slice(last, i), gap: true });
      push({ at, cost: m[0].length, text: m[0], term: matchedTerm(m[0], terms) ?? undefined });
      last = i + m[0].length;
    }
    if (last < plain.length) push({ at, cost: plain.length - last, text: plain.slice(last), gap: true });
  }
  return out;
}

/** Characters shown before the first match of the window, so it reads as a sentence. */
const LEAD = 60;

/**
 * About `maxChars` visible characters of a text around its best match: the window holding the
 * most distinct query terms (the earliest of equals), cut at word boundaries and never inside a
 * formula (display math is shown inline, as in card previews), with "…" where text was left out.
 * Without any match, the start of the text.
 */
export function snippetHtml(text: string, terms: Set<string>, maxChars: number): SafeHtml {
  const all = pieces(text, terms);
  const total = all.length ? all[all.length - 1].at + all[all.length - 1].cost : 0;
  const matches = all.filter((p) => p.term !== undefined);
  let start = 0;
  if (total > maxChars && matches.length > 0) {
    // Sliding window over the matches (in text order): distinct terms in [m.at, m.at + span).
    const span = maxChars - LEAD;
    const inWindow = new Map<string, number>();
    let best = -1;
    let j = 0;
    for (let i = 0; i < matches.length; i++) {
      const m = matches[i];
      while (j < matches.length && matches[j].at + matches[j].cost <= m.at + span) {
        const t = matches[j++].term as string;
        inWindow.set(t, (inWindow.get(t) ?? 0) + 1);
      }
      if (inWindow.size > best) {
        best = inWindow.size;
        start = m.at;
      }
      const t = m.term as string;
      const left = (inWindow.get(t) ?? 0) - 1;
      if (left > 0) inWindow.set(t, left);
      else inWindow.delete(t);
    }
    start = Math.max(0, Math.min(start - LEAD, total - maxChars));
  }
  const end = start + maxChars;
  const kept = all.filter((p) => p.at >= start && p.at + p.cost <= end);
  // Where the text is cut, the window starts and ends on a word or formula, not on punctuation.
  if (start > 0) while (kept[0]?.gap) kept.shift();
  if (end < total) while (kept[kept.length - 1]?.gap) kept.pop();
  if (kept.length === 0) return { __html: "" };
  const first = kept[0];
  const last = kept[kept.length - 1];
  const html = kept
    .map((p) =>
      p.math
        ? renderTex(p.math.tex, false)
        : p.term !== undefined
          ? `<mark>${escapeHtml(p.text ?? "")}</mark>`
          : escapeHtml((p.text ?? "").replace(/\s+/g, " ")),
    )
    .join("");
  const before = first.at > 0 ? "… " : "";
  const after = last.at + last.cost < total ? " …" : "";
  return { __html: `${before}${html}${after}` };
}
