// Character 3-grams: the re-score that catches what Porter stems split. "partnership" and
// "partner", "E2Fs" and "E2F", "p16INK4A" and "p16(INK4a)", "folate" and "folic" share most of
// their 3-grams but not their stems. A BM25F over the 3-grams of each word padded as `#word#`
// (stop words dropped) re-scores the best RERANK_DEPTH candidates of the word ranking from their
// stored text (SciFact: +.004–.008 on both halves on top of the other signals, README "Fourth
// round"). No gram index is kept: the grams' document frequencies come from the LSA training
// sample (persisted per model in search_grams) and a candidate's grams are counted at query time.
import { STOPWORDS, words } from "./analyze.ts";

/** BM25F of the grams: the word ranking's k1, b and title weight. */
const K1 = 1.2;
const B = 0.75;
const TITLE_WEIGHT = 3;
const PAD = 35; // '#'
const isAsciiWordChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** 1 for the ASCII characters of words (isAsciiWordChar as a table, for the scorer's loop). */
const ASCII_WORD = Uint8Array.from({ length: 128 }, (_, c) => (isAsciiWordChar(c) ? 1 : 0));
const MAX_WORD_LENGTH = 64;
const LONGEST_STOPWORD = Math.max(...[...STOPWORDS].map((w) => w.length));

/**
 * A 3-gram as one number. Three code units below 1,024 (Latin, Greek, digits: nearly all of
 * them) pack into 30 bits, a small integer V8 hashes fast; others use 16 bits each, from 2^32 up
 * (exact in a double), so the two ranges never meet.
 */
const codeOf = (a: number, b: number, c: number) =>
  (a | b | c) < 1024 ? (a << 20) | (b << 10) | c : a * 4294967296 + b * 65536 + c;

/**
 * The codes of every 3-gram of the text's words (`words` of analyze.ts, stop words dropped), in
 * order, repeats kept, written to `out` from 0; returns how many. This runs over the text of 100
 * candidates per search, so ASCII words are scanned in place (no regex, no string per word or
 * gram); a run of characters with any non-ASCII one goes through `words` (folding, splitting).
 * A property test holds it equal to the plain definition (`gramCodesPlain`).
 */
export function gramCodes(raw: string, out: number[]): number {
  // The whole text lower-cased at once, as `words` does (natively fast, and Σ needs its context:
  // final ς after a letter, which reaches across "." or "'").
  const text = raw.toLowerCase();
  let n = 0;
  const len = text.length;
  let i = 0;
  while (i < len) {
    let c = text.charCodeAt(i);
    if (!(isAsciiWordChar(c) || c >= 128)) {
      i++;
      continue;
    }
    const start = i;
    let ascii = true;
    while (i < len) {
      c = text.charCodeAt(i);
      if (isAsciiWordChar(c)) i++;
      else if (c >= 128) {
        ascii = false;
        i++;
      } else break;
    }
    if (ascii) n = asciiWordGrams(text, start, Math.min(i, start + MAX_WORD_LENGTH), out, n);
    else for (const w of words(text.slice(start, i))) if (!STOPWORDS.has(w)) n = wordGrams(w, out, n);
  }
  return n;
}

/**
 * The grams of the ASCII word text[from, to) (already lower case), written after `n` (none
 * for a stop word). Every code fits the 30-bit form.
 */
function asciiWordGrams(text: string, from: number, to: number, out: number[], n: number): number {
  if (to - from <= LONGEST_STOPWORD && isAsciiStopword(text, from, to)) return n;
  let a = PAD;
  let b = text.charCodeAt(from);
  for (let k = from + 1; k < to; k++) {
    const c = text.charCodeAt(k);
    out[n++] = (a << 20) | (b << 10) | c;
    a = b;
    b = c;
  }
  out[n++] = (a << 20) | (b << 10) | PAD;
  return n;
}

/** The grams of a word as `words` gives it (any script), written after `n`. */
function wordGrams(w: string, out: number[], n: number): number {
  let a = PAD;
  let b = w.charCodeAt(0);
  for (let k = 1; k < w.length; k++) {
    const c = w.charCodeAt(k);
    out[n++] = codeOf(a, b, c);
    a = b;
    b = c;
  }
  out[n++] = codeOf(a, b, PAD);
  return n;
}

/** Stop words as numbers (letters a–z in base 27), so an ASCII word is checked without a string. */
const stopwordKey = (word: string, from: number, to: number): number => {
  let key = 0;
  for (let k = from; k < to; k++) {
    const c = word.charCodeAt(k);
    if (c < 97 || c > 122) return -1;
    key = key * 27 + (c - 96);
  }
  return key;
};
const STOPWORD_KEYS = new Set([...STOPWORDS].map((w) => stopwordKey(w, 0, w.length)));
/** Stop words by length, first and last letter: most words are ruled out without a hash lookup. */
const STOPWORD_SHAPES = new Uint8Array((LONGEST_STOPWORD + 1) * 128 * 128);
const shapeOf = (length: number, first: number, last: number) => (length * 128 + first) * 128 + last;
for (const w of STOPWORDS)
  if (w.length <= LONGEST_STOPWORD)
    STOPWORD_SHAPES[shapeOf(w.length, w.charCodeAt(0) & 127, w.charCodeAt(w.length - 1) & 127)] = 1;
const isAsciiStopword = (text: string, from: number, to: number) => {
  if (STOPWORD_SHAPES[shapeOf(to - from, text.charCodeAt(from) & 127, text.charCodeAt(to - 1) & 127)] === 0)
    return false;
  const key = stopwordKey(text, from, to);
  return key >= 0 && STOPWORD_KEYS.has(key);
};

/** The definition `gramCodes` must equal: every word of `words`, padded "#w#", cut in threes. */
export function gramCodesPlain(text: string): number[] {
  const out: number[] = [];
  for (const w of words(text)) {
    if (STOPWORDS.has(w)) continue;
    const s = `#${w}#`;
    for (let k = 0; k + 3 <= s.length; k++)
      out.push(codeOf(s.charCodeAt(k), s.charCodeAt(k + 1), s.charCodeAt(k + 2)));
  }
  return out;
}

/**
 * The query's grams → their slot, for the tight loop over candidates' grams: 30-bit codes in an
 * open-addressing table of typed arrays (most of a text's grams are not the query's, and a miss
 * must be cheap), the rare wide codes in a Map.
 */
class SlotTable {
  readonly keys: Int32Array;
  readonly slots: Int32Array;
  readonly shift: number;
  /** 1 at (a << 7) | b for each narrow query gram (a, b, c) whose a and b are ASCII. */
  readonly pairs = new Uint8Array(1 << 14);
  private readonly wide = new Map<number, number>();

  constructor(slot: Map<number, number>) {
    let bits = 6;
    while (1 << bits < 4 * slot.size) bits++;
    this.keys = new Int32Array(1 << bits).fill(-1);
    this.slots = new Int32Array(1 << bits);
    this.shift = 32 - bits;
    for (const [code, s] of slot) {
      if (code >= NARROW) {
        this.wide.set(code, s);
        continue;
      }
      const a = code >>> 20;
      const b = (code >>> 10) & 1023;
      if (a < 128 && b < 128) this.pairs[(a << 7) | b] = 1;
      let h = Math.imul(code, 0x9e3779b1) >>> this.shift;
      while (this.keys[h] !== -1) h = (h + 1) & (this.keys.length - 1);
      this.keys[h] = code;
      this.slots[h] = s;
    }
  }

  /** The slot of a code, or -1. */
  get(code: number): number {
    if (code >= NARROW) return this.wide.get(code) ?? -1;
    const mask = this.keys.length - 1;
    let h = Math.imul(code, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const k = this.keys[h];
      if (k === code) return this.slots[h];
      if (k === -1) return -1;
      h = (h + 1) & mask;
    }
  }
}

/**
 * How many grams the text has (as `gramCodes` counts them), adding one to `counts[slot]` for each
 * that is a query gram. The same scan as `gramCodes`, fused with the lookup: a candidate's grams
 * are never written out, and an ASCII word (nearly all of them) is looked up in the table's
 * arrays in place.
 */
function countQueryGrams(raw: string, table: SlotTable, counts: Float64Array): number {
  const text = raw.toLowerCase();
  const { keys, slots, shift, pairs } = table;
  const mask = keys.length - 1;
  const hits = wordHits;
  let total = 0;
  const len = text.length;
  let i = 0;
  while (i < len) {
    const c = text.charCodeAt(i);
    if (c < 128 && ASCII_WORD[c] === 0) {
      i++;
      continue;
    }
    const start = i;
    const cap = start + MAX_WORD_LENGTH;
    // One pass over an ASCII word: its grams are counted as it is read, and taken back if it
    // turns out to be a stop word or to hold a non-ASCII character (then `words` reads the run).
    let n = 0;
    let ascii = c < 128;
    let a = PAD;
    let b = c;
    i++;
    while (ascii) {
      const d = i < len ? text.charCodeAt(i) : 32;
      if (d >= 128) ascii = false;
      else if (ASCII_WORD[d] === 1 && i < cap) {
        n = probe(a, b, d, n);
        a = b;
        b = d;
        i++;
      } else {
        // The word (clipped at MAX_WORD_LENGTH) ends: its last gram, then past what is left of it.
        n = probe(a, b, PAD, n);
        while (i < len) {
          const f = text.charCodeAt(i);
          if (f >= 128) ascii = false;
          else if (ASCII_WORD[f] === 0) break;
          i++;
        }
        break;
      }
    }
    if (!ascii) {
      for (let j = 0; j < n; j++) counts[hits[j]]--;
      while (i < len) {
        const f = text.charCodeAt(i);
        if (f < 128 && ASCII_WORD[f] === 0) break;
        i++;
      }
      for (const w of words(text.slice(start, i))) {
        if (STOPWORDS.has(w)) continue;
        const m = wordGrams(w, wordScratch, 0);
        for (let j = 0; j < m; j++) {
          const s = table.get(wordScratch[j]);
          if (s >= 0) counts[s]++;
        }
        total += m;
      }
      continue;
    }
    const to = Math.min(i, cap);
    if (to - start <= LONGEST_STOPWORD && isAsciiStopword(text, start, to)) {
      for (let j = 0; j < n; j++) counts[hits[j]]--;
      continue;
    }
    total += to - start;
  }
  return total;

  /** Counts gram (a, b, e) if it is the query's, noting its slot; returns the word's hit count. */
  function probe(a: number, b: number, e: number, n: number): number {
    // Most grams of a text are not the query's: their first two letters already say so.
    if (pairs[(a << 7) | b] === 0) return n;
    const code = (a << 20) | (b << 10) | e;
    let h = Math.imul(code, 0x9e3779b1) >>> shift;
    for (;;) {
      const key = keys[h];
      if (key === code) {
        counts[slots[h]]++;
        hits[n] = slots[h];
        return n + 1;
      }
      if (key === -1) return n;
      h = (h + 1) & mask;
    }
  }
}

/** The query grams found in the word being read (`countQueryGrams`), to take back. */
const wordHits = new Int32Array(MAX_WORD_LENGTH + 1);

/** The grams of one non-ASCII word (`countQueryGrams`), reused. */
const wordScratch: number[] = [];

/** Codes below this are the 30-bit form. */
const NARROW = 1 << 30;

export function gramsOf(text: string): number[] {
  const out: number[] = [];
  out.length = gramCodes(text, out);
  return out;
}

/** Reused by every call (scoring runs one at a time). */
const scratch: number[] = [];

export interface GramText {
  title: string;
  abstract: string;
}

/** Document frequencies of grams and mean gram counts per field, from a sample of papers. */
export class GramStats {
  constructor(
    readonly docs: number,
    readonly titleAvg: number,
    readonly abstractAvg: number,
    readonly df: Map<number, number>,
  ) {}

  static fromTexts(texts: Iterable<GramText>): GramStats {
    const df = new Map<number, number>();
    let docs = 0;
    let titleSum = 0;
    let abstractSum = 0;
    const seen = new Set<number>();
    const count = (n: number) => {
      for (let i = 0; i < n; i++) {
        const c = scratch[i];
        if (seen.has(c)) continue;
        seen.add(c);
        df.set(c, (df.get(c) ?? 0) + 1);
      }
      return n;
    };
    for (const t of texts) {
      seen.clear();
      titleSum += count(gramCodes(t.title, scratch));
      abstractSum += count(gramCodes(t.abstract, scratch));
      docs++;
    }
    return new GramStats(docs, docs ? titleSum / docs : 0, docs ? abstractSum / docs : 0, df);
  }

  /** Lucene's BM25 idf of a gram; 0 for a gram the sample never had (it cannot be weighed). */
  idf(code: number): number {
    const df = this.df.get(code);
    if (df === undefined) return 0;
    return Math.log(1 + (this.docs - df + 0.5) / (df + 0.5));
  }

  /** Codes ascending (Float64) and their frequencies (Uint32), for the search_grams row. */
  encode(): { codes: Float64Array; dfs: Uint32Array } {
    const codes = Float64Array.from(this.df.keys()).sort();
    const dfs = Uint32Array.from(codes, (c) => this.df.get(c) ?? 0);
    return { codes, dfs };
  }

  static decode(
    docs: number,
    titleAvg: number,
    abstractAvg: number,
    codes: Float64Array,
    dfs: Uint32Array,
  ): GramStats {
    const df = new Map<number, number>();
    for (let i = 0; i < codes.length; i++) df.set(codes[i], dfs[i]);
    return new GramStats(docs, titleAvg, abstractAvg, df);
  }

  /**
   * BM25F of the query's grams in each text (title weighted like the word ranking's), in the
   * order given. Only the query's grams are counted: a candidate costs one pass over its text.
   */
  score(query: string, texts: GramText[]): Float64Array {
    const slot = new Map<number, number>();
    const qtf: number[] = [];
    const grams = gramsOf(query);
    for (const c of grams) {
      if (this.idf(c) === 0) continue;
      const s = slot.get(c);
      if (s === undefined) {
        slot.set(c, qtf.length);
        qtf.push(1);
      } else qtf[s]++;
    }
    const out = new Float64Array(texts.length);
    const n = qtf.length;
    if (n === 0) return out;
    const table = new SlotTable(slot);
    const weight = new Float64Array(n);
    for (const [c, s] of slot) weight[s] = this.idf(c) * qtf[s] * (K1 + 1);
    const inTitle = new Float64Array(n);
    const inAbstract = new Float64Array(n);
    const titleAvg = Math.max(this.titleAvg, 1);
    const abstractAvg = Math.max(this.abstractAvg, 1);
    for (let i = 0; i < texts.length; i++) {
      const t = texts[i];
      inTitle.fill(0);
      inAbstract.fill(0);
      const titleLen = countQueryGrams(t.title, table, inTitle);
      const abstractLen = countQueryGrams(t.abstract, table, inAbstract);
      const titleNorm = TITLE_WEIGHT / (1 - B + (B * titleLen) / titleAvg);
      const abstractNorm = 1 / (1 - B + (B * abstractLen) / abstractAvg);
      let score = 0;
      for (let s = 0; s < n; s++) {
        const tf = inTitle[s] * titleNorm + inAbstract[s] * abstractNorm;
        if (tf > 0) score += (weight[s] * tf) / (K1 + tf);
      }
      out[i] = score;
    }
    return out;
  }
}
