// A paper's indexable text -> the index's view of it (term ids, per-field frequencies, lengths).
// This runs for every paper imported, so it counts into reusable typed arrays indexed by term id
// and looks each word up once (word -> term id), instead of building maps per paper.
import { categoryTerms, words } from "./analyze.ts";
import { type DocTerms, type LexicalIndex, packTf, tfAbstract, tfTitle } from "./lexicalIndex.ts";
import type { Vocabulary } from "./vocabulary.ts";

export interface IndexableText {
  title: string;
  abstract: string;
  authors: string[];
  categories: string[];
}

let counts = new Uint16Array(3 * 4096);
let seen = new Uint8Array(4096);

/** The terms of a paper; new terms are added to the vocabulary. */
export function docTerms(p: IndexableText, vocab: Vocabulary): DocTerms {
  const touched: number[] = [];
  const lens = [0, 0, 0];
  const add = (id: number, field: number) => {
    if (id >= seen.length) grow(id + 1);
    if (!seen[id]) {
      seen[id] = 1;
      touched.push(id);
    }
    if (field >= 0 && counts[3 * id + field] < 65535) counts[3 * id + field]++;
  };
  const fields = [p.title, p.abstract, p.authors.join(" ; ")];
  for (let f = 0; f < 3; f++) {
    for (const w of words(fields[f])) {
      const id = vocab.internWord(w);
      if (id < 0) continue; // a stop word
      add(id, f);
      lens[f]++;
    }
  }
  // Category terms carry no frequency: they filter, they never score.
  for (const t of categoryTerms(p.categories)) add(vocab.intern(t), -1);
  touched.sort((a, b) => a - b);
  const termIds = Uint32Array.from(touched);
  const tfs = new Uint8Array(touched.length);
  for (let i = 0; i < touched.length; i++) {
    const o = 3 * touched[i];
    tfs[i] = packTf(counts[o], counts[o + 1], counts[o + 2]);
    counts[o] = counts[o + 1] = counts[o + 2] = 0;
    seen[touched[i]] = 0;
  }
  return { termIds, tfs, titleLen: lens[0], abstractLen: lens[1], authorsLen: lens[2] };
}

function grow(min: number): void {
  let size = seen.length;
  while (size < min) size *= 2;
  const c = new Uint16Array(3 * size);
  c.set(counts);
  counts = c;
  const s = new Uint8Array(size);
  s.set(seen);
  seen = s;
}

/** Title words count this many times in "telling" (the ranking's title weight). */
const TITLE_COUNT = 3;

/**
 * A paper's most telling terms: (1 + ln tf) · idf, tf counting a title occurrence TITLE_COUNT
 * times; the n best, best first. Authors and categories do not count.
 */
export function tellingTerms(
  index: LexicalIndex,
  termIds: Uint32Array,
  tfs: Uint8Array,
  n: number,
): { id: number; w: number }[] {
  const weighted: { id: number; w: number }[] = [];
  for (let i = 0; i < termIds.length; i++) {
    const tf = TITLE_COUNT * tfTitle(tfs[i]) + tfAbstract(tfs[i]);
    if (tf > 0) weighted.push({ id: termIds[i], w: (1 + Math.log(tf)) * index.idf(termIds[i]) });
  }
  return weighted.sort((a, b) => b.w - a.w || a.id - b.id).slice(0, n);
}
