// A linear SVM (L2-regularised, squared hinge loss) trained by dual coordinate descent (Hsieh et
// al. 2008, what liblinear and so scikit-learn's LinearSVC run): the model arxiv-sanity-lite fits
// per user over paper vectors. Each step updates one example's dual variable in O(dim), so a few
// passes over ~2,000 examples of 256 dimensions take milliseconds. Classes are weighted inversely
// to their size ("balanced"): a reader's handful of positives against a large negative sample.
import { prng } from "../../search/random.ts";

export interface SvmOptions {
  /** Inverse regularisation strength (larger = fit the training set harder). */
  c?: number;
  maxEpochs?: number;
  /** Stop when the projected gradient's spread falls below this. */
  tolerance?: number;
  seed?: number;
}

export interface LinearModel {
  w: Float32Array;
  b: number;
  epochs: number;
}

/**
 * rows: n vectors of `dim` floats laid end to end; labels: +1 / -1. The bias is learnt as the
 * weight of a constant feature 1 (regularised like the others, as liblinear does).
 */
export function trainLinearSvm(
  rows: Float32Array,
  labels: Int8Array,
  dim: number,
  opts: SvmOptions = {},
): LinearModel {
  const n = labels.length;
  if (rows.length !== n * dim) throw new Error("rows and labels disagree");
  const c = opts.c ?? 0.1;
  const maxEpochs = opts.maxEpochs ?? 50;
  const tolerance = opts.tolerance ?? 0.01;
  const random = prng(opts.seed ?? 1);
  let pos = 0;
  for (let i = 0; i < n; i++) if (labels[i] > 0) pos++;
  const neg = n - pos;
  // Balanced class weights: C_i = C * n / (2 * size of i's class).
  const cPos = pos ? (c * n) / (2 * pos) : c;
  const cNeg = neg ? (c * n) / (2 * neg) : c;
  const w = new Float64Array(dim);
  let b = 0;
  const alpha = new Float64Array(n);
  const diag = new Float64Array(n);
  const qii = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    diag[i] = 1 / (2 * (labels[i] > 0 ? cPos : cNeg));
    let s = 1; // the bias feature
    const o = i * dim;
    for (let k = 0; k < dim; k++) s += rows[o + k] * rows[o + k];
    qii[i] = s + diag[i];
  }
  const order = Array.from({ length: n }, (_, i) => i);
  let epoch = 0;
  for (; epoch < maxEpochs; epoch++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let maxPg = -Infinity;
    let minPg = Infinity;
    for (const i of order) {
      const y = labels[i];
      const o = i * dim;
      let dot = b;
      for (let k = 0; k < dim; k++) dot += w[k] * rows[o + k];
      const g = y * dot - 1 + diag[i] * alpha[i];
      const pg = alpha[i] === 0 ? Math.min(g, 0) : g;
      maxPg = Math.max(maxPg, pg);
      minPg = Math.min(minPg, pg);
      if (Math.abs(pg) < 1e-12) continue;
      const old = alpha[i];
      alpha[i] = Math.max(old - g / qii[i], 0);
      const step = (alpha[i] - old) * y;
      for (let k = 0; k < dim; k++) w[k] += step * rows[o + k];
      b += step;
    }
    if (maxPg - minPg < tolerance) {
      epoch++;
      break;
    }
  }
  return { w: Float32Array.from(w), b, epochs: epoch };
}

export function score(model: LinearModel, x: Float32Array): number {
  let s = model.b;
  for (let k = 0; k < x.length; k++) s += model.w[k] * x[k];
  return s;
}
