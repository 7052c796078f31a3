import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { FeatureSpace } from "./features.ts";
import { rankCandidates, trainUserModel } from "./userModel.ts";

/** A toy space: papers "a*" about topic A, "b*" about topic B, "c*" about topic C (axes 0, 1, 2). */
function toySpace(): FeatureSpace {
  const vectors = new Map<string, Float32Array>();
  for (let i = 0; i < 60; i++) {
    const axis = i % 3;
    const v = new Float32Array(4);
    v[axis] = 1;
    v[3] = ((i * 7) % 10) / 20; // a little per-paper noise
    const norm = Math.hypot(...v);
    vectors.set(
      `${"abc"[axis]}${i}`,
      v.map((x) => x / norm),
    );
  }
  return {
    kind: "hashed-tfidf",
    dim: 4,
    vector: (id) => vectors.get(id) ?? null,
    score(id, w, b) {
      const v = vectors.get(id);
      return v ? b + v.reduce((s, x, k) => s + x * w[k], 0) : null;
    },
    sample(n, exclude, random) {
      const pool = [...vectors.keys()].filter((id) => !exclude.has(id));
      return pool.sort(() => random() - 0.5).slice(0, n);
    },
  };
}

describe("user model", () => {
  it("ranks papers like the positives first and explains each pick by the nearest positive", () => {
    const space = toySpace();
    const user = trainUserModel(space, [
      { paperId: "a0", source: "saved" },
      { paperId: "a3", source: "saved" },
      { paperId: "b1", source: "upvoted" },
    ]);
    assert.ok(user);
    const candidates = [...Array(60).keys()].map((i) => `${"abc"[i % 3]}${i}`);
    const picks = rankCandidates(space, user, candidates, 30);
    assert.ok(
      !picks.some((p) => ["a0", "a3", "b1"].includes(p.paperId)),
      "positives are not recommended back",
    );
    const topics = picks.slice(0, 20).map((p) => p.paperId[0]);
    assert.ok(
      topics.every((t) => t !== "c"),
      `no topic-C paper in the top 20: ${topics.join("")}`,
    );
    for (const p of picks.slice(0, 20)) {
      assert.equal(p.because?.paperId[0], p.paperId[0], `${p.paperId} is explained by a paper of its topic`);
    }
    assert.equal(picks.find((p) => p.paperId.startsWith("b"))?.because?.source, "upvoted");
  });

  it("blends the SVM's direction with the mean of the positives as asked", () => {
    const space = toySpace();
    const positives = [
      { paperId: "a0", source: "saved" as const },
      { paperId: "a3", source: "saved" as const },
      { paperId: "b1", source: "saved" as const },
    ];
    const cos = (x: Float32Array, y: Float32Array) => {
      let d = 0;
      for (let k = 0; k < x.length; k++) d += x[k] * y[k];
      return d / (Math.hypot(...x) * Math.hypot(...y));
    };
    const mean = new Float32Array(4);
    for (const p of positives) {
      const v = space.vector(p.paperId);
      assert.ok(v);
      for (let k = 0; k < 4; k++) mean[k] += v[k];
    }
    const meanOnly = trainUserModel(space, positives, { svmWeight: 0 });
    const svmOnly = trainUserModel(space, positives, { svmWeight: 1, seed: 3 });
    const half = trainUserModel(space, positives, { svmWeight: 0.5, seed: 3 });
    assert.ok(meanOnly && svmOnly && half);
    assert.ok(cos(meanOnly.model.w, mean) > 0.9999, "weight 0 is the mean of the positives");
    assert.equal(meanOnly.model.epochs, 0, "and trains no SVM");
    assert.ok(cos(svmOnly.model.w, mean) < 0.999, "the SVM alone points elsewhere (it sees negatives)");
    // The blend lies between the two directions, closer to each than they are to one another.
    const apart = cos(svmOnly.model.w, meanOnly.model.w);
    assert.ok(cos(half.model.w, svmOnly.model.w) > apart);
    assert.ok(cos(half.model.w, meanOnly.model.w) > apart);
    // Topic A (two positives) ranks first whichever direction is used.
    for (const user of [meanOnly, svmOnly, half]) {
      const top = rankCandidates(space, user, ["a6", "b4", "c2", "c5"], 4).map((p) => p.paperId);
      assert.equal(top[0], "a6");
      assert.ok(top.indexOf("b4") < top.indexOf("c2"));
    }
  });

  it("learns nothing from positives without vectors", () => {
    assert.equal(trainUserModel(toySpace(), [{ paperId: "unknown", source: "example" }]), null);
  });
});
