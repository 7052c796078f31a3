// The similar-paper upkeep: which papers it looks after, a pass that brings their lists to the
// engine's current seq (and no other paper's), a second pass with nothing to do, papers imported
// later, and the background loop under its lease.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { scifact } from "../../test/search/fixtures.ts";
import { addUser } from "../../test/support/factories.ts";
import { type TempStore, tempStore } from "../../test/support/tempStore.ts";
import { importRecords } from "../ingest/importer.ts";
import type { ParsedRecord } from "../model/paper.ts";
import { releaseLease, takeLease } from "../store/jobLeases.ts";
import { addVote } from "../store/votes.ts";
import { runLeased } from "../worker/leasedJob.ts";
import { getEngine } from "./engine.ts";
import { relatedList, staleRelated } from "./related.ts";
import {
  hotPapers,
  type RelatedUpkeepDeps,
  RelatedUpkeepPass,
  startRelatedUpkeep,
  upkeepRelated,
} from "./relatedUpkeep.ts";
import { SearchState } from "./state.ts";

/** The clock of the instance: the day after its newest list. */
const NOW = new Date("2026-11-02T12:00:00.000Z");

let store: TempStore;
let deps: RelatedUpkeepDeps;
let corpus: ParsedRecord[];
/** Paper ids by the day they were listed on. */
const byDay = new Map<string, string[]>();

/** SciFact's papers `from`..`to` (exclusive), listed on `day` in cs.LG. */
function listedOn(from: number, to: number, day: string): ParsedRecord[] {
  return corpus.slice(from, to).map((rec) => {
    if (rec.kind !== "paper") throw new Error("SciFact holds papers only");
    byDay.set(day, [...(byDay.get(day) ?? []), rec.paper.id]);
    return {
      ...rec,
      paper: {
        ...rec.paper,
        categories: ["cs.LG"],
        announcedOn: day,
        versions: [{ version: 1, createdAt: `${day}T00:00:00.000Z` }],
      },
    };
  });
}

/** Stored lists by paper: the seq and vector model each accounts for. */
async function storedLists(): Promise<Map<string, { seq: number; model: number }>> {
  const rows = await store.db.selectFrom("search_related").select(["paper_id", "seq", "model_id"]).execute();
  return new Map(rows.map((r) => [r.paper_id, { seq: Number(r.seq), model: Number(r.model_id) }]));
}

async function until(what: string, ok: () => Promise<boolean> | boolean): Promise<void> {
  for (let i = 0; i < 800; i++) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  assert.fail(`timed out waiting until ${what}`);
}

// 300 papers listed in August (before the Trending window), then 30 on each of the three days
// before NOW; three older papers with a community signal now, two with an old one.
let featuredOld: string; // an August paper featured on a list of the window
let votedNow: string; // an August paper a reader upvoted yesterday
let votedLongAgo: string; // an August paper upvoted in September
let upvotedOld: string; // an August paper with upvotes from its source, listed in August
let pickedOct30: string; // a paper of Oct 30 (not one of the two newest days) with upvotes
before(async () => {
  corpus = [];
  for await (const rec of scifact(440)) corpus.push(rec);
  store = await tempStore("papertide-related-upkeep-");
  const search = new SearchState(store.db);
  deps = { store, search, categories: ["cs.LG"], clock: { now: () => NOW } };
  const august = Array.from({ length: 10 }, (_, d) =>
    listedOn(d * 30, d * 30 + 30, `2026-08-${String(d + 1).padStart(2, "0")}`),
  ).flat();
  const oct30 = listedOn(300, 330, "2026-10-30");
  const paperOf = (rec: ParsedRecord | undefined) => {
    if (rec?.kind !== "paper") throw new Error("not a paper");
    return rec;
  };
  featuredOld = paperOf(august[10]).paper.id;
  votedNow = paperOf(august[20]).paper.id;
  votedLongAgo = paperOf(august[30]).paper.id;
  upvotedOld = paperOf(august[40]).paper.id;
  pickedOct30 = paperOf(oct30[0]).paper.id;
  paperOf(august[10]).daily = {
    day: "2026-10-15",
    paperId: featuredOld,
    source: "featured",
    featuredBy: "curator",
  };
  paperOf(august[40]).paper.upvotes = 5;
  paperOf(oct30[0]).paper.upvotes = 3;
  await importRecords(search, [
    ...august,
    ...oct30,
    ...listedOn(330, 360, "2026-10-31"),
    ...listedOn(360, 390, "2026-11-01"),
  ]);
  const reader = await addUser(store.db);
  await addVote(store.db, reader.id, votedNow, "2026-11-01T09:00:00.000Z");
  await addVote(store.db, reader.id, votedLongAgo, "2026-09-01T09:00:00.000Z");
});
after(() => store?.cleanup());

