import assert from "node:assert/strict";
import { test } from "node:test";
import { ExpansionTable } from "./expansionTable.ts";

const ids = (...xs: number[]) => Uint32Array.from(xs);

test("an expansion counts only for the paper version it was made for; replacing one keeps the counts", () => {
  const t = new ExpansionTable();
  t.set(3, 10, ids(1, 5, 9), 1);
  assert.deepEqual([...(t.get(3, 10) ?? [])], [1, 5, 9]);
  assert.equal(t.get(3, 11), null, "a newer version of the paper has none yet");
  assert.equal(t.get(2, 10), null);
  assert.equal(t.get(5000, 1), null, "past the end");
  t.set(3, 10, ids(2, 4), 2);
  assert.deepEqual([...(t.get(3, 10) ?? [])], [2, 4]);
  t.set(4, 7, ids(8, 9, 10, 11), 2);
  assert.equal(t.count, 2);
  assert.equal(t.averageLength, 3);
});

test("pending: live docs lacking a current expansion, oldest first; a scan resumes at the first pending doc", () => {
  const t = new ExpansionTable();
  const seqs = [1, 2, 3, 4, 5, 6, 7, 8];
  const dead = new Set([2]);
  const pending = (max: number, model = 1) =>
    t.pending(
      max,
      seqs.length,
      (d) => !dead.has(d),
      (d) => seqs[d],
      model,
    );
  assert.deepEqual(pending(3), [0, 1, 3]);
  for (const d of [0, 1, 3, 4]) t.set(d, seqs[d], ids(d), 1);
  assert.deepEqual(pending(2), [5, 6]);
  t.set(5, seqs[5], ids(5), 1);
  assert.deepEqual(pending(10), [6, 7]);
  // Doc 0 was re-indexed under a new seq: the engine gives it a new doc number instead, so the
  // old number is dead; a new model makes every paper pending again, from the start.
  t.modelChanged();
  assert.deepEqual(pending(3, 2), [0, 1, 3]);
  // Thousands of docs: the table grows with them.
  const many = new ExpansionTable();
  assert.equal(
    many.pending(
      5000,
      5000,
      () => true,
      (d) => d + 1,
      0,
    ).length,
    5000,
  );
  many.set(4999, 5000, ids(1), 0);
  assert.deepEqual(
    many.pending(
      1,
      5000,
      (d) => d === 4999 || d === 10,
      (d) => d + 1,
      0,
    ),
    [10],
  );
});
