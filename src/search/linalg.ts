// The little dense/sparse linear algebra LSA needs, on typed arrays: sparse-times-dense products,
// Gram matrices, Cholesky and a symmetric eigensolver (Householder + QL).
// Matrices are row-major Float64Arrays with an explicit column count.
import { prng } from "./random.ts";

/** Rows of a sparse matrix (CSR): row i holds cols[rowPtr[i]..rowPtr[i+1]) with values vals[…]. */
export interface Csr {
  rows: number;
  cols: number;
  rowPtr: Int32Array;
  colIdx: Int32Array;
  vals: Float32Array;
}

/** A (rows × cols, sparse) times M (cols × l, dense) -> rows × l. Two entries at a time. */
export function csrTimesDense(a: Csr, m: Float64Array, l: number): Float64Array {
  const out = new Float64Array(a.rows * l);
  for (let i = 0; i < a.rows; i++) {
    const o = i * l;
    const end = a.rowPtr[i + 1];
    let p = a.rowPtr[i];
    for (; p + 2 <= end; p += 2) {
      const v0 = a.vals[p];
      const v1 = a.vals[p + 1];
      const r0 = a.colIdx[p] * l;
      const r1 = a.colIdx[p + 1] * l;
      for (let c = 0; c < l; c++) out[o + c] += v0 * m[r0 + c] + v1 * m[r1 + c];
    }
    for (; p < end; p++) {
      const v = a.vals[p];
      const r = a.colIdx[p] * l;
      for (let c = 0; c < l; c++) out[o + c] += v * m[r + c];
    }
  }
  return out;
}

/** Aᵀ (cols × rows) times Y (rows × l, dense) -> cols × l. */
export function csrTransposeTimesDense(a: Csr, y: Float64Array, l: number): Float64Array {
  const out = new Float64Array(a.cols * l);
  for (let i = 0; i < a.rows; i++) {
    const o = i * l;
    for (let p = a.rowPtr[i]; p < a.rowPtr[i + 1]; p++) {
      const v = a.vals[p];
      const r = a.colIdx[p] * l;
      for (let c = 0; c < l; c++) out[r + c] += v * y[o + c];
    }
  }
  return out;
}

/** Yᵀ Y for Y (n × l). Rows are taken four at a time: twice the speed of one (fewer loads per flop). */
export function gram(y: Float64Array, n: number, l: number): Float64Array {
  const g = new Float64Array(l * l);
  let t = 0;
  for (; t + 4 <= n; t += 4) {
    const o0 = t * l;
    const o1 = o0 + l;
    const o2 = o1 + l;
    const o3 = o2 + l;
    for (let a = 0; a < l; a++) {
      const y0 = y[o0 + a];
      const y1 = y[o1 + a];
      const y2 = y[o2 + a];
      const y3 = y[o3 + a];
      if (y0 === 0 && y1 === 0 && y2 === 0 && y3 === 0) continue;
      const ga = a * l;
      for (let b = a; b < l; b++)
        g[ga + b] += y0 * y[o0 + b] + y1 * y[o1 + b] + y2 * y[o2 + b] + y3 * y[o3 + b];
    }
  }
  for (; t < n; t++) {
    const o = t * l;
    for (let a = 0; a < l; a++) {
      const ya = y[o + a];
      if (ya === 0) continue;
      const ga = a * l;
      for (let b = a; b < l; b++) g[ga + b] += ya * y[o + b];
    }
  }
  for (let a = 0; a < l; a++) for (let b = 0; b < a; b++) g[a * l + b] = g[b * l + a];
  return g;
}

/**
 * Cholesky factor of a symmetric positive semi-definite l × l matrix: G = Rᵀ R, R upper
 * triangular. Directions G does not (numerically) span get a zero row instead of blowing up.
 */
export function cholesky(g: Float64Array, l: number): Float64Array {
  const r = new Float64Array(l * l);
  let maxDiag = 0;
  for (let i = 0; i < l; i++) maxDiag = Math.max(maxDiag, g[i * l + i]);
  const eps = maxDiag * 1e-12;
  for (let i = 0; i < l; i++) {
    let d = g[i * l + i];
    for (let k = 0; k < i; k++) d -= r[k * l + i] * r[k * l + i];
    if (d <= eps) continue;
    const rii = Math.sqrt(d);
    r[i * l + i] = rii;
    for (let j = i + 1; j < l; j++) {
      let s = g[i * l + j];
      for (let k = 0; k < i; k++) s -= r[k * l + i] * r[k * l + j];
      r[i * l + j] = s / rii;
    }
  }
  return r;
}

