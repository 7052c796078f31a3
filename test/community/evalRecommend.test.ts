// `papertide eval recommend` on a small made-up corpus: readers are simulated from authors who
// keep writing on one topic, the report scores two disjoint sets of readers with the shipped
// ranking next to its baselines, and a personal ranking finds a reader's hidden papers far more
// often than Trending does (which cannot know the topic).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { evaluateRecommend } from "../../src/community/recommend/evalRecommend.ts";
import { upsertPapers } from "../../src/store/papers.ts";
import { type TempStore, tempStore } from "../support/tempStore.ts";

const TOPICS = [
  "graph neural networks message passing node classification",
  "speech recognition acoustic models spoken transcription",
  "image segmentation convolutional pixel masks",
  "reinforcement learning policy gradient reward agents",
  "protein folding structure prediction amino acids",
  "machine translation bilingual corpora decoder",
];
const FILLER = ["robust", "efficient", "scalable", "simple", "deep", "sparse", "fast", "novel"];

let store: TempStore;
before(async () => {
  store = await tempStore("papertide-eval-rec-");
  // 24 authors, 4 per topic, each with 6 papers in May and 2 in June (the evaluation window).
  const papers = [];
  let n = 0;
  for (let a = 0; a < 24; a++) {
    const topic = TOPICS[a % TOPICS.length];
    for (let k = 0; k < 8; k++) {
      const day =
        k < 6
          ? `2026-05-${String(2 + k * 4).padStart(2, "0")}`
          : `2026-06-${String(10 + k).padStart(2, "0")}`;
      const word = FILLER[(a + k) % FILLER.length];
      papers.push({
        id: `2605.${String(10000 + n++)}`,
        title: `A ${word} study of ${topic.split(" ").slice(0, 3).join(" ")}`,
        abstract: `We study ${topic}. Our ${word} method improves ${topic.split(" ").slice(-2).join(" ")}.`,
        authors: [`Author ${a}`],
        categories: ["cs.LG"],
        versions: [{ version: 1, createdAt: `${day}T00:00:00.000Z` }],
        upvotes: (n * 7) % 13,
      });
    }
  }
  await upsertPapers(store.db, papers, new Date());
});
after(async () => {
  await store?.cleanup();
});

describe("eval recommend", () => {
  it("scores the shipped ranking and its baselines on two disjoint sets of readers", async () => {
    const report = await evaluateRecommend({ db: store.file, users: 10 });
    assert.equal(report.eligibleReaders, 24);
    const { tune, confirm } = report;
    assert.equal(tune.readers, 10);
    assert.equal(confirm.readers, 10);
    for (const set of [tune, confirm]) {
      const r = set["recall@20"];
      assert.deepEqual(Object.keys(r), ["trending", "meanOfVectors", "svm", "shipped"]);
      for (const x of Object.values(r)) assert.ok(x >= 0 && x <= 1);
      // 48 candidates, 2 hidden papers each: the topic (8 papers in the window) is what finds them.
      assert.ok(r.shipped > r.trending + 0.2, `shipped ${r.shipped} vs trending ${r.trending}`);
      assert.ok(r.meanOfVectors > r.trending + 0.2);
    }
    const grid = await evaluateRecommend({ db: store.file, users: 5, grid: true });
    const keys = Object.keys(grid.tune["recall@20"]);
    assert.ok(keys.includes("blend svmWeight=0.5") && keys.includes("svm c=1 negatives=2000"), keys.join());
  });
});
