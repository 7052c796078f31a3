// Search-as-you-type on titles: the last word is a prefix ("transfo" -> transformer,
// transformation…), every word may carry one typo ("atention"), and a title must contain every
// word typed (stop words excepted). Ranked by BM25 over the title index. Everything is in
// memory; a suggestion costs a few posting lists, well under a millisecond at 75k papers.
import type { Store } from "../store/db.ts";
import { getPapers } from "../store/papers.ts";
import { termOf, words } from "./analyze.ts";
import { getEngine, type SearchEngine } from "./engine.ts";
import type { Postings } from "./lexicalIndex.ts";
import { TopK } from "./topK.ts";
import { oneEditAway } from "./titleWords.ts";

export interface Suggestion {
  id: string;
  title: string;
}

const MAX_WORDS = 12;
/** Completions tried for the word being typed (the most frequent in titles). */
const COMPLETIONS = 8;
/** Most titles a keystroke looks at (see suggestDocs). */
const MAX_CANDIDATES = 30_000;
/** A word reached through a typo counts for less than one typed right. */
const TYPO_WEIGHT = 0.6;
const K1 = 1.2;
const B = 0.75;

export async function suggestTitles(store: Store, text: string, limit = 8): Promise<Suggestion[]> {
  const engine = await getEngine(store);
  const ids = suggestDocs(engine, text, limit).map((d) => engine.paperIds[d]);
  const papers = await getPapers(store.db, ids);
  return papers.map((p) => ({ id: p.id, title: p.title }));
}

interface Alternative {
  term: number;
  weight: number;
}

/**
 * Per-engine scratch (one slot per doc), reused so a keystroke allocates nothing that size, and
 * each title's BM25 length factor (k1 + 1) / (1 + k1 (1 - b + b len / avg)), refreshed when the
 * corpus has changed.
 */
const scratch = new WeakMap<SearchEngine, { matched: Uint16Array; score: Float32Array; norm: Float32Array; docs: number }>();

function scratchFor(engine: SearchEngine) {
  let s = scratch.get(engine);
  const n = engine.docCount;
  if (!s || s.matched.length < n) {
    const size = Math.max(1024, n * 2);
    s = { matched: new Uint16Array(size), score: new Float32Array(size), norm: new Float32Array(size), docs: -1 };
    scratch.set(engine, s);
  }
  if (s.docs !== n) {
    const titles = engine.titles;
    const avg = Math.max(titles.averageLength(1), 1);
    for (let d = 0; d < n; d++) s.norm[d] = (K1 + 1) / (1 + K1 * (1 - B + (B * titles.fieldLength(d, 1)) / avg));
    s.docs = n;
  }
  return s;
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
    return { bit: 1 << i, required: t.required, postings, total: postings.reduce((n, a) => n + a.p.length, 0) };
  });
  // A word that may be a stop word (which titles are not indexed by) cannot be required.
  const required = tokens.reduce((mask, t) => (t.required ? mask | t.bit : mask), 0);
  const order = [...tokens].sort((a, b) => Number(b.required) - Number(a.required) || a.total - b.total);
  const { matched, score, norm } = scratchFor(engine);
  const touched: number[] = [];
  const credit = (d: number, bit: number, w: number) => {
    matched[d] |= bit;
    score[d] += w * norm[d];
  };
  // When even the rarest word is in very many titles, suggestions come from the newest of them
  // (doc numbers grow with arrival): it bounds a keystroke's work at any corpus size.
  const rarest = order[0]?.total ?? 0;
  const minDoc = rarest > MAX_CANDIDATES ? Math.floor(engine.docCount * (1 - MAX_CANDIDATES / rarest)) : 0;
  let candidates: number[] | null = null;
  let need = 0;
  for (const t of order) {
    if (candidates === null) {
      // The rarest required word (or, if none is required, every word): read its postings.
      for (const a of t.postings) {
        const w = a.weight * titles.idf(a.term);
        for (let j = firstAtLeast(a.p, minDoc); j < a.p.start + a.p.length; j++) {
          const d = a.p.docs[j];
          if (!titles.isLive(d) || matched[d] & t.bit) continue;
          if (matched[d] === 0) touched.push(d);
          credit(d, t.bit, w);
        }
      }
      if (t.required) candidates = touched.slice();
    } else {
      const probe = candidates.length * t.postings.length * 20 < t.total;
      for (const a of t.postings) {
        const w = a.weight * titles.idf(a.term);
        if (probe) {
          for (const d of candidates) if (!(matched[d] & t.bit) && contains(a.p, d)) credit(d, t.bit, w);
        } else {
          for (let j = firstAtLeast(a.p, minDoc); j < a.p.start + a.p.length; j++) {
            const d = a.p.docs[j];
            if (matched[d] !== 0 && !(matched[d] & t.bit)) credit(d, t.bit, w);
          }
        }
      }
    }
    if (t.required) {
      need |= t.bit;
      const have: number[] = candidates ?? touched;
      const kept = have.filter((d) => (matched[d] & need) === need);
      // Nothing has every word so far: keep ranking the partial matches instead.
      if (kept.length > 0) candidates = kept;
    }
  }
  // Titles with every required word; if none has them all, the ones with most of them.
  const top = new TopK(limit);
  for (const d of touched) top.offer(d, popcount(matched[d] & required) * 1000 + score[d]);
  for (const d of touched) {
    matched[d] = 0;
    score[d] = 0;
  }
  const best = top.sorted();
  const full = popcount(required);
  const complete = best.filter((h) => Math.floor(h.score / 1000) === full);
  return (complete.length > 0 ? complete : best).map((h) => h.doc);
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

/** Is doc d in this (ascending) posting list? */
function contains(p: Postings, d: number): boolean {
  let lo = p.start;
  let hi = p.start + p.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = p.docs[mid];
    if (x === d) return true;
    if (x < d) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
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