test("the hot papers: the window's picks in Trending's order, fresh upvotes, the two newest days' lists", async () => {
  const hot = await hotPapers(deps);
  // The upvoted pick trends above the featured one with no upvotes.
  assert.deepEqual(hot.slice(0, 3), [pickedOct30, featuredOld, votedNow]);
  assert.deepEqual(new Set(hot.slice(3, 33)), new Set(byDay.get("2026-11-01")));
  assert.deepEqual(new Set(hot.slice(33)), new Set(byDay.get("2026-10-31")));
  assert.equal(hot.length, 63);
  for (const cold of [votedLongAgo, upvotedOld, byDay.get("2026-10-30")?.[5]])
    assert.ok(cold && !hot.includes(cold), `${cold} is not hot`);
  assert.deepEqual(await hotPapers(deps, 2), hot.slice(0, 2), "capped, most likely first");
});

test("a pass computes the hot papers' lists at the engine's seq, and nothing else; a second pass has nothing to do", async () => {
  assert.equal((await storedLists()).size, 0);
  const counts = await upkeepRelated(deps);
  assert.deepEqual(counts, { computed: 63, updated: 0 });
  const engine = await getEngine(deps.search);
  const stored = await storedLists();
  assert.deepEqual(
    new Set(stored.keys()),
    new Set(await hotPapers(deps)),
    "papers nobody will open have none",
  );
  for (const [id, row] of stored) assert.deepEqual(row, { seq: engine.lastSeq, model: engine.modelId }, id);
  assert.deepEqual(await upkeepRelated(deps), { computed: 0, updated: 0 });
  // A reader of a hot paper gets the stored list as it is.
  const read = await relatedList(deps, pickedOct30);
  assert.equal(read.how, "stored");
  assert.ok(read.neighbours.length > 0);
});

test("after an import, a pass brings the hot lists to the new seq, a chunk at a time; lists no longer hot are left to readers", async () => {
  const before = await storedLists();
  await importRecords(deps.search, listedOn(390, 410, "2026-11-02"));
  const engine = await getEngine(deps.search);
  assert.ok(engine.lastSeq > (before.get(pickedOct30)?.seq ?? 0));
  const pass = new RelatedUpkeepPass(deps);
  const chunks: number[] = [];
  for (let n = await pass.chunk({ max: 10 }); n > 0; n = await pass.chunk({ max: 10 })) chunks.push(n);
  // New: the 20 papers of Nov 2; updated: Nov 1 (still one of the two newest days) and the picks.
  assert.deepEqual(pass.counts, { computed: 20, updated: 33 });
  assert.deepEqual(chunks, [10, 10, 10, 10, 10, 3]);
  assert.match(
    pass.describe(),
    /^search: similar papers: 53 lists brought up to date \(20 computed, 33 updated\) in \d+\.\d s$/,
  );
  const hot = await hotPapers(deps);
  assert.deepEqual(await staleRelated(store.db, engine, hot), []);
  const stored = await storedLists();
  for (const id of hot) assert.equal(stored.get(id)?.seq, engine.lastSeq, id);
  // Oct 31 fell out of the two newest days: its lists wait for a reader, who updates them.
  for (const id of byDay.get("2026-10-31") ?? []) assert.equal(stored.get(id)?.seq, before.get(id)?.seq, id);
  assert.equal((await relatedList(deps, byDay.get("2026-10-31")?.[0] as string)).how, "incremental");
  assert.deepEqual(await upkeepRelated(deps), { computed: 0, updated: 0 });
});

test("the background loop leaves the work to the process holding its lease, then does a pass and logs it once", async () => {
  const lease = { db: store.db, clock: { now: () => new Date() }, owner: "this-process", leaseMs: 60_000 };
  const now = new Date();
  assert.ok(
    await takeLease(store.db, "search:related", "other-process", now, new Date(now.getTime() + 60_000)),
  );
  await importRecords(deps.search, listedOn(410, 440, "2026-11-03"));
  const logged: string[] = [];
  const told: { computed: number; updated: number }[] = [];
  deps.search.onRelatedLists = (lists) => told.push(lists);
  const hot = await hotPapers(deps);
  const stale = async () => (await staleRelated(store.db, await getEngine(deps.search), hot)).length;
  // Nov 3's 30 new papers, Nov 2's 20 and the 3 picks.
  assert.equal(await stale(), 53);
  const stop = startRelatedUpkeep(deps, {
    firstMs: 0,
    idleMs: 20,
    log: (l) => logged.push(l),
    exclusive: async (work) => {
      const outcome = await runLeased(lease, "search:related", work);
      return outcome.ran ? outcome.value : null;
    },
  });
  try {
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(await stale(), 53, "nothing is done while another process holds the lease");
    await releaseLease(store.db, "search:related", "other-process");
    await until("the pass is logged", () => logged.length > 0);
    assert.equal(await stale(), 0);
    // Idle ticks that find nothing to do log nothing.
    await new Promise((r) => setTimeout(r, 200));
  } finally {
    await stop();
    deps.search.onRelatedLists = null;
  }
  assert.equal(logged.length, 1, logged.join("\n"));
  assert.match(
    logged[0] as string,
    /^search: similar papers: 53 lists brought up to date \(30 computed, 23 updated\)/,
  );
  assert.deepEqual(
    told.reduce((a, b) => ({ computed: a.computed + b.computed, updated: a.updated + b.updated })),
    { computed: 30, updated: 23 },
  );
  assert.equal(told.length, 2, "told once per chunk (40 papers, then 13)");
});
