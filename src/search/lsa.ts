// Latent semantic analysis: dense paper vectors learned from the corpus itself (no pretrained
// weights exist offline). A truncated SVD of the TF-IDF matrix, by randomized range finding
// (Halko, Martinsson & Tropp 2011), gives a term -> dim basis; a paper's vector is the sum of its
// TF-IDF-weighted term rows ("folding in"), so new papers get vectors without retraining.
import { tfAbstract, tfTitle } from "./lexicalIndex.ts";
import {
  type Csr,
  cholesky,
  csrTimesDense,
  csrTransposeTimesDense,
  gaussian,
  gram,
  matmul,
  symmetricEigen,
  transpose,
  upperInverse,
} from "./linalg.ts";

export interface LsaModel {
  dim: number;
  /** Global term id of each basis row. */
  termIds: Uint32Array;
  /** idf of each basis row, from the training corpus. */
  idf: Float32Array;
  /** rows × dim: a TF-IDF vector times this is the paper's vector (before normalising). */
  basis: Float32Array;
}

export interface LsaOptions {
  dim: number;
  /** Terms in fewer docs than this carry no latent signal and are left out of the basis. */
  minDf?: number;
  /** Terms in more than this share of docs are left out too. */
  maxDfShare?: number;
  /** Randomized SVD: extra columns beyond dim (accuracy of the last singular vectors). */
  oversample?: number;
  /** Vectors are U·Σ^alpha: 1 is classic LSI (x·V), 0 whitens every dimension. */
  alpha?: number;
  seed?: number;
}

/** What LSA reads of a paper: its distinct term ids and packed per-field frequencies. */
export interface TermCounts {
  termIds: Uint32Array;
  tfs: Uint8Array;
}

/** Sublinear term frequency of title + abstract (authors and categories do not shape topics). */
export function textTf(packed: number): number {
  return tfTitle(packed) + tfAbstract(packed);
}

/** Null when the docs share too few terms to learn anything from (fewer than two usable terms). */
export function trainLsa(docs: TermCounts[], opts: LsaOptions): LsaModel | null {
  const n = docs.length;
  const minDf = opts.minDf ?? 2;
  const maxDf = Math.floor((opts.maxDfShare ?? 0.5) * n);
  // Vocabulary of the basis: global term id -> row.
  const df = new Map<number, number>();
  for (const d of docs) {
    for (let i = 0; i < d.termIds.length; i++)
      if (textTf(d.tfs[i]) > 0) df.set(d.termIds[i], (df.get(d.termIds[i]) ?? 0) + 1);
  }
  const kept = [...df].filter(([, c]) => c >= minDf && c <= maxDf).sort((a, b) => a[0] - b[0]);
  const row = new Map<number, number>(kept.map(([t], i) => [t, i]));
  const termIds = Uint32Array.from(kept.map(([t]) => t));
  const idf = Float32Array.from(kept.map(([, c]) => Math.log(n / c)));
  const x = tfidfMatrix(docs, row, idf);
  const v = x.cols;
  if (v < 2 || n < 2) return null;
  const dim = Math.max(1, Math.min(opts.dim, n - 1, v - 1));
  const l = Math.min(dim + (opts.oversample ?? 16), n, v);

  // Randomized range finder (no power iteration: measured better for retrieval, and half the
  // cost): Y = X Ω spans X's top singular directions. With YᵀY = RᵀR, Q = Y R⁻¹ is an orthonormal
  // basis of it and B = Qᵀ X, so Bᵀ = (Xᵀ Y) R⁻¹ and B Bᵀ = R⁻ᵀ (Xᵀ Y)ᵀ (Xᵀ Y) R⁻¹: Q itself (n × l)
  // is never formed.
  const rand = gaussian(opts.seed ?? 1);
  const omega = new Float64Array(v * l);
  for (let i = 0; i < omega.length; i++) omega[i] = rand();
  const y = csrTimesDense(x, omega, l);
  const rInv = upperInverse(cholesky(gram(y, n, l), l), l);
  const z = csrTransposeTimesDense(x, y, l); // Xᵀ Y, v × l
  const bbt = matmul(transpose(rInv, l, l), matmul(gram(z, v, l), rInv, l, l, l), l, l, l);
  const { values, vectors } = symmetricEigen(bbt, l);
  // basis = Bᵀ Ũ_k Σ_k^(alpha - 2) (the right singular vectors V_k = Bᵀ Ũ_k Σ_k⁻¹, scaled by
  // Σ^(alpha - 1)) = (Xᵀ Y) · M with M = R⁻¹ Ũ_k Σ_k^(alpha - 2), l × dim.
  const alpha = opts.alpha ?? 0;
  const uk = new Float64Array(l * dim);
  for (let k = 0; k < dim; k++) {
    const sigma = Math.sqrt(Math.max(values[k], 0));
    const scale = sigma > 1e-9 ? sigma ** (alpha - 2) : 0;
    for (let a = 0; a < l; a++) uk[a * dim + k] = vectors[a * l + k] * scale;
  }
  const basis = Float32Array.from(matmul(z, matmul(rInv, uk, l, l, dim), v, l, dim));
  return { dim, termIds, idf, basis };
}

