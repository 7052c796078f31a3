// The in-memory inverted index and its BM25F ranking. Papers are numbered 0, 1, 2… in the order
// they were indexed; each term has a posting list: doc numbers (Uint32) and one byte of per-field
// term frequencies. No object per posting, none per term: at a million papers there are ~110
// million postings (~5 bytes each) in a few large arrays.
import { TopK } from "./topK.ts";

/** Per-field term frequencies packed in a byte: abstract 0–15, title 0–3, authors 0–3 (capped: BM25 saturates long before). */
export function packTf(title: number, abstract: number, authors: number): number {
  return (Math.min(abstract, 15) << 4) | (Math.min(title, 3) << 2) | Math.min(authors, 3);
}
export const tfTitle = (packed: number) => (packed >> 2) & 3;
export const tfAbstract = (packed: number) => packed >> 4;
export const tfAuthors = (packed: number) => packed & 3;

/** One paper as the index stores it: distinct term ids with their packed frequencies, field lengths. */
export interface DocTerms {
  termIds: Uint32Array;
  tfs: Uint8Array;
  titleLen: number;
  abstractLen: number;
  authorsLen: number;
}

/**
 * BM25F (Robertson & Zaragoza): per-field length-normalised frequencies are weighted, summed,
 * then saturated once with k1. k1 and b are the textbook values; the field weights were checked
 * on one half of the SciFact queries and confirmed on the other (see README).
 */
export interface Bm25Params {
  k1: number;
  weight: { title: number; abstract: number; authors: number };
  b: { title: number; abstract: number; authors: number };
}

export const DEFAULT_BM25: Bm25Params = {
  k1: 1.2,
  weight: { title: 3, abstract: 1, authors: 1 },
  b: { title: 0.75, abstract: 0.75, authors: 0.75 },
};

export interface QueryTerm {
  id: number;
  /** How many times the query says it. */
  weight: number;
}

export interface ScoreOptions {
  /** How many best docs to keep. */
  k: number;
  /** Only these docs may be returned (a filter); null = any. */
  allow?: ((doc: number) => boolean) | null;
  params?: Bm25Params;
}

/** A term's postings: entries start..start+length of `docs` and `tfs`. */
export interface Postings {
  docs: Uint32Array;
  tfs: Uint8Array;
  start: number;
  length: number;
}

/** Docs per scoring window (a multiple of 32): the accumulator stays in the CPU's cache. */
const WINDOW = 4096;
/** Past any doc number (they are Uint32 below this). */
const NO_DOC = 0xffffffff;
const EMPTY: Postings = { docs: new Uint32Array(0), tfs: new Uint8Array(0), start: 0, length: 0 };
/** Entries per growth arena (lists that outgrow their space move to the current arena). */
const ARENA = 1 << 22;

export class LexicalIndex {
  docCount = 0;
  liveCount = 0;
  private dead = new Uint8Array(1024);
  /** title, abstract, authors length of each doc, interleaved. */
  private lens = new Uint16Array(3 * 1024);
  private lenSums = [0, 0, 0];
  // Postings live in a few big arenas, not one array per term: a term is (arena, start, length,
  // capacity). A list that outgrows its capacity moves to the end of the current arena with
  // twice the room; the space it leaves is reclaimed when the engine is rebuilt.
  private arenaDocs: Uint32Array[] = [];
  private arenaTfs: Uint8Array[] = [];
  private arenaFill = 0;
  private termArena = new Int32Array(1024).fill(-1);
  private termStart = new Int32Array(1024);
  private termLen = new Int32Array(1024);
  private termCap = new Int32Array(1024);
  private norms: { params: Bm25Params; key: string; values: Float32Array } | null = null;
  /** Bumped whenever the norms are recomputed: cached per-term bounds older than this are stale. */
  private normsGeneration = 1;
  /** Per term: the largest length-normalised frequency in its list, as of maxTfGeneration. */
  private maxTf = new Float64Array(0);
  private maxTfGeneration = new Int32Array(0);
  /** Scoring scratch for one window of docs: partial scores and which docs have one. */
  private acc = new Float64Array(WINDOW);
  private bits = new Int32Array(WINDOW >> 5);

