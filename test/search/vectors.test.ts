// The vector side on real abstracts (a SciFact slice, enough for a model): trained once as
// papers arrive, persisted, loaded (not retrained) on reopen, retrained when the corpus has grown
// by half; similar papers kept current incrementally.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { importRecords } from "../../src/ingest/importer.ts";
import { getEngine } from "../../src/search/engine.ts";
import { MIN_MODEL_DOCS } from "../../src/search/indexer.ts";
import { relatedList, relatedPapers } from "../../src/search/related.ts";
import { search } from "../../src/search/searchPapers.ts";
import { SearchState } from "../../src/search/state.ts";
import { openStore } from "../../src/store/db.ts";
import { getPaper } from "../../src/store/papers.ts";
import { type TempStore, tempStore } from "../support/tempStore.ts";
import { scifact } from "./fixtures.ts";

let store: TempStore;
/** This process's search state of the store. */
let state: SearchState;
before(async () => {
  store = await tempStore("papertide-vectors-");
  state = new SearchState(store.db);
  await importRecords(state, scifact(600));
});
after(() => store.cleanup());

const models = () => store.db.selectFrom("search_models").select(["id", "docs", "dim"]).execute();

test("a model is trained once the corpus is big enough, and every paper gets a vector", async () => {
  assert.ok(600 >= MIN_MODEL_DOCS);
  const m = await models();
  assert.equal(m.length, 1);
  assert.equal(m[0].docs, 600);
  const vectors = await store.db
    .selectFrom("search_vectors")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("model_id", "=", m[0].id)
    .executeTakeFirstOrThrow();
  assert.equal(Number(vectors.n), 600);
});

test("semantic search finds papers by meaning; hybrid keeps the word matches on top", async () => {
  const hits = await search(state, "vitamin D deficiency", { limit: 5, mode: "semantic" });
  assert.ok(hits.length > 0 && /vitamin d/i.test(`${hits[0].paper.title} ${hits[0].paper.abstract}`));
  const hybrid = await search(state, "white matter diffusion tensor imaging", { limit: 5 });
  const lexical = await search(state, "white matter diffusion tensor imaging", { limit: 5, mode: "lexical" });
  assert.equal(hybrid[0].paper.id, lexical[0].paper.id);
});

test("reopening loads the vectors instead of retraining", async () => {
  const before = (await search(state, "stem cell differentiation", { limit: 10 })).map((h) => [
    h.paper.id,
    h.score,
  ]);
  const reopened = await openStore(store.url);
  try {
    const reopenedState = new SearchState(reopened.db);
    const engine = await getEngine(reopenedState);
    assert.equal(engine.modelId, (await models())[0].id);
    const again = (await search(reopenedState, "stem cell differentiation", { limit: 10 })).map((h) => [
      h.paper.id,
      h.score,
    ]);
    assert.deepEqual(again, before);
    assert.equal((await models()).length, 1, "no new model");
  } finally {
    await reopened.close();
  }
});

test("similar papers: computed once, then updated incrementally when a closer paper arrives", async () => {
  const id = "scifact:4983";
  const first = await relatedList({ store, search: state }, id);
  assert.equal(first.how, "computed");
  assert.equal(first.neighbours.length, 30);
  assert.ok(!first.neighbours.some((n) => n.id === id), "a paper is not its own neighbour");
  assert.equal((await relatedList({ store, search: state }, id)).how, "stored");
  // A near-copy arrives: it must enter the stored list without recomputing it.
  const original = await getPaper(store.db, id);
  assert.ok(original);
  await importRecords(state, [
    {
      kind: "paper",
      paper: { id: "scifact:copy", title: `${original.title} (replication)`, abstract: original.abstract },
    },
  ]);
  const updated = await relatedList({ store, search: state }, id);
  assert.equal(updated.how, "incremental");
  assert.equal(updated.neighbours[0].id, "scifact:copy");
  assert.deepEqual(
    updated.neighbours.slice(1).map((n) => n.id),
    first.neighbours.slice(0, 29).map((n) => n.id),
    "the rest of the list is the stored one, shifted",
  );
  const top = await relatedPapers({ store, search: state }, id, 3);
  assert.equal(top.length, 3);
  assert.equal(top[0].paper.id, "scifact:copy");
  assert.deepEqual(await relatedPapers({ store, search: state }, "scifact:nope", 3), []);
});

test("papers arriving after training get vectors folded in; growth by half retrains", async () => {
  await importRecords(state, scifact(100, 600));
  assert.equal((await models()).length, 1, "700 papers: still the first model (trained at 600)");
  const engine = await getEngine(state);
  assert.ok(engine.vectors?.has(engine.docOf.get(`scifact:${await lastId()}`) as number));
  await importRecords(state, scifact(250, 700));
  const m = await models();
  assert.equal(m.length, 1, "older models are dropped");
  assert.ok(m[0].docs >= 900, `retrained at ${m[0].docs}`);
  assert.equal((await getEngine(state)).modelId, m[0].id);
});

async function lastId(): Promise<string> {
  let last = "";
  for await (const r of scifact(100, 600)) if (r.kind === "paper") last = r.paper.id.slice("scifact:".length);
  return last;
}

test("similar papers: a stored list that cannot be read is computed again", async () => {
  const id = "scifact:4983";
  const good = await relatedList({ store, search: state }, id);
  for (const damaged of ["{not json", '[{"id":7}]', '{"id":"x"}']) {
    await store.db
      .updateTable("search_related")
      .set({ neighbours: damaged })
      .where("paper_id", "=", id)
      .execute();
    const again = await relatedList({ store, search: state }, id);
    assert.equal(again.how, "computed", damaged);
    assert.deepEqual(
      again.neighbours.map((n) => n.id),
      good.neighbours.map((n) => n.id),
    );
  }
});
