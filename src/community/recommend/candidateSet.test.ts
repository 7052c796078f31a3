import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { CandidateSet } from "./candidateSet.ts";
import type { FeatureSpace } from "./features.ts";
import type { UserModel } from "./userModel.ts";

/** A feature space over explicit vectors (papers missing from the map have none). */
function spaceOf(vectors: Map<string, Float32Array>, dim: number): FeatureSpace {
  return {
    kind: "lsa",
    dim,
    vector: (id) => vectors.get(id) ?? null,
    score: () => null,
    sample: () => [],
  };
}

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, k) => s + x * b[k], 0);

test("ranking equals scoring every eligible candidate and sorting (score, then id)", () => {
  const dim = 6;
  const vec = fc.array(fc.integer({ min: -8, max: 8 }), { minLength: dim, maxLength: dim });
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.option(vec, { freq: 6 })), { maxLength: 40 }),
      fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 3 }),
      fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 5 }),
      fc.option(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 30 })),
      fc.integer({ min: 0, max: 8 }),
      vec,
      (papers, own, excluded, subsetIds, limit, wRaw) => {
        const id = (n: number) => `p${String(n).padStart(3, "0")}`;
        const vectors = new Map<string, Float32Array>();
        for (const [n, v] of papers) if (v) vectors.set(id(n), Float32Array.from(v));
        const space = spaceOf(vectors, dim);
        const set = CandidateSet.of(
          space,
          papers.map(([n]) => id(n)),
        );
        const w = Float32Array.from(wRaw);
        const positives = own.flatMap((n) => {
          const v = vectors.get(id(n));
          return v ? [{ positive: { paperId: id(n), source: "saved" as const }, vector: v }] : [];
        });
        // The first excluded paper is a dismissed one (the model skips it), the rest are passed in.
        const dismissed = excluded.slice(0, 1).map(id);
        const user: UserModel = { model: { w, b: 0.5, epochs: 0 }, positives, dismissed };
        const subset = subsetIds ? new Set(subsetIds.map(id)) : null;
        const rows = subset ? set.where((x) => subset.has(x)) : null;
        const got = set.rank(user, limit, { rows, exclude: excluded.slice(1).map(id) });

        const skip = new Set([...positives.map((p) => p.positive.paperId), ...excluded.map(id)]);
        const expected = [...new Set(papers.map(([n]) => id(n)))]
          .filter((x) => vectors.has(x) && !skip.has(x) && (!subset || subset.has(x)))
          .map((x) => ({ x, s: dot(vectors.get(x) as Float32Array, w) + 0.5 }))
          .sort((a, b) => b.s - a.s || (a.x < b.x ? -1 : 1))
          .slice(0, limit);
        assert.deepEqual(
          got.map((p) => p.paperId),
          expected.map((e) => e.x),
        );
        for (const p of got) {
          if (positives.length === 0) {
            assert.equal(p.because, null);
            continue;
          }
          const v = vectors.get(p.paperId) as Float32Array;
          const best = Math.max(...positives.map((q) => dot(q.vector, v)));
          assert.ok(p.because, "every pick is explained when the reader has positives");
          assert.equal(dot(vectors.get(p.because.paperId) as Float32Array, v), best);
        }
        // The exclusions of one call do not leak into the next: without them, every candidate
        // with a vector but the reader's own and dismissed papers is ranked.
        const mine = new Set([...positives.map((q) => q.positive.paperId), ...dismissed]);
        assert.equal(
          set.rank(user, set.size).length,
          set.where((x) => vectors.has(x) && !mine.has(x)).length,
        );
      },
    ),
  );
});
