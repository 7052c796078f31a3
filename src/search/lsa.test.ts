import assert from "node:assert/strict";
import { test } from "node:test";
import { packTf } from "./lexicalIndex.ts";
import { cholesky, gaussian, gram, matmul, symmetricEigen, transpose, upperInverse } from "./linalg.ts";
import { LsaProjector, type TermCounts, trainLsa } from "./lsa.ts";
import { quantize, VectorStore } from "./vectors.ts";

test("symmetric eigen-decomposition: A v = λ v, eigenvalues descending", () => {
  const n = 40;
  const r = gaussian(3);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) a[i * n + j] = a[j * n + i] = r();
  const { values, vectors } = symmetricEigen(a, n);
  const av = matmul(a, vectors, n, n, n);
  for (let k = 0; k < n; k++) {
    if (k > 0) assert.ok(values[k] <= values[k - 1]);
    for (let i = 0; i < n; i++) assert.ok(Math.abs(av[i * n + k] - values[k] * vectors[i * n + k]) < 1e-9);
  }
});

test("Cholesky: Rᵀ R = G, and R⁻¹ inverts R", () => {
  const r = gaussian(5);
  const n = 103;
  const l = 17;
  const y = Float64Array.from({ length: n * l }, () => r());
  const g = gram(y, n, l);
  const R = cholesky(g, l);
  const rtr = matmul(transpose(R, l, l), R, l, l, l);
  for (let i = 0; i < l * l; i++) assert.ok(Math.abs(rtr[i] - g[i]) < 1e-9 * Math.abs(g[i] + 1));
  const eye = matmul(R, upperInverse(R, l), l, l, l);
  for (let i = 0; i < l; i++)
    for (let j = 0; j < l; j++) assert.ok(Math.abs(eye[i * l + j] - (i === j ? 1 : 0)) < 1e-9);
});

/** Docs drawn from one of two topics (term ranges), plus words every topic uses. */
function topicDoc(topic: number, r: () => number): TermCounts {
  const counts = new Map<number, number>();
  for (let i = 0; i < 12; i++) {
    const t = i < 9 ? topic * 50 + (Math.floor(Math.abs(r()) * 7) % 50) : 100 + (i % 3);
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return {
    termIds: Uint32Array.from(counts.keys()),
    tfs: Uint8Array.from([...counts.values()].map((c) => packTf(0, c, 0))),
  };
}

test("LSA puts papers on the same topic close and folds in papers it never saw", () => {
  const r = gaussian(11);
  const docs = Array.from({ length: 200 }, (_, i) => topicDoc(i % 2, r));
  const model = trainLsa(docs, { dim: 8 });
  assert.ok(model);
  assert.equal(model.dim, 8);
  const p = new LsaProjector(model);
  const embed = (d: TermCounts) => p.embed(d.termIds, (i) => d.tfs[i] >> 4);
  const [a1, a2, b1] = [embed(topicDoc(0, r)), embed(topicDoc(0, r)), embed(topicDoc(1, r))];
  const cos = (x: Float32Array, y: Float32Array) => x.reduce((s, v, i) => s + v * y[i], 0);
  assert.ok(cos(a1, a2) > cos(a1, b1) + 0.3, `${cos(a1, a2)} vs ${cos(a1, b1)}`);
  // Quantised to Int8, the cosines barely move.
  const store = new VectorStore(8);
  store.set(0, quantize(a2));
  store.set(1, quantize(b1));
  assert.ok(Math.abs(store.cosine(0, a1) - cos(a1, a2)) < 0.02);
  assert.equal(store.nearest(a1, 1, 2, () => true).sorted()[0].doc, 0);
  // Training is deterministic: a restart that retrains would get the same basis.
  assert.deepEqual(trainLsa(docs, { dim: 8 })?.basis, model.basis);
  assert.equal(trainLsa(docs.slice(0, 1), { dim: 8 }), null, "nothing to learn from one paper");
});