  /**
   * Lays out exact room for a bulk load: counts[t] more postings for term t (plus a little
   * slack for papers that arrive later), all in one arena, so loading never moves a list.
   */
  preallocate(counts: Int32Array): void {
    this.ensureTerm(counts.length - 1);
    let total = 0;
    for (let t = 0; t < counts.length; t++)
      if (counts[t] > 0) total += this.termLen[t] + counts[t] + slack(counts[t]);
    const docs = new Uint32Array(total);
    const tfs = new Uint8Array(total);
    const arena = this.arenaDocs.length;
    this.arenaDocs.push(docs);
    this.arenaTfs.push(tfs);
    let at = 0;
    for (let t = 0; t < counts.length; t++) {
      if (counts[t] === 0) continue;
      const n = this.termLen[t];
      const cap = n + counts[t] + slack(counts[t]);
      if (n > 0) {
        const a = this.termArena[t];
        docs.set(this.arenaDocs[a].subarray(this.termStart[t], this.termStart[t] + n), at);
        tfs.set(this.arenaTfs[a].subarray(this.termStart[t], this.termStart[t] + n), at);
      }
      this.termArena[t] = arena;
      this.termStart[t] = at;
      this.termCap[t] = cap;
      at += cap;
    }
    // Later growth goes to a fresh arena, not after this one.
    this.arenaFill = ARENA;
  }

  /** Adds a paper; returns its doc number. */
  add(doc: DocTerms): number {
    const d = this.docCount++;
    this.liveCount++;
    if (d >= this.dead.length) this.growDocs(d + 1);
    this.lens[3 * d] = Math.min(doc.titleLen, 65535);
    this.lens[3 * d + 1] = Math.min(doc.abstractLen, 65535);
    this.lens[3 * d + 2] = Math.min(doc.authorsLen, 65535);
    this.lenSums[0] += this.lens[3 * d];
    this.lenSums[1] += this.lens[3 * d + 1];
    this.lenSums[2] += this.lens[3 * d + 2];
    for (let i = 0; i < doc.termIds.length; i++) {
      const t = doc.termIds[i];
      if (t >= this.termLen.length) this.ensureTerm(t);
      const n = this.termLen[t];
      if (n === this.termCap[t]) this.move(t, Math.max(4, 2 * n));
      const a = this.termArena[t];
      this.arenaDocs[a][this.termStart[t] + n] = d;
      this.arenaTfs[a][this.termStart[t] + n] = doc.tfs[i];
      this.termLen[t] = n + 1;
    }
    return d;
  }

  /**
   * Adds papers in one go; returns the first one's doc number (the rest follow in order). The
   * postings are first grouped by term in a small buffer, then each list is extended once: at a
   * million papers, writing term by term (the lists lie in term order after a bulk load) is
   * several times faster than scattering every posting into a different list.
   */
  addBatch(docs: DocTerms[]): number {
    const first = this.docCount;
    let total = 0;
    let maxTerm = -1;
    for (const doc of docs) {
      total += doc.termIds.length;
      for (let i = 0; i < doc.termIds.length; i++) if (doc.termIds[i] > maxTerm) maxTerm = doc.termIds[i];
    }
    this.ensureTerm(Math.max(maxTerm, 0));
    if (first + docs.length > this.dead.length) this.growDocs(first + docs.length);
    const count = new Int32Array(maxTerm + 2);
    for (const doc of docs) for (let i = 0; i < doc.termIds.length; i++) count[doc.termIds[i] + 1]++;
    for (let t = 1; t < count.length; t++) count[t] += count[t - 1]; // count[t] = where term t's group starts
    const groupDocs = new Uint32Array(total);
    const groupTfs = new Uint8Array(total);
    const fill = count.slice();
    docs.forEach((doc, k) => {
      const d = first + k;
      this.lens[3 * d] = Math.min(doc.titleLen, 65535);
      this.lens[3 * d + 1] = Math.min(doc.abstractLen, 65535);
      this.lens[3 * d + 2] = Math.min(doc.authorsLen, 65535);
      for (let f = 0; f < 3; f++) this.lenSums[f] += this.lens[3 * d + f];
      for (let i = 0; i < doc.termIds.length; i++) {
        const j = fill[doc.termIds[i]]++;
        groupDocs[j] = d;
        groupTfs[j] = doc.tfs[i];
      }
    });
    for (let t = 0; t <= maxTerm; t++) {
      const from = count[t];
      const n = count[t + 1] - from;
      if (n === 0) continue;
      const len = this.termLen[t];
      if (len + n > this.termCap[t]) this.move(t, Math.max(4, 2 * len, len + n));
      const a = this.termArena[t];
      const docsOut = this.arenaDocs[a];
      const tfsOut = this.arenaTfs[a];
      const at = this.termStart[t] + len;
      for (let j = 0; j < n; j++) {
        docsOut[at + j] = groupDocs[from + j];
        tfsOut[at + j] = groupTfs[from + j];
      }
      this.termLen[t] = len + n;
    }
    this.docCount += docs.length;
    this.liveCount += docs.length;
    return first;
  }

