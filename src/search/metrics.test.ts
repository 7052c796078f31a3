import assert from "node:assert/strict";
import { test } from "node:test";
import { mrrAt, ndcgAt, quality, recallAt } from "./metrics.ts";

const rel = new Map([
  ["a", 1],
  ["b", 1],
]);

test("nDCG@k: 1 for an ideal ranking, log2-discounted otherwise, 0 when nothing relevant is found", () => {
  assert.equal(ndcgAt(10, ["a", "b", "x"], rel), 1);
  assert.equal(ndcgAt(10, ["x", "y"], rel), 0);
  const idcg = 1 + 1 / Math.log2(3);
  assert.ok(
    Math.abs(ndcgAt(10, ["x", "a", "y", "b"], rel) - (1 / Math.log2(3) + 1 / Math.log2(5)) / idcg) < 1e-12,
  );
  assert.equal(ndcgAt(1, ["x", "a"], rel), 0, "only the first k count");
  const graded = new Map([
    ["a", 2],
    ["b", 1],
  ]);
  assert.ok(ndcgAt(10, ["b", "a"], graded) < 1);
});

test("Recall@k and MRR@k", () => {
  assert.equal(recallAt(100, ["a", "x"], rel), 0.5);
  assert.equal(recallAt(1, ["x", "a", "b"], rel), 0);
  assert.equal(mrrAt(10, ["x", "y", "b"], rel), 1 / 3);
  assert.equal(mrrAt(2, ["x", "y", "b"], rel), 0);
});

test("quality averages over judged queries only", () => {
  const q = quality([
    { ranked: ["a"], rel },
    { ranked: ["x"], rel },
    { ranked: ["a"], rel: new Map() },
  ]);
  assert.equal(q.queries, 2);
  assert.equal(q.mrr10, 0.5);
});
