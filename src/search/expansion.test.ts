// Document expansion (expansion.ts) and the 3-gram statistics (grams.ts) over a real store: 600
// SciFact papers, enough to train the vector model. The tests run in order on one database:
// statistics after the import, expanding, reloading, re-indexing one paper, searching, rebuilding.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Kysely } from "kysely";
import { scifact } from "../../test/search/fixtures.ts";
import { type TempStore, tempStore } from "../../test/support/tempStore.ts";
import { importRecords } from "../ingest/importer.ts";
import type { ParsedRecord } from "../model/paper.ts";
import { openStore, type Store } from "../store/db.ts";
import type { Database } from "../store/schema.ts";
import { decodeTerms, float32s, float64s, uint32s } from "./codec.ts";
import { tellingTerms } from "./docTerms.ts";
import { getEngine, type SearchEngine } from "./engine.ts";
import {
  EXPANSION_NEIGHBOURS,
  EXPANSION_TERMS,
  expandPending,
  expansionTerms,
  NEIGHBOUR_QUERY_TERMS,
  neighboursOf,
  startExpansionLoop,
} from "./expansion.ts";
import { ensureGramStats, rebuildIndex } from "./indexer.ts";
import { LexicalIndex, packTf } from "./lexicalIndex.ts";
import { search } from "./searchPapers.ts";
import { SearchState } from "./state.ts";

const N = 600;
let store: TempStore;
/** This process's search state of the store. */
let state: SearchState;
const records: ParsedRecord[] = [];

before(async () => {
  store = await tempStore("papertide-expansion-");
  state = new SearchState(store.db);
  for await (const r of scifact(N)) records.push(r);
  await importRecords(state, records);
});
after(() => store.cleanup());