  /** Marks a doc deleted (a newer version of the paper gets a new number). Postings stay until a rebuild. */
  remove(d: number): void {
    if (d < 0 || d >= this.docCount || this.dead[d]) return;
    this.dead[d] = 1;
    this.liveCount--;
    for (let f = 0; f < 3; f++) this.lenSums[f] -= this.lens[3 * d + f];
  }

  isLive(d: number): boolean {
    return d >= 0 && d < this.docCount && this.dead[d] === 0;
  }

  /** Share of doc numbers that are deleted (what a rebuild would reclaim). */
  get deadShare(): number {
    return this.docCount === 0 ? 0 : 1 - this.liveCount / this.docCount;
  }

  /** Mean length of a field (0 title, 1 abstract, 2 authors) over live docs. */
  averageLength(field: 0 | 1 | 2): number {
    return this.liveCount === 0 ? 0 : this.lenSums[field] / this.liveCount;
  }

  fieldLength(doc: number, field: 0 | 1 | 2): number {
    return this.lens[3 * doc + field];
  }

  /** Docs containing the term (deleted ones included until a rebuild: a tiny overestimate). */
  docFreq(termId: number): number {
    return termId < this.termLen.length ? this.termLen[termId] : 0;
  }

  /** The posting list of a term (doc numbers ascending, packed frequencies). */
  postings(termId: number): Postings {
    const length = this.docFreq(termId);
    if (length === 0) return EMPTY;
    const a = this.termArena[termId];
    return { docs: this.arenaDocs[a], tfs: this.arenaTfs[a], start: this.termStart[termId], length };
  }

  /** Lucene's BM25 idf: always positive, so a very common word still counts a little. */
  idf(termId: number): number {
    // Deleted docs still in the postings can push df past the live count: cap it, so idf stays
    // positive (pruning in `score` relies on every term adding something non-negative).
    const df = Math.min(this.docFreq(termId), this.liveCount);
    return Math.log(1 + (this.liveCount - df + 0.5) / (df + 0.5));
  }

