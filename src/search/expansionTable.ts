// The engine's in-memory copy of the papers' expansions (expansion.ts): one slice of a growing
// Uint32Array per doc, plus which version of the paper (its seq) and which model each was made
// for. A replaced expansion leaves its old slice behind until the engine is rebuilt (rare: a
// paper changed, or the model was retrained). About 120 bytes a paper.
export class ExpansionTable {
  private terms = new Uint32Array(1 << 16);
  private fill = 0;
  private start = new Int32Array(1024);
  private length = new Uint8Array(1024);
  private seq = new Float64Array(1024);
  private model = new Int32Array(1024);
  private lengthSum = 0;
  /** Docs with an expansion (of any version). */
  count = 0;
  /** Every live doc below this has a current expansion (new docs only come after it). */
  private currentBelow = 0;

  /** The doc's expansion, made for its version `seq` under model `modelId`. */
  set(doc: number, seq: number, terms: Uint32Array, modelId: number): void {
    this.ensure(doc + 1);
    if (this.seq[doc] > 0) {
      this.lengthSum -= this.length[doc];
      this.count--;
    }
    if (this.fill + terms.length > this.terms.length) {
      const grown = new Uint32Array(Math.max(2 * this.terms.length, this.fill + terms.length));
      grown.set(this.terms.subarray(0, this.fill));
      this.terms = grown;
    }
    this.terms.set(terms, this.fill);
    this.start[doc] = this.fill;
    this.fill += terms.length;
    this.length[doc] = terms.length;
    this.seq[doc] = seq;
    this.model[doc] = modelId;
    this.lengthSum += terms.length;
    this.count++;
  }

  /** The doc's expansion terms (ids ascending) if it has one for version `seq`, else null. */
  get(doc: number, seq: number): Uint32Array | null {
    if (doc >= this.seq.length || this.seq[doc] !== seq || this.length[doc] === 0) return null;
    return this.terms.subarray(this.start[doc], this.start[doc] + this.length[doc]);
  }

  /** Mean terms per expansion (the field's average length for BM25F). */
  get averageLength(): number {
    return this.count === 0 ? 0 : this.lengthSum / this.count;
  }

  /**
   * Up to `max` live docs, oldest first, lacking an expansion for their current version and the
   * current model. A background pass asks for a few at a time: the next scan starts at the first
   * pending doc, not at 0.
   */
  pending(
    max: number,
    docCount: number,
    live: (doc: number) => boolean,
    seqOf: (doc: number) => number,
    modelId: number,
  ): number[] {
    this.ensure(docCount);
    const out: number[] = [];
    let d = this.currentBelow;
    for (; d < docCount && out.length < max; d++) {
      if (live(d) && (this.seq[d] !== seqOf(d) || this.model[d] !== modelId)) out.push(d);
    }
    this.currentBelow = out.length > 0 ? out[0] : d;
    return out;
  }

  /** The model changed: every expansion is of the old one, scan from the start again. */
  modelChanged(): void {
    this.currentBelow = 0;
  }

  private ensure(size: number): void {
    if (size <= this.seq.length) return;
    let n = this.seq.length;
    while (n < size) n *= 2;
    const grow = <T extends Int32Array | Uint8Array | Float64Array>(a: T, b: T): T => {
      b.set(a);
      return b;
    };
    this.start = grow(this.start, new Int32Array(n));
    this.length = grow(this.length, new Uint8Array(n));
    this.seq = grow(this.seq, new Float64Array(n));
    this.model = grow(this.model, new Int32Array(n));
  }
}