/** R⁻¹ of an upper triangular R (zero rows of R give zero rows of the result). */
export function upperInverse(r: Float64Array, l: number): Float64Array {
  const inv = new Float64Array(l * l);
  for (let j = 0; j < l; j++) {
    if (r[j * l + j] === 0) continue;
    inv[j * l + j] = 1 / r[j * l + j];
    for (let i = j - 1; i >= 0; i--) {
      if (r[i * l + i] === 0) continue;
      let s = 0;
      for (let k = i + 1; k <= j; k++) s += r[i * l + k] * inv[k * l + j];
      inv[i * l + j] = -s / r[i * l + i];
    }
  }
  return inv;
}

export function transpose(a: Float64Array, n: number, m: number): Float64Array {
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) out[j * n + i] = a[i * m + j];
  return out;
}

/** A (n × m) times B (m × p), dense row-major; rows of A four at a time, as in `gram`. */
export function matmul(a: Float64Array, b: Float64Array, n: number, m: number, p: number): Float64Array {
  const out = new Float64Array(n * p);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o0 = i * p;
    const o1 = o0 + p;
    const o2 = o1 + p;
    const o3 = o2 + p;
    for (let k = 0; k < m; k++) {
      const a0 = a[i * m + k];
      const a1 = a[(i + 1) * m + k];
      const a2 = a[(i + 2) * m + k];
      const a3 = a[(i + 3) * m + k];
      if (a0 === 0 && a1 === 0 && a2 === 0 && a3 === 0) continue;
      const ok = k * p;
      for (let j = 0; j < p; j++) {
        const bj = b[ok + j];
        out[o0 + j] += a0 * bj;
        out[o1 + j] += a1 * bj;
        out[o2 + j] += a2 * bj;
        out[o3 + j] += a3 * bj;
      }
    }
  }
  for (; i < n; i++) {
    const oi = i * p;
    for (let k = 0; k < m; k++) {
      const aik = a[i * m + k];
      if (aik === 0) continue;
      const ok = k * p;
      for (let j = 0; j < p; j++) out[oi + j] += aik * b[ok + j];
    }
  }
  return out;
}

/**
 * Eigen-decomposition of a symmetric l × l matrix: Householder tridiagonalisation then the
 * implicit QL method (tred2/tql2 of EISPACK, as in JAMA). Returns eigenvalues descending and
 * eigenvectors as columns of a row-major l × l matrix.
 */
export function symmetricEigen(
  input: Float64Array,
  n: number,
): { values: Float64Array; vectors: Float64Array } {
  // V holds the matrix, then the eigenvectors; d the diagonal, e the off-diagonal.
  const V: Float64Array[] = [];
  for (let i = 0; i < n; i++) V.push(Float64Array.from(input.subarray(i * n, (i + 1) * n)));
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  tred2(V, d, e, n);
  tql2(V, d, e, n);
  const order = [...Array(n).keys()].sort((x, y) => d[y] - d[x]);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    values[dst] = d[src];
    for (let k = 0; k < n; k++) vectors[k * n + dst] = V[k][src];
  });
  return { values, vectors };
}

function tred2(V: Float64Array[], d: Float64Array, e: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) d[j] = V[n - 1][j];
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) {
        d[j] = V[i - 1][j];
        V[i][j] = 0;
        V[j][i] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k] /= scale;
        h += d[k] * d[k];
      }
      let f = d[i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j];
        V[j][i] = f;
        g = e[j] + V[j][j] * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += V[k][j] * d[k];
          e[k] += V[k][j] * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * d[j];
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      for (let j = 0; j < i; j++) {
        f = d[j];
        g = e[j];
        for (let k = j; k <= i - 1; k++) V[k][j] -= f * e[k] + g * d[k];
        d[j] = V[i - 1][j];
        V[i][j] = 0;
      }
    }
    d[i] = h;
  }
  for (let i = 0; i < n - 1; i++) {
    V[n - 1][i] = V[i][i];
    V[i][i] = 1;
    const h = d[i + 1];
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = V[k][i + 1] / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += V[k][i + 1] * V[k][j];
        for (let k = 0; k <= i; k++) V[k][j] -= g * d[k];
      }
    }
    for (let k = 0; k <= i; k++) V[k][i + 1] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = V[n - 1][j];
    V[n - 1][j] = 0;
  }
  V[n - 1][n - 1] = 1;
  e[0] = 0;
}

function tql2(V: Float64Array[], d: Float64Array, e: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n) {
      if (Math.abs(e[m]) <= eps * tst1) break;
      m++;
    }
    if (m > l) {
      do {
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        p = d[m];
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1];
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = Math.hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          for (let k = 0; k < n; k++) {
            h = V[k][i + 1];
            V[k][i + 1] = s * V[k][i] + c * h;
            V[k][i] = c * V[k][i] - s * h;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > eps * tst1);
    }
    d[l] += f;
    e[l] = 0;
  }
}

/** A deterministic standard-normal generator (mulberry32 + Box–Muller): training is reproducible. */
export function gaussian(seed: number): () => number {
  const uniform = prng(seed);
  return () => {
    const u = Math.max(uniform(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };
}
