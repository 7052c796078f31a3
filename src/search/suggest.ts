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

/** An author whose name starts with what was typed. */
export interface AuthorSuggestion {
  name: string;
  /** Papers of this instance with that name among their authors. */
  papers: number;
}

/** Authors offered at most, above the titles. */
export const MAX_AUTHOR_SUGGESTIONS = 3;
/** An arXiv id being typed: new style ("2606.1368", "arXiv:2606") or old ("hep-th/99"). */
const ID_PREFIX = /^(?:arxiv:)?(\d{4}(?:\.\d{0,5})?|[a-z-]+(?:\.[a-z]{2})?\/\d{0,7})$/i;

/**
 * Titles for what has been typed; when it is the start of an arXiv id, the papers whose id
 * starts so (newest id first).
 */
export async function suggestTitles(search: SearchState, text: string, limit = 8): Promise<Suggestion[]> {
  const engine = await getEngine(search);
  const id = ID_PREFIX.exec(String(text ?? "").trim());
  const docs = id ? idPrefixDocs(engine, id[1].toLowerCase(), limit) : suggestDocs(engine, text, limit);
  const ids = docs.map((d) => engine.paperIds[d]);
  const papers = await getPapers(search.db, ids);
  // Shown as plain text (the header's list, the API): the title's TeX as readable characters.
  return papers.map((p) => ({
    id: p.id,
    title: texToText(p.title),
    authors: p.authors,
    publishedAt: p.publishedAt,
  }));
}

/** Authors whose names start with the words typed (authors.ts), most papers first. */
export async function suggestAuthors(
  search: SearchState,
  text: string,
  limit = MAX_AUTHOR_SUGGESTIONS,
): Promise<AuthorSuggestion[]> {
  const typed = String(text ?? "").slice(0, 200);
  if (typed.trim().length < 2 || ID_PREFIX.test(typed.trim())) return [];
  const engine = await getEngine(search);
  const index = await engine.authors();
  return index
    .suggest(typed, limit, (d) => engine.lexical.isLive(d))
    .map((a) => ({ name: a.name, papers: a.papers }));
}

/** Paper ids sorted, per engine, rebuilt when papers were indexed since. */
const sortedIds = new WeakMap<SearchEngine, { docs: number; ids: { id: string; doc: number }[] }>();

/** Live docs whose paper id starts with `prefix`, the newest ids first. */
export function idPrefixDocs(engine: SearchEngine, prefix: string, limit: number): number[] {
  let cached = sortedIds.get(engine);
  if (!cached || cached.docs !== engine.docCount) {
    const ids = engine.paperIds.map((id, doc) => ({ id: id.toLowerCase(), doc }));
    ids.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.doc - b.doc));
    cached = { docs: engine.docCount, ids };
    sortedIds.set(engine, cached);
  }
  const all = cached.ids;
  // The first id past every one with the prefix ("\uffff" sorts after any id character).
  const end = lowerBound(all, `${prefix}\uffff`);
  const out: number[] = [];
  for (let i = end - 1; i >= 0 && all[i].id.startsWith(prefix) && out.length < limit; i--)
    if (engine.lexical.isLive(all[i].doc)) out.push(all[i].doc);
  return out;
}

function lowerBound(all: { id: string }[], key: string): number {
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (all[mid].id < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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
