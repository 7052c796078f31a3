// A topic set's edition, read off the period's pool, must equal what listRange / listTrending
// return when asked for those topics directly (then kept to papers in the topics).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import fc from "fast-check";
import { type TempStore, tempStore } from "../../test/support/tempStore.ts";
import { importRecords } from "../ingest/importer.ts";
import { listRange, listTrending } from "../lists/listing.ts";
import { addDays } from "../lists/periods.ts";
import type { Paper, ParsedRecord } from "../model/paper.ts";
import { prng as rng } from "../search/random.ts";
import { SearchState } from "../search/state.ts";
import { PeriodPool, TOP_SIZE, TRENDING_SIZE } from "./digestBuilder.ts";
import { dailyPeriod, weeklyPeriod } from "./periods.ts";

const FOLLOWED = ["cs.AI", "cs.CL", "cs.CV", "cs.LG"];
const ALL = [...FOLLOWED, "cs.RO", "stat.ML"];
let store: TempStore;

before(async () => {
  store = await tempStore();
  const r = rng(7);
  const records: ParsedRecord[] = [];
  for (let i = 0; i < 400; i++) {
    const day = addDays("2026-05-25", Math.floor(r() * 30));
    const cats = [
      ...new Set([
        ALL[Math.floor(r() * ALL.length)],
        ...(r() < 0.4 ? [ALL[Math.floor(r() * ALL.length)]] : []),
      ]),
    ];
    const id = `2606.${String(20000 + i)}`;
    records.push({
      kind: "paper",
      paper: {
        id,
        title: `Paper ${i}`,
        abstract: "Abstract.",
        authors: ["A. Author"],
        categories: cats,
        versions: [{ version: 1, createdAt: `${day}T00:00:00.000Z` }],
        announcedOn: day,
        // Ties on purpose: many papers share an upvote count.
        upvotes: r() < 0.5 ? 0 : Math.floor(r() * 12),
      },
      ...(r() < 0.08
        ? {
            daily: {
              day: addDays(day, Math.floor(r() * 3)),
              paperId: id,
              source: "featured" as const,
              featuredBy: "x",
            },
          }
        : {}),
    });
  }
  await importRecords(new SearchState(store.db), records);
});
after(() => store.cleanup());

const inTopics = (p: Paper, topics: string[]) =>
  topics.length === 0 || p.categories.some((c) => topics.includes(c));

test("editions from the shared pool equal direct per-topic queries", async () => {
  const mailDays = ["2026-06-02", "2026-06-08", "2026-06-10", "2026-06-15", "2026-06-19", "2026-06-22"];
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...mailDays),
      fc.boolean(),
      fc.subarray(FOLLOWED),
      async (mailDay, weekly, topics) => {
        const monday = new Date(`${mailDay}T00:00:00Z`).getUTCDay() === 1;
        const period = weekly && monday ? weeklyPeriod(mailDay, 7) : dailyPeriod(mailDay, 7);
        const pool = await PeriodPool.load(
          store.db,
          { categories: FOLLOWED },
          period,
          Date.parse(period.dueAt),
        );
        const edition = pool.edition(topics);
        const categories = topics.length ? topics : FOLLOWED;
        const direct = await listRange(store.db, {
          from: period.from,
          to: period.to,
          categories,
          sort: "upvotes",
          offset: 0,
          limit: 100_000,
        });
        const top = direct.items
          .map((i) => i.paper)
          .filter((p) => inTopics(p, topics))
          .slice(0, TOP_SIZE[period.frequency]);
        if (top.length === 0) {
          assert.equal(edition, null);
          return;
        }
        assert.ok(edition);
        assert.deepEqual(
          edition.top.map((p) => p.id),
          top.map((p) => p.id),
        );
        const now = Date.parse(`${addDays(period.to, 1)}T00:00:00Z`) - 1;
        const trending = await listTrending(store.db, { categories, offset: 0, limit: 100_000, now });
        const shown = new Set(top.map((p) => p.id));
        const expected = trending.items
          .map((i) => i.paper)
          .filter((p) => p.upvotes > 0 && inTopics(p, topics) && !shown.has(p.id))
          .slice(0, TRENDING_SIZE);
        assert.deepEqual(
          edition.trending.map((p) => p.id),
          expected.map((p) => p.id),
        );
      },
    ),
    { numRuns: 60 },
  );
});
