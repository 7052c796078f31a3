import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { type TempStore, tempStore } from "../../test/support/tempStore.ts";
import { importRecords } from "../ingest/importer.ts";
import type { PaperInput, ParsedRecord } from "../model/paper.ts";
import { SearchState } from "../search/state.ts";
import { adjacentDay, latestDay, listRange, listTrending, referenceNow } from "./listing.ts";

let store: TempStore;
const FOLLOWED = ["cs.LG", "cs.CV"];

function rec(id: string, day: string, categories: string[], extra: Partial<PaperInput> = {}): ParsedRecord {
  return {
    kind: "paper",
    paper: {
      id,
      title: `T ${id}`,
      abstract: "x",
      authors: ["A"],
      categories,
      versions: [{ version: 1, createdAt: `${day}T00:00:00.000Z` }],
      ...extra,
    },
  };
}

before(async () => {
  store = await tempStore();
  await importRecords(new SearchState(store.db), [
    rec("2606.00001", "2026-06-08", ["cs.LG"], { upvotes: 5 }),
    rec("2606.00002", "2026-06-08", ["cs.CV", "cs.AI"], { upvotes: 9 }),
    rec("2606.00003", "2026-06-08", ["math.AP"]), // not followed
    rec("2606.00004", "2026-06-10", ["cs.LG"]),
    rec("2606.00005", "2026-06-10", ["math.AP", "cs.LG"]), // cross-listed into a followed category
    rec("2606.00006", "2026-06-15", ["cs.CV"]),
    // announced on a later day than its v1 date: the announcement decides
    rec("2606.00007", "2026-06-05", ["cs.CV"], { announcedOn: "2026-06-09" }),
    {
      ...(rec("2606.00003", "2026-06-08", ["math.AP"], { upvotes: 2 }) as {
        kind: "paper";
        paper: PaperInput;
      }),
      daily: { day: "2026-06-10", paperId: "2606.00003", source: "featured", featuredBy: "curator" },
    },
  ]);
});
after(async () => store.cleanup());

const ids = (items: { paper: { id: string } }[]) => items.map((i) => i.paper.id);

test("a day's list: announced in followed categories, plus featured papers of any category", async () => {
  const day8 = await listRange(store.db, {
    from: "2026-06-08",
    to: "2026-06-08",
    categories: FOLLOWED,
    sort: "upvotes",
    offset: 0,
    limit: 50,
  });
  assert.deepEqual(ids(day8.items), ["2606.00002", "2606.00001"]);
  const day10 = await listRange(store.db, {
    from: "2026-06-10",
    to: "2026-06-10",
    categories: FOLLOWED,
    sort: "upvotes",
    offset: 0,
    limit: 50,
  });
  assert.deepEqual(ids(day10.items).sort(), ["2606.00003", "2606.00004", "2606.00005"]);
  const featured = day10.items.find((i) => i.paper.id === "2606.00003");
  assert.equal(featured?.source, "featured");
  assert.equal(featured?.featuredBy, "curator");
  const day9 = await listRange(store.db, {
    from: "2026-06-09",
    to: "2026-06-09",
    categories: FOLLOWED,
    sort: "upvotes",
    offset: 0,
    limit: 50,
  });
  assert.deepEqual(ids(day9.items), ["2606.00007"]);
});

test("following every category (empty list) includes everything announced", async () => {
  const all = await listRange(store.db, {
    from: "2026-06-08",
    to: "2026-06-08",
    categories: [],
    sort: "upvotes",
    offset: 0,
    limit: 50,
  });
  assert.equal(all.total, 3);
});

test("a week is the union of its days; pages are stable and complete", async () => {
  const q = { from: "2026-06-08", to: "2026-06-14", categories: FOLLOWED, sort: "publishedAt" as const };
  const whole = await listRange(store.db, { ...q, offset: 0, limit: 100 });
  assert.equal(whole.total, 6);
  const paged: string[] = [];
  for (let offset = 0; offset < whole.total; offset += 2) {
    paged.push(...ids((await listRange(store.db, { ...q, offset, limit: 2 })).items));
  }
  assert.deepEqual(paged, ids(whole.items));
});

test("submitter filter keeps only that submitter's entries", async () => {
  const r = await listRange(store.db, {
    from: "2026-06-01",
    to: "2026-06-30",
    categories: FOLLOWED,
    submitter: "curator",
    sort: "upvotes",
    offset: 0,
    limit: 50,
  });
  assert.deepEqual(ids(r.items), ["2606.00003"]);
});

test("day navigation skips empty days", async () => {
  assert.equal(await latestDay(store.db, FOLLOWED), "2026-06-15");
  assert.equal(await adjacentDay(store.db, "2026-06-15", -1, FOLLOWED), "2026-06-10");
  assert.equal(await adjacentDay(store.db, "2026-06-10", -1, FOLLOWED), "2026-06-09");
  assert.equal(await adjacentDay(store.db, "2026-06-10", 1, FOLLOWED), "2026-06-15");
  assert.equal(await adjacentDay(store.db, "2026-06-15", 1, FOLLOWED), null);
});

test("a category's days: its announced papers and its featured ones, not other featured papers", async () => {
  // 2606.00003 (math.AP) is featured on the 10th: a day of math.AP, not of cs.CV.
  assert.equal(await adjacentDay(store.db, "2026-06-09", 1, [], false, "cs.CV"), "2026-06-15");
  assert.equal(await adjacentDay(store.db, "2026-06-15", -1, [], false, "cs.CV"), "2026-06-09");
  assert.equal(await adjacentDay(store.db, "9999-12-31", -1, [], true, "math.AP"), "2026-06-10");
  assert.equal(await adjacentDay(store.db, "2026-06-10", -1, [], false, "math.AP"), "2026-06-08");
  assert.equal(await adjacentDay(store.db, "2026-06-10", 1, [], false, "math.AP"), null);
  // Without the category, the featured entry makes the 10th a day of the site's list.
  assert.equal(await adjacentDay(store.db, "2026-06-09", 1, ["cs.CV"]), "2026-06-10");
});

test("trending on a stale instance is computed as of its newest day", async () => {
  const ref = await referenceNow(store.db, FOLLOWED, Date.parse("2026-11-26T00:00:00Z"));
  assert.equal(new Date(ref).toISOString(), "2026-06-16T00:00:00.000Z");
  const live = await referenceNow(store.db, FOLLOWED, Date.parse("2026-06-15T08:00:00Z"));
  assert.equal(new Date(live).toISOString(), "2026-06-15T08:00:00.000Z");
  const now = await referenceNow(store.db, FOLLOWED, Date.now());
  const t = await listTrending(store.db, { categories: FOLLOWED, offset: 0, limit: 3, now });
  // Upvoted papers first; at this age 9 and 5 votes on the 8th beat 2 votes on the 10th:
  // scores: 9/(194)^1.5, 5/(194)^1.5, 2/(146)^1.5 -> 2606.00002, 2606.00001, 2606.00003
  assert.deepEqual(ids(t.items), ["2606.00002", "2606.00001", "2606.00003"]);
  // Only papers with a signal trend; the four others of the window, never upvoted, are in New.
  assert.equal(t.total, 3);
});