const count = async (db: Kysely<Database>, table: "search_expansions" | "search_grams") =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function currentModelId(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom("search_models")
    .select("id")
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

async function gramRow(db: Kysely<Database>, modelId: number) {
  return db.selectFrom("search_grams").selectAll().where("model_id", "=", modelId).executeTakeFirst();
}

/** The stored term list of a doc's paper (the version the engine holds). */
async function termsOfDoc(engine: SearchEngine, doc: number) {
  const row = await store.db
    .selectFrom("search_docs")
    .select(["seq", "terms"])
    .where("paper_id", "=", engine.paperIds[doc])
    .executeTakeFirstOrThrow();
  assert.equal(Number(row.seq), engine.seqOf(doc), "the engine holds the stored version");
  return decodeTerms(row.terms);
}

/** A doc's expansion computed by hand: its telling terms find its neighbours, theirs are summed. */
async function expansionByHand(
  engine: SearchEngine,
  doc: number,
): Promise<{ terms: Uint32Array; neighbours: number[] }> {
  const own = await termsOfDoc(engine, doc);
  const neighbours = neighboursOf(
    engine,
    doc,
    tellingTerms(engine.lexical, own.termIds, own.tfs, NEIGHBOUR_QUERY_TERMS),
  );
  const lent = [];
  for (const n of neighbours) {
    const t = await termsOfDoc(engine, n);
    lent.push(tellingTerms(engine.lexical, t.termIds, t.tfs, EXPANSION_TERMS));
  }
  return { terms: expansionTerms(lent), neighbours };
}

/** Every doc's expansion (null when it has none), as a plain array per doc. */
function allExpansions(engine: SearchEngine): (number[] | null)[] {
  return Array.from({ length: engine.docCount }, (_, d) => {
    const e = engine.expansionOf(d);
    return e ? [...e] : null;
  });
}

/** The expansion counter: bumped by every expansion written. */
async function expansionSeq(): Promise<number> {
  const row = await store.db
    .selectFrom("search_state")
    .select("value")
    .where("key", "=", "expansion_seq")
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

/** Forgets this process's engine, so the next search loads one from the tables. */
function dropEngine(s: SearchState): void {
  s.engine = null;
}

test("telling terms weigh (1 + ln tf) · idf with title words counted three times; expansions sum them", () => {
  const index = new LexicalIndex();
  // Term 0 in every doc (low idf), 1 in two, 2 and 3 in one each.
  index.addBatch([
    {
      termIds: Uint32Array.of(0, 1, 2),
      tfs: Uint8Array.of(packTf(1, 2, 0), packTf(0, 3, 0), packTf(1, 0, 0)),
      titleLen: 2,
      abstractLen: 5,
      authorsLen: 0,
    },
    {
      termIds: Uint32Array.of(0, 1, 3),
      tfs: Uint8Array.of(packTf(0, 1, 0), packTf(0, 1, 0), packTf(0, 0, 2)),
      titleLen: 0,
      abstractLen: 2,
      authorsLen: 2,
    },
    {
      termIds: Uint32Array.of(0),
      tfs: Uint8Array.of(packTf(0, 1, 0)),
      titleLen: 0,
      abstractLen: 1,
      authorsLen: 0,
    },
  ]);
  const t = tellingTerms(
    index,
    Uint32Array.of(0, 1, 2),
    Uint8Array.of(packTf(1, 2, 0), packTf(0, 3, 0), packTf(1, 0, 0)),
    10,
  );
  const w = (tf: number, id: number) => (1 + Math.log(tf)) * index.idf(id);
  const expected = [
    { id: 0, w: w(3 + 2, 0) },
    { id: 1, w: w(3, 1) },
    { id: 2, w: w(3, 2) },
  ].sort((a, b) => b.w - a.w);
  assert.deepEqual(t, expected);
  assert.deepEqual(
    tellingTerms(
      index,
      Uint32Array.of(0, 1, 2),
      Uint8Array.of(packTf(1, 2, 0), packTf(0, 3, 0), packTf(1, 0, 0)),
      1,
    ),
    [expected[0]],
  );
  // Authors do not make a term telling.
  assert.deepEqual(tellingTerms(index, Uint32Array.of(3), Uint8Array.of(packTf(0, 0, 2)), 10), []);

  // Summed over neighbours, the best EXPANSION_TERMS kept, ties to the lower id, ids ascending.
  const many = Array.from({ length: EXPANSION_TERMS + 10 }, (_, i) => ({ id: 1000 - i, w: 1 }));
  const e = expansionTerms([
    many,
    [
      { id: 5, w: 0.5 },
      { id: 999, w: 0.1 },
    ],
    [{ id: 5, w: 0.6 }],
  ]);
  assert.equal(e.length, EXPANSION_TERMS);
  assert.ok(e.includes(5), "5 sums to 1.1, above the single 1s");
  assert.ok(e.includes(999), "999 sums to 1.1");
  // 28 of the 40 tied at 1 fit: the lower ids.
  assert.ok(e.includes(1000 - (EXPANSION_TERMS + 9)), "the lowest id of the ties is kept");
  assert.ok(!e.includes(1000), "the highest id of the ties is cut");
  assert.deepEqual(
    [...e],
    [...e].sort((a, b) => a - b),
  );
  assert.deepEqual([...expansionTerms([])], []);
});

test("the import computes the 3-gram statistics of the model it trains, once", async () => {
  const modelId = await currentModelId(store.db);
  const row = await gramRow(store.db, modelId);
  assert.ok(row, "search_grams has a row for the current model");
  assert.equal(Number(row.docs), N, "600 papers: every one is in the training sample");
  const codes = float64s(row.codes);
  const dfs = uint32s(row.dfs);
  assert.equal(codes.length, dfs.length);
  assert.ok(codes.length > 1000, `${codes.length} distinct grams`);
  assert.ok(Number(row.title_avg) > 0 && Number(row.abstract_avg) > Number(row.title_avg));
  assert.ok(dfs.every((df) => df >= 1 && df <= N));
  assert.equal(await ensureGramStats(state), false, "a second call finds the row");
  assert.equal(await count(store.db, "search_grams"), 1);
  const engine = await getEngine(state);
  assert.equal(state.grams?.modelId, engine.modelId, "the engine has them loaded");
});

let expanded: (number[] | null)[];

test("expandPending expands every live paper once; a second call has nothing to do", async () => {
  const engine = await getEngine(state);
  assert.equal(engine.docCount, N);
  assert.equal(engine.pendingExpansions(Number.POSITIVE_INFINITY).length, N, "the import expands nothing");
  assert.deepEqual(engine.pendingExpansions(5), [0, 1, 2, 3, 4], "oldest first, at most as many as asked");
  const progress: [number, number][] = [];
  const n = await expandPending(state, { onProgress: (done, total) => progress.push([done, total]) });
  assert.equal(n, engine.docCount);
  assert.deepEqual(progress.at(-1), [N, N]);
  assert.equal(await count(store.db, "search_expansions"), N);
  assert.deepEqual(engine.pendingExpansions(Number.POSITIVE_INFINITY), []);
  assert.equal(await expandPending(state), 0);
  expanded = allExpansions(engine);
});

test("a paper's expansion is at most 30 terms, ascending: the telling terms of its nearest papers", async () => {
  const engine = await getEngine(state);
  for (let d = 0; d < engine.docCount; d++) {
    const e = engine.expansionOf(d);
    assert.ok(e, `doc ${d} has an expansion`);
    assert.ok(e.length > 0 && e.length <= EXPANSION_TERMS, `doc ${d}: ${e.length} terms`);
    for (let i = 1; i < e.length; i++) assert.ok(e[i - 1] < e[i], `doc ${d} ascending`);
  }
  for (const d of [0, 1, 77, 298, N - 1]) {
    const { terms, neighbours } = await expansionByHand(engine, d);
    assert.equal(neighbours.length, EXPANSION_NEIGHBOURS);
    assert.ok(!neighbours.includes(d), "a paper is not its own neighbour");
    assert.deepEqual([...(engine.expansionOf(d) ?? [])], [...terms], `doc ${d}`);
    // Every term is one of the neighbours'.
    const lent = new Set<number>();
    for (const n of neighbours) for (const t of (await termsOfDoc(engine, n)).termIds) lent.add(t);
    assert.ok([...terms].every((t) => lent.has(t)));
  }
});

test("a fresh engine over the same database loads the expansions instead of recomputing them", async () => {
  const old = await getEngine(state);
  const seqBefore = await expansionSeq();
  dropEngine(state);
  const fresh = await getEngine(state);
  assert.notEqual(fresh, old);
  assert.deepEqual(fresh.pendingExpansions(Number.POSITIVE_INFINITY), []);
  assert.deepEqual(allExpansions(fresh), expanded);
  assert.equal(await expandPending(state), 0);
  assert.equal(await expansionSeq(), seqBefore, "no expansion was written again");
  // Another process (its own connection and search state) sees them too.
  const other = await openStore(store.url);
  try {
    const engine = await getEngine(new SearchState(other.db));
    assert.deepEqual(engine.pendingExpansions(Number.POSITIVE_INFINITY), []);
    assert.deepEqual(allExpansions(engine), expanded);
  } finally {
    await other.close();
  }
});

const CHANGED = 123;
/** A word no SciFact paper has, so the changed paper's text is sure to differ. */
const MARKER = "quokkapartnership";

test("re-indexing one paper makes exactly that paper pending, in this engine and a fresh one", async () => {
  const before = await getEngine(state);
  const rec = records[CHANGED];
  assert.equal(rec.kind, "paper");
  if (rec.kind !== "paper") return;
  const id = rec.paper.id;
  const oldDoc = before.docOf.get(id);
  assert.notEqual(oldDoc, undefined);
  const summary = await importRecords(state, [
    {
      ...rec,
      paper: {
        ...rec.paper,
        abstract: `${rec.paper.abstract} A ${MARKER} of quokkas: cancer patients treated with insulin and cells in mice.`,
      },
    },
  ]);
  assert.equal(summary.updated, 1);
  const engine = await getEngine(state);
  assert.equal(engine, before, "a small change is applied in place");
  const doc = engine.docOf.get(id) as number;
  assert.notEqual(doc, oldDoc, "the new version has a new doc number");
  assert.ok(!engine.lexical.isLive(oldDoc as number));
  assert.deepEqual(engine.pendingExpansions(Number.POSITIVE_INFINITY), [doc]);
  assert.equal(engine.expansionOf(doc), null, "ranked without an expansion until it has its own");
  dropEngine(state);
  const fresh = await getEngine(state);
  const freshDoc = fresh.docOf.get(id) as number;
  assert.deepEqual(fresh.pendingExpansions(Number.POSITIVE_INFINITY), [freshDoc]);
  assert.equal(await expandPending(state), 1);
  assert.deepEqual(fresh.pendingExpansions(Number.POSITIVE_INFINITY), []);
  assert.equal(await count(store.db, "search_expansions"), N, "the paper's row was replaced, not added");
  const { terms } = await expansionByHand(fresh, freshDoc);
  assert.deepEqual([...(fresh.expansionOf(freshDoc) ?? [])], [...terms]);
});

test("search still returns papers, and a paper's quoted title finds it first", async () => {
  const engine = await getEngine(state);
  assert.ok(engine.vectors, "the model is trained");
  assert.equal(state.grams?.modelId, engine.modelId, "the gram re-score runs");
  const hits = await search(state, "white matter diffusion in the newborn brain", { limit: 10 });
  assert.equal(hits.length, 10);
  assert.equal(new Set(hits.map((h) => h.paper.id)).size, 10);
  for (const i of [0, 42, 250, 431, 599]) {
    const rec = records[i];
    if (rec.kind !== "paper") continue;
    const title = rec.paper.title as string;
    const found = await search(state, `"${title}"`, { limit: 10 });
    assert.equal(found[0]?.paper.id, rec.paper.id, `"${title}"`);
  }
  // Lexical mode runs the same word stages (expansions, grams) without the vectors.
  const rec = records[CHANGED];
  if (rec.kind === "paper") {
    const found = await search(state, `${MARKER}`, { limit: 10, mode: "lexical" });
    assert.equal(found[0]?.paper.id, rec.paper.id, "the changed paper is found by its new word");
  }
});

/** A second connection that was serving searches before the rebuild (its own search state, as another process has). */
let serving: Store;
let servingState: SearchState;
let rebuiltGrams: { codes: Float64Array; stale: Float64Array };

test("rebuildIndex drops every expansion and gram row, then computes the new model's", async () => {
  serving = await openStore(store.url);
  servingState = new SearchState(serving.db);
  await getEngine(servingState);
  assert.ok(servingState.grams, "the serving process has the model's gram statistics loaded");
  const stale = await gramRow(store.db, await currentModelId(store.db));
  assert.ok(stale);
  // A row no rebuild writes: only the clean-out can remove it.
  await store.db
    .insertInto("search_grams")
    .values({ ...stale, model_id: 99 })
    .execute();

  await rebuildIndex(state);
  assert.equal(await count(store.db, "search_expansions"), 0);
  const modelId = await currentModelId(store.db);
  assert.equal((await gramRow(store.db, 99)) ?? null, null, "the old gram rows are gone");
  const row = await gramRow(store.db, modelId);
  assert.ok(row, "the new model has its gram statistics");
  assert.equal(await count(store.db, "search_grams"), 1);
  // The rebuilt model's sample has the changed paper's new text: the statistics differ.
  assert.notDeepEqual(float64s(row.codes), float64s(stale.codes));
  rebuiltGrams = { codes: float64s(row.codes), stale: float64s(stale.codes) };

  const engine = await getEngine(state);
  assert.equal(engine.modelId, modelId);
  assert.equal(engine.pendingExpansions(Number.POSITIVE_INFINITY).length, N, "every paper to expand again");
});

// SearchState keeps what it loaded while the model id is unchanged: a rebuild must reset the gram
// statistics and never hand out an id used before (search_models is emptied by it).
test("after rebuildIndex this process scores grams with the rebuilt statistics", async () => {
  await getEngine(state);
  const grams = state.grams;
  assert.deepEqual(grams?.stats.encode().codes, rebuiltGrams.codes);
});

test("after rebuildIndex by another process a serving process uses the rebuilt model and statistics", async () => {
  try {
    const model = await store.db.selectFrom("search_models").selectAll().executeTakeFirstOrThrow();
    await getEngine(servingState);
    const state = servingState;
    assert.deepEqual(
      state.model?.projector.model.basis,
      float32s(model.basis),
      "queries are embedded with the rebuilt model",
    );
    assert.deepEqual(
      state.grams?.stats.encode().codes,
      rebuiltGrams.codes,
      "grams scored with its statistics",
    );
  } finally {
    await serving.close();
  }
});

test("the background loop expands every paper again, then idles until stopped", {
  timeout: 120_000,
}, async () => {
  const logged: string[] = [];
  const stop = startExpansionLoop(state, { idleMs: 60_000, log: (l) => logged.push(l) });
  try {
    while ((await count(store.db, "search_expansions")) < N) await new Promise((r) => setTimeout(r, 50));
  } finally {
    await stop();
  }
  assert.deepEqual(logged, []);
  const engine = await getEngine(state);
  assert.deepEqual(engine.pendingExpansions(Number.POSITIVE_INFINITY), []);
  for (const i of [0, 300]) {
    const rec = records[i];
    if (rec.kind !== "paper") continue;
    const doc = engine.docOf.get(rec.paper.id) as number;
    const { terms } = await expansionByHand(engine, doc);
    assert.deepEqual([...(engine.expansionOf(doc) ?? [])], [...terms]);
  }
});
