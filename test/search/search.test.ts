// Search through the path the API and pages use: direct hits, filters, sort, hostile input,
// and an index that survives reopening and catches up with papers it missed.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import fc from "fast-check";
import { importRecords } from "../../src/ingest/importer.ts";
import { search, searchPapers } from "../../src/search/searchPapers.ts";
import { SearchState } from "../../src/search/state.ts";
import { openStore } from "../../src/store/db.ts";
import { upsertPapers } from "../../src/store/papers.ts";
import { type TempStore, tempStore } from "../support/tempStore.ts";
import { LIBRARY } from "./fixtures.ts";

let store: TempStore;
/** This process's search state of the store. */
let state: SearchState;
before(async () => {
  store = await tempStore("papertide-search-");
  state = new SearchState(store.db);
  await importRecords(state, LIBRARY);
});
after(() => store.cleanup());

const ids = async (text: string, opts: Parameters<typeof search>[2] = { limit: 20 }) =>
  (await search(state, text, opts)).map((h) => h.paper.id);

test("words rank papers by BM25F; the old searchPapers shape still works", async () => {
  const hits = await searchPapers(state, "diffusion", 10);
  assert.deepEqual(hits.map((h) => h.paper.id).sort(), ["2401.00002", "2406.00007"]);
  assert.ok(hits.every((h) => typeof h.score === "number" && h.score > 0));
  assert.equal((await ids("attention transformers"))[0], "2401.00001", "title matches rank first");
  assert.deepEqual(await ids("Schrodinger"), ["2408.00010"], "accents do not matter");
  assert.deepEqual(await ids("zebra"), []);
  assert.deepEqual(await searchPapers(state, "attention", 0), []);
});

test("an arXiv id, abs or PDF URL, or a DOI jumps to the paper", async () => {
  for (const text of [
    "2401.00002",
    "arXiv:2401.00002v2",
    "https://arxiv.org/abs/2401.00002",
    "https://arxiv.org/pdf/2401.00002v1.pdf",
  ]) {
    const hits = await search(state, text, { limit: 10 });
    assert.deepEqual(
      hits.map((h) => [h.paper.id, h.direct]),
      [["2401.00002", true]],
      text,
    );
  }
  assert.deepEqual(await ids("hep-th/9901001"), ["hep-th/9901001"]);
  assert.deepEqual(await ids("10.1234/attn.2024"), ["2401.00001"], "DOIs are case-insensitive");
  assert.deepEqual(await ids("https://doi.org/10.5555/bh.2024.6"), ["2405.00006"]);
  assert.deepEqual(await ids("10.48550/arXiv.2410.00012"), ["2410.00012"], "arXiv's own DOI names the paper");
  assert.deepEqual(await ids("2501.99999"), [], "an id we do not hold finds nothing, and does not fail");
});

test("author:, category: and date filters, alone or with words", async () => {
  assert.deepEqual((await ids('author:"Ada Lovelace"')).sort(), [
    "2401.00001",
    "2403.00004",
    "2406.00007",
    "2410.00012",
  ]);
  assert.deepEqual((await ids("author:turing attention")).sort(), ["2401.00001", "2407.00008"]);
  assert.deepEqual((await ids("category:cs.CV")).sort(), ["2401.00002", "2406.00007"]);
  assert.deepEqual((await ids("cat:hep-th")).sort(), ["2405.00006", "hep-th/9901001"]);
  assert.deepEqual(
    (await ids("cat:q-bio transformers")).sort(),
    ["2404.00005"],
    "an archive matches its categories",
  );
  assert.deepEqual(
    (await ids("cat:cs.CV cat:gr-qc")).sort(),
    ["2401.00002", "2405.00006", "2406.00007"],
    "several categories: any",
  );
  assert.deepEqual((await ids("from:2024-06 to:2024-08 author:lovelace")).sort(), ["2406.00007"]);
  assert.deepEqual(await ids("before:2000"), ["hep-th/9901001"]);
  assert.deepEqual(await ids("year:2024 attention before:2024-02"), ["2401.00001"]);
  assert.deepEqual(await ids("author:nobody"), []);
});

test("sort by date: newest first, by option or by sort:date", async () => {
  assert.deepEqual(await ids("author:lovelace sort:date"), [
    "2410.00012",
    "2406.00007",
    "2403.00004",
    "2401.00001",
  ]);
  assert.deepEqual(await ids("attention", { limit: 10, sort: "date" }), [
    "2407.00008",
    "2404.00005",
    "2401.00001",
  ]);
  assert.deepEqual(
    await ids("category:cs.LG", { limit: 2, offset: 1 }),
    ["2404.00005", "2403.00004"],
    "paged",
  );
});

test("hostile queries never throw, never error, and return papers or nothing", async () => {
  const hostile = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.string({ unit: "grapheme", maxLength: 100 }),
    fc
      .array(
        fc.constantFrom(
          '"',
          "(",
          ")",
          "*",
          ":",
          "NEAR",
          "OR",
          "NOT",
          "-",
          "author:",
          "cat:",
          "from:",
          "sort:",
          "doi:",
          "10.1/",
          "2401.0000",
          "\u0000",
          "attention",
          " ",
          "é",
        ),
        { maxLength: 30 },
      )
      .map((xs) => xs.join("")),
  );
  await fc.assert(
    fc.asyncProperty(hostile, async (text) => {
      const hits = await searchPapers(state, text, 5);
      assert.ok(Array.isArray(hits) && hits.length <= 5);
    }),
    { numRuns: 300 },
  );
});

test("the index survives reopening: nothing is re-indexed, results are the same", async () => {
  const before = await ids("attention transformers");
  const seq = () =>
    store.db.selectFrom("search_state").select("value").where("key", "=", "seq").executeTakeFirstOrThrow();
  const seqBefore = Number((await seq()).value);
  const reopened = await openStore(store.url);
  try {
    assert.deepEqual(
      (await search(new SearchState(reopened.db), "attention transformers", { limit: 20 })).map(
        (h) => h.paper.id,
      ),
      before,
    );
    assert.equal(
      Number((await seq()).value),
      seqBefore,
      "the reopened engine loaded the index, it did not rebuild it",
    );
  } finally {
    await reopened.close();
  }
});

test("papers stored without being indexed (a crash in between) are indexed on the next load", async () => {
  const other = await tempStore("papertide-search-crash-");
  try {
    await importRecords(new SearchState(other.db), LIBRARY.slice(0, 3));
    // What a kill -9 between the papers batch and its indexing leaves behind.
    await upsertPapers(
      other.db,
      [{ id: "2411.00099", title: "Orphaned Paper About Kangaroos", abstract: "Marsupials." }],
      new Date(),
    );
    const fresh = await openStore(other.url);
    try {
      assert.deepEqual(
        (await search(new SearchState(fresh.db), "kangaroos", { limit: 5 })).map((h) => h.paper.id),
        ["2411.00099"],
      );
    } finally {
      await fresh.close();
    }
  } finally {
    await other.cleanup();
  }
});

test("an updated paper is re-indexed: old words stop matching, new ones match", async () => {
  await importRecords(state, [
    {
      kind: "paper",
      paper: {
        id: "2402.00003",
        title: "Graph Neural Networks at Planetary Scale",
        abstract: "Now about mycelium.",
      },
    },
  ]);
  assert.deepEqual(await ids("mycelium"), ["2402.00003"]);
  assert.deepEqual(await ids("billions edges"), []);
  assert.deepEqual(await ids("planetary graph"), ["2402.00003"]);
});