/** The docs' TF-IDF rows over the basis vocabulary, each of unit length. */
function tfidfMatrix(docs: TermCounts[], row: Map<number, number>, idf: Float32Array): Csr {
  const rowPtr = new Int32Array(docs.length + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  docs.forEach((d, i) => {
    const start = cols.length;
    let norm = 0;
    for (let j = 0; j < d.termIds.length; j++) {
      const r = row.get(d.termIds[j]);
      const tf = textTf(d.tfs[j]);
      if (r === undefined || tf === 0) continue;
      const w = (1 + Math.log(tf)) * idf[r];
      cols.push(r);
      vals.push(w);
      norm += w * w;
    }
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let p = start; p < vals.length; p++) vals[p] *= inv;
    rowPtr[i + 1] = cols.length;
  });
  return {
    rows: docs.length,
    cols: idf.length,
    rowPtr,
    colIdx: Int32Array.from(cols),
    vals: Float32Array.from(vals),
  };
}

/** Looks up basis rows by global term id. */
export class LsaProjector {
  private readonly rowOf: Int32Array;

  constructor(readonly model: LsaModel) {
    let max = 0;
    for (const t of model.termIds) max = Math.max(max, t);
    this.rowOf = new Int32Array(max + 1).fill(-1);
    model.termIds.forEach((t, r) => {
      this.rowOf[t] = r;
    });
  }

  /** The unit vector of a bag of terms (a paper or a query); all zeros if no term is known. */
  embed(termIds: ArrayLike<number>, tf: (i: number) => number): Float32Array {
    const { dim, basis, idf } = this.model;
    // The basis rows to add, with their weights; then added four rows at a time (half the
    // loads and stores of one at a time, the loop that dominates folding in a corpus).
    const offsets: number[] = [];
    const weights: number[] = [];
    for (let i = 0; i < termIds.length; i++) {
      const t = termIds[i];
      const r = t < this.rowOf.length ? this.rowOf[t] : -1;
      const f = tf(i);
      if (r < 0 || f <= 0) continue;
      offsets.push(r * dim);
      weights.push((1 + Math.log(f)) * idf[r]);
    }
    const sum = new Float64Array(dim);
    let j = 0;
    for (; j + 4 <= offsets.length; j += 4) {
      const [o0, o1, o2, o3] = [offsets[j], offsets[j + 1], offsets[j + 2], offsets[j + 3]];
      const [w0, w1, w2, w3] = [weights[j], weights[j + 1], weights[j + 2], weights[j + 3]];
      for (let k = 0; k < dim; k++) {
        sum[k] += w0 * basis[o0 + k] + w1 * basis[o1 + k] + w2 * basis[o2 + k] + w3 * basis[o3 + k];
      }
    }
    for (; j < offsets.length; j++) {
      const o = offsets[j];
      const w = weights[j];
      for (let k = 0; k < dim; k++) sum[k] += w * basis[o + k];
    }
    let norm = 0;
    for (let k = 0; k < dim; k++) norm += sum[k] * sum[k];
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    const out = new Float32Array(dim);
    for (let k = 0; k < dim; k++) out[k] = sum[k] * inv;
    return out;
  }
}
