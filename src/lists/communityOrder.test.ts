import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { communityOrder, interestVector, type PaperVectors } from "./communityOrder.ts";
import { type Candidate, hasSignal } from "./listing.ts";

function cand(id: string, over: Partial<Candidate> = {}): Candidate {
  return {
    id,
    day: "2026-06-12",
    source: "announced",
    featuredBy: null,
    upvotes: 0,
    publishedAt: "2026-06-11T00:00:00Z",
    listedAt: "2026-06-12T00:00:00.000Z",
    ...over,
  };
}

/** 2-d unit vectors by id; ids missing from the table have none. */
function vectors(table: Record<string, [number, number]>): PaperVectors {
  const unit = (v: [number, number]) => {
    const n = Math.hypot(v[0], v[1]);
    return Float32Array.from([v[0] / n, v[1] / n]);
  };
  return {
    vector: (id) => (table[id] ? unit(table[id]) : null),
    score: (id, w, b) => {
      if (!table[id]) return null;
      const v = unit(table[id]);
      return v[0] * w[0] + v[1] * w[1] + b;
    },
  };
}

describe("community order", () => {
  it("a signal is a featured or submitted entry, or an upvote", () => {
    assert.equal(hasSignal(cand("a")), false);
    assert.equal(hasSignal(cand("a", { upvotes: 1 })), true);
    assert.equal(hasSignal(cand("a", { source: "featured" })), true);
    assert.equal(hasSignal(cand("a", { source: "submitted" })), true);
  });

  it("picks first, most upvoted first; then the rest closest to the community's interest", () => {
    const vs = vectors({ near: [1, 0.1], far: [0, 1], mid: [1, 1], pick: [1, 0] });
    const list = [
      cand("far"),
      cand("novector", { publishedAt: "2026-06-11T09:00:00Z" }),
      cand("mid"),
      cand("pick", { source: "featured", upvotes: 3 }),
      cand("near"),
      cand("top", { upvotes: 9 }),
    ];
    const interest = interestVector([cand("pick", { upvotes: 3 })], vs);
    const { ordered, picks, rest } = communityOrder(list, interest, vs);
    assert.deepEqual(
      ordered.map((c) => c.id),
      ["top", "pick", "near", "mid", "far", "novector"],
    );
    assert.equal(picks, 2);
    assert.equal(rest, "closeness");
  });

  it("without an interest (no picks in the window, or no vectors), the rest is newest first", () => {
    const list = [
      cand("old", { publishedAt: "2026-06-01T00:00:00Z" }),
      cand("new", { publishedAt: "2026-06-11T00:00:00Z" }),
      cand("pick", { upvotes: 1 }),
    ];
    for (const result of [communityOrder(list, null, vectors({})), communityOrder(list, null, null)]) {
      assert.deepEqual(
        result.ordered.map((c) => c.id),
        ["pick", "new", "old"],
      );
      assert.equal(result.rest, "newest");
    }
  });

  it("the interest weighs each pick by 1 + ln(1 + upvotes) and is a unit vector", () => {
    const vs = vectors({ a: [1, 0], b: [0, 1] });
    const v = interestVector([cand("a", { upvotes: 0 }), cand("b", { upvotes: Math.E - 1 })], vs);
    assert.ok(v);
    assert.ok(Math.abs(Math.hypot(v[0], v[1]) - 1) < 1e-6);
    assert.ok(Math.abs(v[1] / v[0] - 2) < 1e-6, "b weighs 2, a weighs 1");
    assert.equal(interestVector([cand("none")], vs), null);
  });
});
