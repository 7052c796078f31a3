// The server's background loop (src/web/start.ts starts it): it expands the papers an import
// left pending, a few per tick, then idles; papers imported later are picked up on a later tick;
// stopping it waits for the tick in flight.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { importRecords } from "../../src/ingest/importer.ts";
import { systemClock } from "../../src/model/clock.ts";
import { getEngine } from "../../src/search/engine.ts";
import { startExpansionLoop } from "../../src/search/expansion.ts";
import { SearchState } from "../../src/search/state.ts";
import { releaseLease, takeLease } from "../../src/store/jobLeases.ts";
import { runLeased } from "../../src/worker/leasedJob.ts";
import { type TempStore, tempStore } from "../support/tempStore.ts";
import { LIBRARY, paper, scifact } from "./fixtures.ts";

let store: TempStore;
let state: SearchState;
before(async () => {
  store = await tempStore("papertide-expandloop-");
  state = new SearchState(store.db);
  await importRecords(state, scifact(600));
});
after(() => store.cleanup());

async function until(what: string, ok: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  assert.fail(`timed out waiting until ${what}`);
}

test("the background loop expands pending papers, then new ones, and stops cleanly", async () => {
  const engine = await getEngine(state);
  assert.equal(engine.pendingExpansions(Number.POSITIVE_INFINITY).length, engine.docCount);
  const errors: string[] = [];
  const stop = startExpansionLoop(state, { firstMs: 0, idleMs: 20, log: (l) => errors.push(l) });
  try {
    const pending = async () => (await getEngine(state)).pendingExpansions(Number.POSITIVE_INFINITY).length;
    await until("every paper is expanded", async () => (await pending()) === 0);
    const rows = await store.db.selectFrom("search_expansions").select("paper_id").execute();
    assert.equal(rows.length, engine.docCount);
    // The 600 papers trained a vector model; the import stored its 3-gram statistics with it.
    const grams = await store.db.selectFrom("search_grams").select(["model_id", "docs"]).execute();
    assert.deepEqual(
      grams.map((g) => Number(g.model_id)),
      [engine.modelId],
    );
    assert.equal(Number(grams[0].docs), 600);
    assert.equal((await getEngine(state)).state.grams?.modelId, engine.modelId, "the engine loaded them");

    await importRecords(state, [
      ...LIBRARY.slice(0, 2),
      paper({
        id: "2402.09999",
        title: "Late arrival about protein folding",
        abstract: "Protein folding in cells.",
      }),
    ]);
    await until("the new papers are expanded too", async () => (await pending()) === 0);
    const late = await getEngine(state);
    const doc = late.docOf.get("2402.09999");
    assert.notEqual(doc, undefined, "the late paper is indexed");
    assert.ok((late.expansionOf(doc as number)?.length ?? 0) > 0, "and has an expansion");
  } finally {
    await stop();
  }
  assert.deepEqual(errors, []);
});

test("a loop leaves the expansions to the process holding their lease, and takes over when it is free", async () => {
  const lease = { db: store.db, clock: systemClock, owner: "this-process", leaseMs: 60_000 };
  const now = new Date();
  assert.equal(
    await takeLease(store.db, "search:expand", "other-process", now, new Date(now.getTime() + 60_000)),
    true,
  );
  await importRecords(state, [
    paper({ id: "2402.09998", title: "Leased expansions", abstract: "Who expands this." }),
  ]);
  const pending = async () => (await getEngine(state)).pendingExpansions(Number.POSITIVE_INFINITY).length;
  assert.equal(await pending(), 1);
  const stop = startExpansionLoop(state, {
    firstMs: 0,
    idleMs: 20,
    exclusive: async (work) => {
      const outcome = await runLeased(lease, "search:expand", work);
      return outcome.ran ? outcome.value : null;
    },
  });
  try {
    // Several ticks pass while the other process holds the lease: nothing is expanded here.
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(await pending(), 1);
    await releaseLease(store.db, "search:expand", "other-process");
    await until("the paper is expanded by this loop", async () => (await pending()) === 0);
  } finally {
    await stop();
  }
});
