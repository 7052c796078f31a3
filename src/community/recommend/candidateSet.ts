// The papers a ranking chooses from, with their unit vectors copied into one Float32 block (row i
// = ids[i], ids in ascending order). For-you ranks one reader over it; a digest build ranks up to
// 100,000 readers over the same block, so per reader the work is one tight dot-product loop over
// contiguous memory: no id lookups, no per-candidate objects.
import { TopK } from "../../search/topK.ts";
import type { FeatureSpace } from "./features.ts";
import type { Pick, Positive, UserModel } from "./userModel.ts";

export class CandidateSet {
  /** Candidate index by paper id. */
  private readonly indexOf = new Map<string, number>();
  /** 1 where a reader's ranking must skip the row (set and cleared around each call). */
  private readonly skip: Uint8Array;

  private constructor(
    readonly ids: readonly string[],
    readonly dim: number,
    private readonly rows: Float32Array,
    /** 1 when the paper has a vector (papers without one are never ranked). */
    private readonly hasVector: Uint8Array,
  ) {
    for (let i = 0; i < ids.length; i++) this.indexOf.set(ids[i], i);
    this.skip = new Uint8Array(ids.length);
  }

  /** `ids` need not be sorted or distinct; the set holds them once, in ascending order. */
  static of(space: FeatureSpace, ids: readonly string[]): CandidateSet {
    const sorted = [...new Set(ids)].sort();
    const dim = space.dim;
    const rows = new Float32Array(sorted.length * dim);
    const hasVector = new Uint8Array(sorted.length);
    sorted.forEach((id, i) => {
      const v = space.vector(id);
      if (!v) return;
      rows.set(v, i * dim);
      hasVector[i] = 1;
    });
    return new CandidateSet(sorted, dim, rows, hasVector);
  }

  get size(): number {
    return this.ids.length;
  }

  index(id: string): number | undefined {
    return this.indexOf.get(id);
  }

  /** Row indexes (ascending) of the candidates `keep` accepts. */
  where(keep: (id: string) => boolean): Int32Array {
    const out: number[] = [];
    for (let i = 0; i < this.ids.length; i++) if (keep(this.ids[i])) out.push(i);
    return Int32Array.from(out);
  }

  /**
   * The `limit` candidates (among `rows`, ascending indexes; all when null) with the highest
   * w · x + b, best first, ties by id; the reader's own positives, the papers they dismissed and
   * `exclude` are left out.
   * Each pick is explained by the positive most like it.
   */
  rank(
    user: UserModel,
    limit: number,
    opts: { rows?: Int32Array | null; exclude?: Iterable<string> } = {},
  ): Pick[] {
    const { skip, hasVector, rows: data, dim } = this;
    const marked: number[] = [];
    const mark = (id: string) => {
      const i = this.indexOf.get(id);
      if (i !== undefined && !skip[i]) {
        skip[i] = 1;
        marked.push(i);
      }
    };
    for (const p of user.positives) mark(p.positive.paperId);
    for (const id of user.dismissed) mark(id);
    for (const id of opts.exclude ?? []) mark(id);
    const w = user.model.w;
    const b = user.model.b;
    const top = new TopK(Math.max(0, limit));
    const subset = opts.rows ?? null;
    const n = subset ? subset.length : this.ids.length;
    try {
      for (let j = 0; j < n; j++) {
        const i = subset ? subset[j] : j;
        if (skip[i] || !hasVector[i]) continue;
        top.offer(i, dot(data, i * dim, w, dim) + b);
      }
    } finally {
      for (const i of marked) skip[i] = 0;
    }
    return top.sorted().map(({ doc, score }) => ({
      paperId: this.ids[doc],
      score,
      because: this.explain(user, doc),
    }));
  }

  private explain(user: UserModel, row: number): Positive | null {
    let best: Positive | null = null;
    let bestCos = Number.NEGATIVE_INFINITY;
    for (const p of user.positives) {
      const s = dot(this.rows, row * this.dim, p.vector, this.dim);
      if (s > bestCos) {
        bestCos = s;
        best = p.positive;
      }
    }
    return best;
  }
}

/** rows[o..o+dim) · w, in four partial sums (independent additions the CPU can overlap). */
function dot(rows: Float32Array, o: number, w: Float32Array, dim: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 3 < dim; k += 4) {
    s0 += rows[o + k] * w[k];
    s1 += rows[o + k + 1] * w[k + 1];
    s2 += rows[o + k + 2] * w[k + 2];
    s3 += rows[o + k + 3] * w[k + 3];
  }
  for (; k < dim; k++) s0 += rows[o + k] * w[k];
  return s0 + s1 + s2 + s3;
}
