// Quoted phrases, -word / -"phrase" exclusions and author-name queries, through the path the API
// and the pages use.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { importRecords } from "../../src/ingest/importer.ts";
import { containsRun } from "../../src/search/engine.ts";
import { search, searchPage } from "../../src/search/searchPapers.ts";
import { SearchState } from "../../src/search/state.ts";
import { type TempStore, tempStore } from "../support/tempStore.ts";
import { paper } from "./fixtures.ts";

const PAPERS = [
  paper({
    id: "2501.00001",
    title: "Neural networks for language",
    abstract: "We train large language models on web text.",
    authors: ["Yann LeCun", "Ada Lovelace"],
    published: "2025-01-01",
  }),
  paper({
    id: "2501.00002",
    title: "Language of large neural models",
    abstract: "Models that are large and speak a language, in a different order.",
    authors: ["Grace Hopper"],
    published: "2025-01-02",
  }),
  paper({
    id: "2501.00003",
    title: "A survey of large language models",
    abstract: "A survey of the field. Yann LeCun argued for energy-based models.",
    authors: ["Alan Turing"],
    published: "2025-01-03",
  }),
  paper({
    id: "2501.00004",
    title: "Energy-based models revisited",
    abstract: "Energy functions for learning.",
    authors: ["Yann A. LeCun"],
    published: "2025-01-04",
  }),
  paper({
    id: "2501.00005",
    title: "Convolutional networks for images",
    abstract: "Convolutions, yann style, applied to images.",
    authors: ["LeCun, Yann", "Grace Hopper"],
    published: "2025-01-05",
  }),
];

let store: TempStore;
let state: SearchState;
before(async () => {
  store = await tempStore("papertide-phrases-");
  state = new SearchState(store.db);
  await importRecords(state, PAPERS);
});
after(() => store.cleanup());

const ids = async (text: string) => (await search(state, text, { limit: 20 })).map((h) => h.paper.id).sort();

test("a quoted phrase matches its words in order and side by side, by term", async () => {
  assert.deepEqual(await ids('"large language models"'), ["2501.00001", "2501.00003"]);
  assert.deepEqual(
    await ids('"large language model"'),
    ["2501.00001", "2501.00003"],
    "plural or not: by term",
  );
  // Without quotes, the paper with the same words in another order matches too.
  assert.ok((await ids("large language models")).includes("2501.00002"));
  assert.deepEqual(await ids('"language models large"'), [], "order matters");
  assert.deepEqual(await ids('"a survey of the field"'), ["2501.00003"], "stop words count inside a phrase");
  assert.deepEqual(await ids('"survey field"'), [], "words in between break a phrase");
  assert.deepEqual(
    await ids('"yann lecun"'),
    ["2501.00001", "2501.00003", "2501.00005"],
    "author names are text too",
  );
  assert.deepEqual(await ids('neural "large language"'), ["2501.00001", "2501.00003"]);
  assert.deepEqual(await ids('"large language" "web text"'), ["2501.00001"], "every phrase must be there");
});

test('-word and -"phrase" leave papers out; a hyphen inside a word is not an exclusion', async () => {
  assert.deepEqual(await ids("models -survey"), ["2501.00001", "2501.00002", "2501.00004"]);
  assert.deepEqual(await ids("models -surveys"), ["2501.00001", "2501.00002", "2501.00004"], "by term");
  assert.deepEqual(await ids('models -"large language"'), ["2501.00002", "2501.00004"]);
  assert.deepEqual(await ids("models -survey -energy"), ["2501.00001", "2501.00002"]);
  assert.ok((await ids("energy-based")).includes("2501.00004"));
  // Exclusions alone: every other paper, newest first.
  const onlyOut = await search(state, "-models", { limit: 20 });
  assert.deepEqual(
    onlyOut.map((h) => h.paper.id),
    ["2501.00005"],
  );
});

test("the page counts phrase matches exactly and adds nothing close in meaning", async () => {
  const r = await searchPage(state, '"large language models"', { page: 0, pageSize: 20 });
  assert.equal(r.matched, 2);
  assert.equal(r.total, 2);
  assert.equal(r.matchedExact, true);
});

test("a query that is an author's name ranks that author's papers first", async () => {
  const hits = await search(state, "Yann LeCun", { limit: 10 });
  const top = hits.slice(0, 3).map((h) => h.paper.id);
  // Yann LeCun, "LeCun, Yann" (the same key) and Yann A. LeCun (first and last word); not the
  // paper that only mentions him in its abstract.
  assert.deepEqual(top.sort(), ["2501.00001", "2501.00004", "2501.00005"]);
  assert.ok(hits.findIndex((h) => h.paper.id === "2501.00003") >= 3);
  for (let i = 1; i < hits.length; i++)
    assert.ok(hits[i - 1].score >= hits[i].score, "scores follow the order");
  // A surname alone is not a name: plain ranking.
  const surname = await search(state, "lecun", { limit: 10 });
  assert.ok(surname.length >= 4);
});

test("an author's paper indexed later joins the author's papers", async () => {
  await search(state, "Yann LeCun", { limit: 10 }); // builds the author index
  await importRecords(state, [
    paper({
      id: "2501.00006",
      title: "Self-supervised learning",
      abstract: "Joint embeddings.",
      authors: ["Yann LeCun"],
      published: "2025-01-06",
    }),
  ]);
  const hits = await search(state, "Yann LeCun", { limit: 10 });
  assert.ok(
    hits
      .slice(0, 4)
      .map((h) => h.paper.id)
      .includes("2501.00006"),
  );
});

test("containsRun: in order, adjacent", () => {
  assert.equal(containsRun(["a", "b", "c"], ["b", "c"]), true);
  assert.equal(containsRun(["a", "b", "c"], ["a", "c"]), false);
  assert.equal(containsRun(["a"], ["a", "b"]), false);
  assert.equal(containsRun([], []), true);
});
