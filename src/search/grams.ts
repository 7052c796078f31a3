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
export function gramCodes(text: string, out: number[]): number {
  if (text.includes(CAPITAL_SIGMA)) {
    // Σ lower-cases by its context (final ς after a letter), which reaches across "." or "'":
    // only the whole text lower-cased at once, as `words` does, gets it right.
    const plain = gramCodesPlain(text);
    for (let k = 0; k < plain.length; k++) out[k] = plain[k];
    return plain.length;
  }
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
    if (ascii) n = wordGrams(text, start, Math.min(i, start + MAX_WORD_LENGTH), true, out, n);
    else for (const w of words(text.slice(start, i))) n = wordGrams(w, 0, w.length, false, out, n);
  }
  return n;
}

/** The grams of the word text[from, to) after `n` (ASCII: lower-cased on the fly; others come from `words`). */
function wordGrams(text: string, from: number, to: number, ascii: boolean, out: number[], n: number): number {
  const len = to - from;
  if (
    len <= LONGEST_STOPWORD &&
    STOPWORDS.has(ascii ? text.slice(from, to).toLowerCase() : text.slice(from, to))
  )
    return n;
  const at = ascii
    ? (k: number) => lower(text.charCodeAt(from + k))
    : (k: number) => text.charCodeAt(from + k);
  const last = len - 1;
  if (last === 0) {
    out[n++] = codeOf(PAD, at(0), PAD);
    return n;
  }
  out[n++] = codeOf(PAD, at(0), at(1));
  for (let k = 0; k + 2 <= last; k++) out[n++] = codeOf(at(k), at(k + 1), at(k + 2));
  out[n++] = codeOf(at(last - 1), at(last), PAD);
  return n;
}

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

/** 16 bits of a code for the bitmap (codes above 2^32 wrap: still the same hash for the same code). */
const hash16 = (c: number) => (c ^ (c >>> 14)) & 0xffff;

const isAsciiWordChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const lower = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);
const MAX_WORD_LENGTH = 64;
const CAPITAL_SIGMA = "\u03a3";
const LONGEST_STOPWORD = Math.max(...[...STOPWORDS].map((w) => w.length));

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
    // Most of a text's grams are not the query's: a bitmap of the query's (by a 16-bit hash)
    // turns those away before the map lookup.
    const maybe = new Uint8Array(65536);
    for (const c of slot.keys()) maybe[hash16(c)] = 1;
    const weight = new Float64Array(n);
    for (const [c, s] of slot) weight[s] = this.idf(c) * qtf[s] * (K1 + 1);
    const inTitle = new Float64Array(n);
    const inAbstract = new Float64Array(n);
    const titleAvg = Math.max(this.titleAvg, 1);
    const abstractAvg = Math.max(this.abstractAvg, 1);
    texts.forEach((t, i) => {
      inTitle.fill(0);
      inAbstract.fill(0);
      const titleLen = gramCodes(t.title, scratch);
      for (let j = 0; j < titleLen; j++) {
        if (maybe[hash16(scratch[j])] === 0) continue;
        const s = slot.get(scratch[j]);
        if (s !== undefined) inTitle[s]++;
      }
      const abstractLen = gramCodes(t.abstract, scratch);
      for (let j = 0; j < abstractLen; j++) {
        if (maybe[hash16(scratch[j])] === 0) continue;
        const s = slot.get(scratch[j]);
        if (s !== undefined) inAbstract[s]++;
      }
      const titleNorm = TITLE_WEIGHT / (1 - B + (B * titleLen) / titleAvg);
      const abstractNorm = 1 / (1 - B + (B * abstractLen) / abstractAvg);
      let score = 0;
      for (let s = 0; s < n; s++) {
        const tf = inTitle[s] * titleNorm + inAbstract[s] * abstractNorm;
        if (tf > 0) score += (weight[s] * tf) / (K1 + tf);
      }
      out[i] = score;
    });
    return out;
  }
}
