// Search-as-you-type on titles: the last word is a prefix ("transfo" -> transformer,
// transformation…), every word may carry one typo ("atention"), and a title must contain every
// word typed (stop words excepted). Ranked by BM25 over the title index. Everything is in
// memory; a suggestion costs a few posting lists, well under a millisecond at 75k papers.
import { getPapers } from "../store/papers.ts";
import { texToText } from "../text/texText.ts";
import { termOf, words } from "./analyze.ts";
import { getEngine, type SearchEngine } from "./engine.ts";
import type { Postings } from "./lexicalIndex.ts";
import type { SearchState } from "./state.ts";
import { oneEditAway } from "./titleWords.ts";
import { TopK } from "./topK.ts";

export interface Suggestion {
  id: string;
  title: string;
  /** All authors (callers show the first few). */
  authors: string[];
  publishedAt: string | null;
}

const MAX_WORDS = 12;
/** Completions tried for the word being typed (the most frequent in titles). */
const COMPLETIONS = 8;
/** Most titles a keystroke looks at (see suggestDocs). */
const MAX_CANDIDATES = 20_000;
/** A word reached through a typo counts for less than one typed right. */
const TYPO_WEIGHT = 0.6;
const K1 = 1.2;
const B = 0.75;

export async function suggestTitles(search: SearchState, text: string, limit = 8): Promise<Suggestion[]> {
  const engine = await getEngine(search);
  const ids = suggestDocs(engine, text, limit).map((d) => engine.paperIds[d]);
  const papers = await getPapers(search.db, ids);
  // Shown as plain text (the header's list, the API): the title's TeX as readable characters.
  return papers.map((p) => ({
    id: p.id,
    title: texToText(p.title),
    authors: p.authors,
    publishedAt: p.publishedAt,
  }));
}

interface Alternative {
  term: number;
  weight: number;
}

/*
 * The engine's scratch (SearchEngine.suggestScratch), reused so a keystroke allocates nothing
 * corpus-sized: three floats per doc, side by side so a posting touches one cache line: the bits
 * of the words matched so far, the score, and the title's BM25 length factor
 * (k1 + 1) / (1 + k1 (1 - b + b len / avg)), refreshed when the corpus has changed.
 */
const MATCHED = 0;
const SCORE = 1;
const NORM = 2;

function slotsFor(engine: SearchEngine): Float32Array {
  let s = engine.suggestScratch;
  const n = engine.docCount;
  if (!s || s.slots.length < 3 * n) {
    s = { slots: new Float32Array(3 * Math.max(1024, n * 2)), docs: -1 };
    engine.suggestScratch = s;
  }
  if (s.docs !== n) {
    const titles = engine.titles;
    const avg = Math.max(titles.averageLength(1), 1);
    for (let d = 0; d < n; d++)
      s.slots[3 * d + NORM] = (K1 + 1) / (1 + K1 * (1 - B + (B * titles.fieldLength(d, 1)) / avg));
    s.docs = n;
  }
  return s.slots;
}

/**
 * Doc numbers of the best title matches for what has been typed so far. Required words are
 * taken rarest first: the first one's postings give the candidates, and each later word only
 * checks those candidates (by binary search when that is cheaper than reading its postings).
 */
export function suggestDocs(engine: SearchEngine, text: string, limit: number): number[] {
  const typed = words(String(text ?? "").slice(0, 300)).slice(0, MAX_WORDS);
  if (typed.length === 0 || limit <= 0) return [];
  const lastIsPrefix = !/\s$/.test(text);
  const titles = engine.titles;
  const tokens = typed.map((w, i) => {
    const t = alternatives(engine, w, lastIsPrefix && i === typed.length - 1);
    const postings = t.alternatives.map((a) => ({ ...a, p: titles.postings(a.term) }));
    return {
      bit: 1 << i,
      required: t.required,
      postings,
      total: postings.reduce((n, a) => n + a.p.length, 0),
    };
  });
  // A word that may be a stop word (which titles are not indexed by) cannot be required.
  const required = tokens.reduce((mask, t) => (t.required ? mask | t.bit : mask), 0);
  const order = [...tokens].sort((a, b) => Number(b.required) - Number(a.required) || a.total - b.total);
  const slots = slotsFor(engine);
  const touched: number[] = [];
  // When even the rarest word is in very many titles, suggestions come from the newest of them
  // (doc numbers grow with arrival): it bounds a keystroke's work at any corpus size.
  const rarest = order[0]?.total ?? 0;
  const minDoc = rarest > MAX_CANDIDATES ? Math.floor(engine.docCount * (1 - MAX_CANDIDATES / rarest)) : 0;
  let candidates: number[] | null = null;
  let need = 0;
  for (const t of order) {
    for (const a of t.postings) {
      const w = a.weight * titles.idf(a.term);
      const { docs, start, length } = a.p;
      if (candidates === null) {
        // The rarest required word (or, if none is required, every word): read its postings.
        scanAll(docs, firstAtLeast(a.p, minDoc), start + length, t.bit, w, slots, touched);
      } else if (candidates.length * 20 < length) {
        probe(docs, start, start + length, candidates, t.bit, w, slots);
      } else {
        scanTouched(docs, firstAtLeast(a.p, minDoc), start + length, t.bit, w, slots);
      }
    }
    if (t.required) {
      need |= t.bit;
      const have: number[] = candidates ?? touched;
      const kept = have.filter((d) => (slots[3 * d + MATCHED] & need) === need);
      // Nothing has every word so far: keep ranking the partial matches instead.
      if (kept.length > 0 || candidates === null) candidates = kept.length > 0 ? kept : touched.slice();
    }
  }
  // Titles with every required word; if none has them all, the ones with most of them.
  const top = new TopK(limit);
  for (const d of touched) {
    if (titles.isLive(d))
      top.offer(d, popcount(slots[3 * d + MATCHED] & required) * 1000 + slots[3 * d + SCORE]);
    slots[3 * d + MATCHED] = 0;
    slots[3 * d + SCORE] = 0;
  }
  const best = top.sorted();
  const full = popcount(required);
  const complete = best.filter((h) => Math.floor(h.score / 1000) === full);
  return (complete.length > 0 ? complete : best).map((h) => h.doc);
}

