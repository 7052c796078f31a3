import assert from "node:assert/strict";
import { test } from "node:test";
import { GRAVITY, rankTrending, trendingScore } from "./trending.ts";

const NOW = Date.parse("2026-06-12T12:00:00Z");
const at = (hoursAgo: number) => new Date(NOW - hoursAgo * 3_600_000).toISOString();

test("the score follows the README formula", () => {
  assert.equal(trendingScore(10, at(10), NOW), 10 / 12 ** GRAVITY);
  assert.equal(trendingScore(0, at(1), NOW), 0);
});

test("more upvotes at the same age rank higher", () => {
  const ranked = rankTrending(
    [
      { id: "a", upvotes: 3, listedAt: at(5) },
      { id: "b", upvotes: 30, listedAt: at(5) },
      { id: "c", upvotes: 10, listedAt: at(5) },
    ],
    NOW,
  );
  assert.deepEqual(
    ranked.map((r) => r.id),
    ["b", "c", "a"],
  );
});

test("time decay: a fresh paper overtakes an older one with somewhat more votes", () => {
  const ranked = rankTrending(
    [
      { id: "old", upvotes: 40, listedAt: at(72) },
      { id: "fresh", upvotes: 10, listedAt: at(6) },
    ],
    NOW,
  );
  assert.deepEqual(
    ranked.map((r) => r.id),
    ["fresh", "old"],
  );
  // ...but not one with vastly more.
  const ranked2 = rankTrending(
    [
      { id: "old", upvotes: 400, listedAt: at(72) },
      { id: "fresh", upvotes: 10, listedAt: at(6) },
    ],
    NOW,
  );
  assert.equal(ranked2[0].id, "old");
});

test("papers without votes follow the voted ones, newest first, then by id: a total order", () => {
  const ranked = rankTrending(
    [
      { id: "z0", upvotes: 0, listedAt: at(30) },
      { id: "v1", upvotes: 1, listedAt: at(200) },
      { id: "n1", upvotes: 0, listedAt: at(2) },
      { id: "n2", upvotes: 0, listedAt: at(2) },
    ],
    NOW,
  );
  assert.deepEqual(
    ranked.map((r) => r.id),
    ["v1", "n2", "n1", "z0"],
  );
});
