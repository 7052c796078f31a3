// The k best (doc, score) pairs of a stream, in a binary min-heap over typed arrays: O(n log k)
// time, no per-item objects (a query at a million papers may offer hundreds of thousands).

export class TopK {
  private readonly docs: Int32Array;
  private readonly scores: Float64Array;
  size = 0;

  constructor(readonly k: number) {
    this.docs = new Int32Array(Math.max(1, k));
    this.scores = new Float64Array(Math.max(1, k));
  }

  /** The score a newcomer must beat once the heap is full. */
  get threshold(): number {
    return this.size < this.k ? Number.NEGATIVE_INFINITY : this.scores[0];
  }

  offer(doc: number, score: number): void {
    if (this.k <= 0) return;
    if (this.size < this.k) {
      let i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.worse(score, doc, this.scores[parent], this.docs[parent])) break;
        this.docs[i] = this.docs[parent];
        this.scores[i] = this.scores[parent];
        i = parent;
      }
      this.docs[i] = doc;
      this.scores[i] = score;
      return;
    }
    if (!this.worse(this.scores[0], this.docs[0], score, doc)) return;
    // Replace the root (the worst kept) and sift down.
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.size) break;
      const r = l + 1;
      const c =
        r < this.size && this.worse(this.scores[r], this.docs[r], this.scores[l], this.docs[l]) ? r : l;
      if (!this.worse(this.scores[c], this.docs[c], score, doc)) break;
      this.docs[i] = this.docs[c];
      this.scores[i] = this.scores[c];
      i = c;
    }
    this.docs[i] = doc;
    this.scores[i] = score;
  }

  /** Best first; ties go to the lower doc number so results are stable. */
  sorted(): { doc: number; score: number }[] {
    const out: { doc: number; score: number }[] = [];
    for (let i = 0; i < this.size; i++) out.push({ doc: this.docs[i], score: this.scores[i] });
    return out.sort((a, b) => b.score - a.score || a.doc - b.doc);
  }

  /** Is (s1, d1) ranked below (s2, d2)? */
  private worse(s1: number, d1: number, s2: number, d2: number): boolean {
    return s1 < s2 || (s1 === s2 && d1 > d2);
  }
}