  /**
   * BM25F over all live docs; returns the k best, exactly (the same docs and scores as scoring
   * every posting: `scoreAll`). MaxScore (Turtle & Flood), over windows of docs as Lucene does:
   * each term has an upper bound, its largest contribution to any doc (`bounds`); terms are
   * ordered by bound, and once the k-th best score so far exceeds the summed bounds of the
   * weakest terms, those terms cannot bring a doc into the top k on their own. Only docs in the
   * other ("essential") lists are candidates: per window of WINDOW docs, the essential lists are
   * added up in a small accumulator (tight loops over the lists), then each candidate, in doc
   * order, is looked up in the weak lists (galloping forward) only while its score so far plus
   * their bounds can still reach the k-th score. Queries of common words ("agent llm", lists of
   * 300,000–800,000 of a million papers) read their rarer lists once and skip most of the rest.
   */
  score(query: QueryTerm[], opts: ScoreOptions): TopK {
    const p = opts.params ?? DEFAULT_BM25;
    const top = new TopK(opts.k);
    const terms = this.queryOrder(query, p);
    const n = terms.length;
    if (n === 0 || opts.k <= 0) return top;
    const { dead, docCount } = this;
    const allow = opts.allow ?? null;
    const norm = this.fieldNorms(p);
    const { k1 } = p;
    const lists = this.queryLists(terms);
    // Lists by bound, weakest first.
    const bound = this.bounds(terms, norm, p);
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => bound[a] - bound[b] || a - b);
    const pos = new Int32Array(n);
    const end = new Int32Array(n);
    const w = new Float64Array(n);
    /** upTo[i]: the bounds of lists order[0..i] summed. */
    const upTo = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const c = order[i];
      pos[i] = lists.start[c];
      end[i] = lists.start[c] + lists.length[c];
      w[i] = terms[c].w;
      upTo[i] = (i > 0 ? upTo[i - 1] : 0) + bound[c];
    }
    const docsOf = order.map((c) => lists.docs[c]);
    const tfsOf = order.map((c) => lists.tfs[c]);
    const { acc, bits } = this;
    /** Lists firstEssential.. are essential (chosen per window); the k-th best score so far, less a rounding margin. */
    let firstEssential = 0;
    let cut = Number.NEGATIVE_INFINITY;
    for (let base = 0; base < docCount; base += WINDOW) {
      while (firstEssential < n && upTo[firstEssential] < cut) firstEssential++;
      // Jump to the window of the next essential posting.
      let next = NO_DOC;
      for (let i = firstEssential; i < n; i++)
        if (pos[i] < end[i] && docsOf[i][pos[i]] < next) next = docsOf[i][pos[i]];
      if (next === NO_DOC) break;
      if (next >= base + WINDOW) base = next - (next % WINDOW);
      const limit = base + WINDOW;
      for (let i = firstEssential; i < n; i++) {
        const docs = docsOf[i];
        const tfs = tfsOf[i];
        const wi = w[i];
        const e = end[i];
        let j = pos[i];
        for (; j < e; j++) {
          const d = docs[j];
          if (d >= limit) break;
          const packed = tfs[j];
          const o = 3 * d;
          const tf = (packed >> 4) * norm[o + 1] + ((packed >> 2) & 3) * norm[o] + (packed & 3) * norm[o + 2];
          const off = d - base;
          acc[off] += (wi * tf) / (k1 + tf);
          bits[off >> 5] |= 1 << (off & 31);
        }
        pos[i] = j;
      }
      const weak = firstEssential > 0 ? upTo[firstEssential - 1] : 0;
      for (let word = 0; word < WINDOW >> 5; word++) {
        let b = bits[word];
        if (b === 0) continue;
        bits[word] = 0;
        while (b !== 0) {
          const off = (word << 5) | (31 - Math.clz32(b & -b));
          b &= b - 1;
          const d = base + off;
          let s = acc[off];
          acc[off] = 0;
          // s 0: only category-term postings (and with weak lists left, such a doc cannot reach the cut).
          if (s === 0 || s + weak < cut || dead[d] !== 0 || (allow !== null && !allow(d))) continue;
          let reachable = true;
          for (let i = firstEssential - 1; i >= 0; i--) {
            if (s + upTo[i] < cut) {
              reachable = false;
              break;
            }
            const docs = docsOf[i];
            let j = pos[i];
            if (j < end[i] && docs[j] < d) pos[i] = j = gallop(docs, j, end[i], d);
            if (j >= end[i] || docs[j] !== d) continue;
            const packed = tfsOf[i][j];
            const o = 3 * d;
            const tf =
              (packed >> 4) * norm[o + 1] + ((packed >> 2) & 3) * norm[o] + (packed & 3) * norm[o + 2];
            s += (w[i] * tf) / (k1 + tf);
          }
          if (!reachable) continue;
          top.offer(d, this.docScore(d, terms, lists, norm, k1));
          if (top.size === top.k && top.threshold * (1 - 1e-6) > cut) cut = top.threshold * (1 - 1e-6);
        }
      }
    }
    return top;
  }

  /**
   * BM25F of every live doc that has one of the terms, no pruning: what `score` must equal (its
   * tests compare the two), and the plain statement of the arithmetic.
   */
  scoreAll(query: QueryTerm[], opts: ScoreOptions): TopK {
    const p = opts.params ?? DEFAULT_BM25;
    const top = new TopK(opts.k);
    const terms = this.queryOrder(query, p);
    const n = terms.length;
    if (n === 0 || opts.k <= 0) return top;
    const norm = this.fieldNorms(p);
    const lists = this.queryLists(terms);
    const matched = new Set<number>();
    for (let c = 0; c < n; c++) {
      const { docs, tfs, start, length } = this.postings(terms[c].id);
      for (let j = start; j < start + length; j++) {
        const d = docs[j];
        if (!this.isLive(d) || tfs[j] === 0 || (opts.allow && !opts.allow(d))) continue;
        matched.add(d);
      }
    }
    for (const d of [...matched].sort((a, b) => a - b))
      top.offer(d, this.docScore(d, terms, lists, norm, p.k1));
    return top;
  }

  /**
   * BM25F of the given docs with one more field: `field.terms(d)` lists the doc's terms in it
   * (ids ascending, frequency 1 each), weighed by `field.weight` and normalised by its length
   * like the others. The re-score of the best candidates with their expansions (expansion.ts):
   * the field changes how much a word counts before BM25's saturation, so it is summed in, not
   * added on. Scores come back in the order of `docs`.
   */
  scoreWithField(
    query: QueryTerm[],
    docs: readonly number[],
    field: ExtraField,
    params?: Bm25Params,
  ): Float64Array {
    const p = params ?? DEFAULT_BM25;
    const out = new Float64Array(docs.length);
    const terms = this.queryOrder(query, p);
    if (terms.length === 0) return out;
    const norm = this.fieldNorms(p);
    const lists = terms.map((t) => this.postings(t.id));
    const avg = Math.max(field.averageLength, 1);
    docs.forEach((d, i) => {
      const extra = field.terms(d);
      const extraNorm = extra ? field.weight / (1 - field.b + (field.b * extra.length) / avg) : 0;
      const o = 3 * d;
      let s = 0;
      for (let c = 0; c < terms.length; c++) {
        const { docs: ds, tfs, start, length } = lists[c];
        const j = gallop(ds, start, start + length, d);
        let tf = 0;
        if (j < start + length && ds[j] === d) {
          const packed = tfs[j];
          tf = (packed >> 4) * norm[o + 1] + ((packed >> 2) & 3) * norm[o] + (packed & 3) * norm[o + 2];
        }
        if (extra) {
          const k = gallop(extra, 0, extra.length, terms[c].id);
          if (k < extra.length && extra[k] === terms[c].id) tf += extraNorm;
        }
        if (tf > 0) s += (terms[c].w * tf) / (p.k1 + tf);
      }
      out[i] = s;
    });
    return out;
  }

  /** The query's posting lists, in query order, with a cursor each for `docScore`. */
  private queryLists(terms: { id: number }[]) {
    const all = terms.map((t) => this.postings(t.id));
    return {
      docs: all.map((l) => l.docs),
      tfs: all.map((l) => l.tfs),
      start: Int32Array.from(all, (l) => l.start),
      length: Int32Array.from(all, (l) => l.length),
      at: Int32Array.from(all, (l) => l.start),
    };
  }

  /**
   * A doc's BM25F: each term's contribution w · tf / (k1 + tf), added in query order and kept in
   * Float32, so a score never depends on the path that found the doc. Docs must be asked for in
   * ascending order (each list's cursor only moves forward).
   */
  private docScore(
    d: number,
    terms: { w: number }[],
    lists: ReturnType<LexicalIndex["queryLists"]>,
    norm: Float32Array,
    k1: number,
  ): number {
    let s = 0;
    const o = 3 * d;
    for (let c = 0; c < terms.length; c++) {
      const docs = lists.docs[c];
      const e = lists.start[c] + lists.length[c];
      let j = lists.at[c];
      if (j < e && docs[j] < d) lists.at[c] = j = gallop(docs, j, e, d);
      if (j >= e || docs[j] !== d) continue;
      const packed = lists.tfs[c][j];
      const tf = (packed >> 4) * norm[o + 1] + ((packed >> 2) & 3) * norm[o] + (packed & 3) * norm[o + 2];
      if (tf > 0) s = Math.fround(s + (terms[c].w * tf) / (k1 + tf));
    }
    return s;
  }

  /**
   * The query's terms that occur, each with its weight idf · times asked · (k1 + 1), in one fixed
   * order (heaviest first, then by id): the order a doc's contributions are added in.
   */
  private queryOrder(query: QueryTerm[], p: Bm25Params): { id: number; w: number }[] {
    if (this.liveCount === 0) return [];
    return query
      .filter((q) => this.docFreq(q.id) > 0)
      .map((q) => ({ id: q.id, w: this.idf(q.id) * q.weight * (p.k1 + 1) }))
      .sort((a, b) => b.w - a.w || a.id - b.id);
  }

  /**
   * Each term's largest contribution to any doc: w · tf / (k1 + tf) at the list's largest
   * length-normalised frequency. That frequency is found by one pass over the list and kept
   * until the docs or the params change (the norms are recomputed then), so a repeated word
   * costs nothing; the old bound idf · (k1 + 1) overestimates common words by a third or more.
   */
  private bounds(terms: { id: number; w: number }[], norm: Float32Array, p: Bm25Params): Float64Array {
    const out = new Float64Array(terms.length);
    if (this.maxTf.length < this.termLen.length) {
      this.maxTf = new Float64Array(this.termLen.length);
      this.maxTfGeneration = new Int32Array(this.termLen.length);
    }
    terms.forEach(({ id, w }, c) => {
      if (this.maxTfGeneration[id] !== this.normsGeneration) {
        const { docs, tfs, start, length } = this.postings(id);
        let max = 0;
        for (let j = start; j < start + length; j++) {
          const packed = tfs[j];
          const o = 3 * docs[j];
          const tf = (packed >> 4) * norm[o + 1] + ((packed >> 2) & 3) * norm[o] + (packed & 3) * norm[o + 2];
          if (tf > max) max = tf;
        }
        this.maxTf[id] = max;
        this.maxTfGeneration[id] = this.normsGeneration;
      }
      const tf = this.maxTf[id];
      out[c] = (w * tf) / (p.k1 + tf);
    });
    return out;
  }

  /**
   * Per doc and field: weight / (1 - b + b · length / average length), the part of BM25F that
   * does not depend on the query. Recomputed (one pass) whenever the docs or the params change.
   */
  private fieldNorms(p: Bm25Params): Float32Array {
    const key = `${this.docCount}:${this.liveCount}:${this.lenSums.join(":")}`;
    if (this.norms?.params === p && this.norms.key === key) return this.norms.values;
    const values =
      this.norms && this.norms.values.length >= 3 * this.docCount
        ? this.norms.values
        : new Float32Array(3 * this.dead.length);
    const avg = this.lenSums.map((s) => Math.max(s / Math.max(this.liveCount, 1), 1));
    const w = [p.weight.title, p.weight.abstract, p.weight.authors];
    const b = [p.b.title, p.b.abstract, p.b.authors];
    for (let d = 0; d < this.docCount; d++) {
      for (let f = 0; f < 3; f++)
        values[3 * d + f] = w[f] / (1 - b[f] + (b[f] * this.lens[3 * d + f]) / avg[f]);
    }
    this.norms = { params: p, key, values };
    this.normsGeneration++;
    return values;
  }

  /** Gives a term room for `cap` postings at the end of the current arena, moving what it has. */
  private move(t: number, cap: number): void {
    if (this.arenaFill + cap > (this.arenaDocs[this.arenaDocs.length - 1]?.length ?? 0)) {
      this.arenaDocs.push(new Uint32Array(Math.max(ARENA, cap)));
      this.arenaTfs.push(new Uint8Array(Math.max(ARENA, cap)));
      this.arenaFill = 0;
    }
    const a = this.arenaDocs.length - 1;
    const n = this.termLen[t];
    if (n > 0) {
      const from = this.termArena[t];
      const s = this.termStart[t];
      this.arenaDocs[a].set(this.arenaDocs[from].subarray(s, s + n), this.arenaFill);
      this.arenaTfs[a].set(this.arenaTfs[from].subarray(s, s + n), this.arenaFill);
    }
    this.termArena[t] = a;
    this.termStart[t] = this.arenaFill;
    this.termCap[t] = cap;
    this.arenaFill += cap;
  }

  private ensureTerm(termId: number): void {
    if (termId < this.termLen.length) return;
    let size = this.termLen.length;
    while (size <= termId) size *= 2;
    const grow = (a: Int32Array, fill = 0) => {
      const b = new Int32Array(size).fill(fill);
      b.set(a);
      return b;
    };
    this.termArena = grow(this.termArena, -1);
    this.termStart = grow(this.termStart);
    this.termLen = grow(this.termLen);
    this.termCap = grow(this.termCap);
  }

  private growDocs(min: number): void {
    let size = this.dead.length;
    while (size < min) size *= 2;
    const dead = new Uint8Array(size);
    dead.set(this.dead);
    this.dead = dead;
    const lens = new Uint16Array(3 * size);
    lens.set(this.lens);
    this.lens = lens;
  }
}

/** An extra BM25F field over some docs (see `scoreWithField`). */
export interface ExtraField {
  /** The doc's terms in the field (ids ascending), or null when it has none. */
  terms(doc: number): Uint32Array | null;
  weight: number;
  b: number;
  averageLength: number;
}

/** Room left after a bulk-loaded list for papers that arrive later: an eighth, at least 2. */
function slack(n: number): number {
  return Math.max(2, n >> 3);
}

/** The first position in docs[from..to) (ascending) holding a doc ≥ d, or `to`: steps of 1, 2, 4… from `from`, then a binary search. */
function gallop(docs: Uint32Array, from: number, to: number, d: number): number {
  let lo = from;
  let step = 1;
  let hi = from;
  while (hi < to && docs[hi] < d) {
    lo = hi + 1;
    hi = lo + step;
    step *= 2;
  }
  if (hi > to) hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (docs[mid] < d) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