// The three loops over postings, as small functions over typed arrays (monomorphic, so V8
// compiles them tight: inlined in one big function they ran several times slower).

/** Credits every doc of docs[from..to) with this word, remembering the docs first seen. */
function scanAll(
  docs: Uint32Array,
  from: number,
  to: number,
  bit: number,
  w: number,
  slots: Float32Array,
  touched: number[],
): void {
  for (let j = from; j < to; j++) {
    const o = 3 * docs[j];
    const m = slots[o];
    if (m & bit) continue;
    if (m === 0) touched.push(docs[j]);
    slots[o] = m | bit;
    slots[o + 1] += w * slots[o + 2];
  }
}

/** Credits the docs of docs[from..to) already seen (candidates), by reading the postings. */
function scanTouched(
  docs: Uint32Array,
  from: number,
  to: number,
  bit: number,
  w: number,
  slots: Float32Array,
): void {
  for (let j = from; j < to; j++) {
    const o = 3 * docs[j];
    const m = slots[o];
    if (m === 0 || m & bit) continue;
    slots[o] = m | bit;
    slots[o + 1] += w * slots[o + 2];
  }
}

/** Credits the candidates found in docs[from..to), by binary search (few candidates, long list). */
function probe(
  docs: Uint32Array,
  from: number,
  to: number,
  candidates: number[],
  bit: number,
  w: number,
  slots: Float32Array,
): void {
  for (const d of candidates) {
    const o = 3 * d;
    if (slots[o] & bit) continue;
    let lo = from;
    let hi = to - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const x = docs[mid];
      if (x === d) {
        slots[o] = slots[o] | bit;
        slots[o + 1] += w * slots[o + 2];
        break;
      }
      if (x < d) lo = mid + 1;
      else hi = mid - 1;
    }
  }
}

/** Index of the first posting with a doc number of at least d. */
function firstAtLeast(p: Postings, d: number): number {
  let lo = p.start;
  let hi = p.start + p.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (p.docs[mid] < d) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function alternatives(
  engine: SearchEngine,
  w: string,
  isPrefix: boolean,
): { alternatives: Alternative[]; required: boolean } {
  const tw = engine.titleWords;
  let candidates: { word: string; weight: number }[] = [];
  // Suggestions start at two letters: one letter would complete to half the vocabulary.
  if (isPrefix && w.length < 2) return { alternatives: [], required: false };
  if (isPrefix) {
    candidates = tw.withPrefix(w, COMPLETIONS).map((word) => ({ word, weight: 1 }));
    if (candidates.length === 0 && w.length >= 3) {
      const fixes = oneEditAway(w).filter((v) => tw.hasPrefix(v));
      const words = [...new Set(fixes.flatMap((v) => tw.withPrefix(v, 3)))];
      candidates = words
        .sort((a, b) => tw.count(b) - tw.count(a))
        .slice(0, COMPLETIONS)
        .map((word) => ({ word, weight: TYPO_WEIGHT }));
    }
  } else if (tw.has(w) || termOf(w) === null) {
    candidates = [{ word: w, weight: 1 }];
  } else if (w.length >= 3) {
    candidates = oneEditAway(w)
      .filter((v) => tw.has(v))
      .sort((a, b) => tw.count(b) - tw.count(a))
      .slice(0, 5)
      .map((word) => ({ word, weight: TYPO_WEIGHT }));
  }
  const alts = new Map<number, number>();
  let mayBeStopWord = candidates.length === 0;
  for (const c of candidates) {
    const term = termOf(c.word);
    if (term === null) {
      mayBeStopWord = true;
      continue;
    }
    const id = engine.state.vocab.id(term);
    if (id !== undefined) alts.set(id, Math.max(alts.get(id) ?? 0, c.weight));
  }
  return {
    alternatives: [...alts].map(([term, weight]) => ({ term, weight })),
    required: !mayBeStopWord,
  };
}

function popcount(x: number): number {
  let n = 0;
  for (let v = x; v; v &= v - 1) n++;
  return n;
}
