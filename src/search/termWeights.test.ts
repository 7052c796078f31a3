import assert from "node:assert/strict";
import { test } from "node:test";
import { type DocTerms, LexicalIndex, packTf } from "./lexicalIndex.ts";
import { RIDF_WEIGHT, residualIdf, TermWeights, termWeight } from "./termWeights.ts";

/** A doc from abstract term ids (repeats count). */
function doc(abstract: number[]): DocTerms {
  const counts = new Map<number, number>();
  for (const t of abstract) counts.set(t, (counts.get(t) ?? 0) + 1);
  const ids = [...counts.keys()].sort((a, b) => a - b);
  return {
    termIds: Uint32Array.from(ids),
    tfs: Uint8Array.from(ids.map((t) => packTf(0, counts.get(t) ?? 0, 0))),
    titleLen: 0,
    abstractLen: abstract.length,
    authorsLen: 0,
  };
}

test("residual idf is ~0 for a term spread like chance and grows as its occurrences clump", () => {
  const n = 1000;
  const cf = 100;
  const chanceDf = n * (1 - Math.exp(-cf / n)); // where a Poisson puts 100 occurrences
  assert.ok(Math.abs(residualIdf(n, chanceDf, cf)) < 1e-9);
  const clumped = residualIdf(n, 10, cf); // the same occurrences in 10 papers
  assert.ok(clumped > 3 && clumped < 4, String(clumped));
  assert.ok(residualIdf(n, 20, cf) < clumped);
  assert.equal(residualIdf(0, 0, 0), 0);
  assert.equal(residualIdf(n, 0, 0), 0);
});

test("a term weight is 1 for spread terms and never below 1", () => {
  assert.equal(termWeight(1000, 1000, 1000), 1); // in every paper once: negative ridf, clamped
  assert.equal(termWeight(1000, 0, 0), 1);
  assert.ok(Math.abs(termWeight(1000, 10, 100) - (1 + RIDF_WEIGHT * residualIdf(1000, 10, 100))) < 1e-12);
});

test("the index's weights favour the bursty term and follow the corpus as it grows", () => {
  const index = new LexicalIndex();
  const weights = new TermWeights(index);
  const BURSTY = 1;
  const SPREAD = 2;
  const docs: DocTerms[] = [];
  for (let i = 0; i < 20; i++) {
    // term 1: three times in each of 2 papers; term 2: once in each of 6 papers.
    const terms = [100 + i];
    if (i < 2) terms.push(BURSTY, BURSTY, BURSTY);
    if (i >= 10 && i < 16) terms.push(SPREAD);
    docs.push(doc(terms));
  }
  index.addBatch(docs);
  const bursty = weights.weight(BURSTY);
  const spread = weights.weight(SPREAD);
  assert.ok(Math.abs(bursty - termWeight(20, 2, 6)) < 1e-12);
  assert.ok(Math.abs(spread - termWeight(20, 6, 6)) < 1e-12);
  assert.ok(bursty > spread && spread >= 1);
  assert.equal(weights.weight(999), 1, "a term no paper has");

  // A new paper using the bursty term once: its df changed, so its weight is recomputed.
  index.add(doc([BURSTY, 500]));
  assert.ok(Math.abs(weights.weight(BURSTY) - termWeight(21, 3, 7)) < 1e-12);
});

test("weighted query terms change the BM25F order towards the topical word", () => {
  const index = new LexicalIndex();
  const weights = new TermWeights(index);
  const docs: DocTerms[] = [];
  // Both terms are in 4 of 40 papers (same idf); term 1 clumps (4× in each), term 2 does not.
  for (let i = 0; i < 40; i++) {
    const terms = [100 + i, 100 + i];
    if (i < 4) terms.push(1, 1, 1, 1);
    if (i >= 4 && i < 8) terms.push(2);
    docs.push(doc(terms));
  }
  // Two probe papers, otherwise alike: 40 has the spread term once, 41 the bursty one.
  docs.push(doc([2, 300, 301, 302]), doc([1, 300, 301, 302]));
  index.addBatch(docs);
  const query = [
    { id: 1, weight: 1 },
    { id: 2, weight: 1 },
  ];
  const probes = (q: typeof query) =>
    index
      .score(q, { k: 50 })
      .sorted()
      .filter((h) => h.doc >= 40)
      .map((h) => h.doc);
  assert.deepEqual(probes(query), [40, 41], "same idf: a tie, broken by doc number");
  const weighted = query.map((t) => ({ id: t.id, weight: t.weight * weights.weight(t.id) }));
  assert.ok(weights.weight(1) > weights.weight(2));
  assert.deepEqual(probes(weighted), [41, 40], "the topical word's paper first");
});
