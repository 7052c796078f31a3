import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { prng } from "../../search/random.ts";
import { score, trainLinearSvm } from "./linearSvm.ts";

/** n points around a centre in `dim` dimensions, normalised like paper vectors. */
function cloud(centre: number[], n: number, noise: number, random: () => number): Float32Array[] {
  return Array.from({ length: n }, () => {
    const v = Float32Array.from(centre, (c) => c + (random() - 0.5) * noise);
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
}

describe("linear SVM", () => {
  it("separates a few positives from many negatives, and ranks unseen points by side", () => {
    const random = prng(7);
    const dim = 16;
    const a = Array.from({ length: dim }, (_, k) => (k < 4 ? 1 : 0));
    const b = Array.from({ length: dim }, (_, k) => (k >= 4 && k < 8 ? 1 : 0));
    const pos = cloud(a, 10, 0.8, random);
    const neg = cloud(b, 300, 0.8, random);
    const rows = new Float32Array((pos.length + neg.length) * dim);
    for (const [i, v] of [...pos, ...neg].entries()) rows.set(v, i * dim);
    const labels = Int8Array.from([...pos.map(() => 1), ...neg.map(() => -1)]);
    const model = trainLinearSvm(rows, labels, dim, { c: 1 });
    const testPos = cloud(a, 50, 0.8, random);
    const testNeg = cloud(b, 50, 0.8, random);
    assert.ok(
      testPos.every((v) => score(model, v) > 0),
      "unseen positives score above 0",
    );
    assert.ok(
      testNeg.every((v) => score(model, v) < 0),
      "unseen negatives score below 0",
    );
    // Balanced weights: ten positives are not drowned out by 300 negatives.
    assert.ok(pos.filter((v) => score(model, v) > 0).length >= 9);
  });

  it("is deterministic for a seed and stops early once converged", () => {
    const rows = Float32Array.from([1, 0, 0, 1, 0.9, 0.1, 0.1, 0.9]);
    const labels = Int8Array.from([1, -1, 1, -1]);
    const m1 = trainLinearSvm(rows, labels, 2, { seed: 3 });
    const m2 = trainLinearSvm(rows, labels, 2, { seed: 3 });
    assert.deepEqual(m1, m2);
    assert.ok(m1.epochs < 50);
    assert.ok(score(m1, Float32Array.from([1, 0])) > score(m1, Float32Array.from([0, 1])));
  });

  it("refuses rows that do not match the labels", () => {
    assert.throws(() => trainLinearSvm(new Float32Array(5), new Int8Array(2), 2));
  });
});
