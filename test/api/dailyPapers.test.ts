// GET /api/daily_papers against the demo dataset: what it lists (the featured papers of a period,
// as the public daily-papers API does, and with scope=all the whole list), shape (checked against
// a real response of that API), a third-party client's paging, periods, pagination, sort orders,
// filters and every 400.
import assert from "node:assert/strict";
import fs from "node:fs";
import { after, before, describe, test } from "node:test";
import { latestDay, latestFeaturedDay, listRange, referenceNow } from "../../src/lists/listing.ts";
import { rankTrending } from "../../src/lists/trending.ts";
import { addDailyEntries } from "../../src/store/dailyEntries.ts";
import { upsertPapers } from "../../src/store/papers.ts";
import { findPaperLinks } from "../../src/text/paperLinks.ts";
import { shared } from "../support/shared.ts";
import {
  type Json,
  localPath,
  looksLikeStackTrace,
  nextLink,
  startTestServer,
  type TestServer,
} from "./server.ts";

const fixture: Json[] = JSON.parse(fs.readFileSync(shared("fixtures/hf/daily_papers.json"), "utf8"));
const FEATURED_DAY = "2026-06-12";

/** Fields of the public API we mirror; each must be present exactly when the fixture has it. */
const MIRRORED_ITEM_KEYS = ["paper", "publishedAt", "title", "summary", "numComments", "submittedBy"];
const MIRRORED_PAPER_KEYS = [
  "id",
  "title",
  "summary",
  "authors",
  "publishedAt",
  "upvotes",
  "submittedOnDailyAt",
  "submittedOnDailyBy",
  "githubRepo",
  "projectPage",
];

/** A paper announced on 2026-06-16 given upvotes, so the trending decay has something to reorder. */
let risingId = "";
const RISING_UPVOTES = 60;
/** A paper featured on FEATURED_DAY submitted again on AGAIN_DAY: on both days' featured lists. */
let againId = "";
const AGAIN_DAY = "2026-06-18";

let server: TestServer;
before(async () => {
  server = await startTestServer({
    seed: async (store) => {
      const row = await store.db
        .selectFrom("papers")
        .select("id")
        .where("list_day", "=", "2026-06-16")
        .orderBy("id")
        .executeTakeFirstOrThrow();
      risingId = row.id;
      await upsertPapers(store.db, [{ id: risingId, upvotes: RISING_UPVOTES }], new Date());
      againId = fixture[fixture.length - 1].paper.id;
      await addDailyEntries(
        store.db,
        [{ day: AGAIN_DAY, paperId: againId, source: "submitted", featuredBy: "a-reader" }],
        new Date(),
      );
    },
  });
});
after(async () => {
  await server?.close();
});

/** Follows rel="next" from `path` to the end; returns every item and the number of pages. */
async function allPages(path: string): Promise<{ items: Json[]; pages: number; total: number }> {
  const items: Json[] = [];
  let url: string | null = path;
  let pages = 0;
  let total = -1;
  while (url) {
    const { res, body } = await server.getJson(url);
    assert.equal(res.status, 200, `${url}: ${JSON.stringify(body)}`);
    total = Number(res.headers.get("x-total-count"));
    items.push(...body);
    pages++;
    const next = nextLink(res);
    url = next ? localPath(next, server.config) : null;
    assert.ok(pages < 500, "pagination does not end");
  }
  return { items, pages, total };
}

function typeOf(v: unknown): string {
  return Array.isArray(v) ? "array" : v === null ? "null" : typeof v;
}

describe("shape", () => {
  test("featured items carry the public API's fields, null where the fixture has none", async () => {
    const { items } = await allPages(`/api/daily_papers?date=${FEATURED_DAY}&limit=100`);
    const byId = new Map<string, Json>(items.map((item) => [item.paper.id, item]));
    for (const expected of fixture) {
      const id = expected.paper.id;
      const ours = byId.get(id);
      assert.ok(ours, `featured paper ${id} is on its day's list`);
      for (const key of MIRRORED_ITEM_KEYS) {
        assert.equal(key in ours, key in expected, `${id}: item.${key} presence`);
        if (key in expected)
          assert.equal(typeOf(ours[key]), typeOf(expected[key]), `${id}: item.${key} type`);
      }
      for (const key of MIRRORED_PAPER_KEYS) {
        // Always present here: null where the public API leaves the field out (see the OpenAPI document).
        assert.ok(key in ours.paper, `${id}: paper.${key} presence`);
        if (key in expected.paper) {
          assert.equal(typeOf(ours.paper[key]), typeOf(expected.paper[key]), `${id}: paper.${key} type`);
        } else if (key !== "githubRepo" && key !== "projectPage") {
          assert.equal(ours.paper[key], null, `${id}: paper.${key} is null when the source has none`);
        }
      }
      // Sub-objects only use keys the public API uses too (no invented avatar URLs etc.).
      for (const author of ours.paper.authors) {
        for (const k of Object.keys(author)) assert.ok(k in expected.paper.authors[0], `author key ${k}`);
      }
      for (const k of Object.keys(ours.submittedBy))
        assert.ok(k in expected.submittedBy, `submittedBy key ${k}`);
      // Values we store from that response come back unchanged.
      assert.equal(ours.paper.upvotes, expected.paper.upvotes, `${id} upvotes`);
      assert.equal(ours.numComments, expected.numComments, `${id} numComments`);
      assert.equal(ours.submittedBy.name, expected.submittedBy.name);
      assert.equal(ours.paper.submittedOnDailyBy.name, expected.paper.submittedOnDailyBy.name);
      assert.equal(ours.paper.submittedOnDailyAt, expected.paper.submittedOnDailyAt);
      // A link the source gives, else the one its abstract names, else null.
      const read = findPaperLinks(expected.paper.summary);
      assert.equal(ours.paper.githubRepo, expected.paper.githubRepo ?? read.code);
      assert.equal(ours.paper.projectPage, expected.paper.projectPage ?? read.project);
      assert.deepEqual(
        ours.paper.authors.map((a: Json) => a.name),
        expected.paper.authors.map((a: Json) => a.name),
      );
      assert.equal(ours.source, "featured");
      assert.equal(ours.listDay, FEATURED_DAY);
      assert.equal(ours.title, ours.paper.title);
      assert.equal(ours.summary, ours.paper.summary);
      assert.match(ours.publishedAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
  });

  test("announced (not featured) items have no submitter and no invented fields", async () => {
    const { body } = await server.getJson("/api/daily_papers?date=2026-06-15&limit=20&scope=all");
    assert.ok(body.length > 0);
    for (const item of body) {
      assert.equal(item.source, "announced");
      assert.ok(!("submittedBy" in item));
      assert.equal(item.paper.submittedOnDailyAt, null);
      assert.ok(!("thumbnail" in item) && !("avatarUrl" in item.paper));
      assert.equal(item.paper.arxivUrl, `https://arxiv.org/abs/${item.paper.id}`);
      assert.equal(item.paper.url, `${server.config.baseUrl}/papers/${item.paper.id}`);
    }
  });
});

/** What a third-party client of the public API does: pages until a short page, and refuses any
 * item whose paper.submittedOnDailyAt is not on the day it asked for. */
async function playClient(date: string): Promise<Json[]> {
  const items: Json[] = [];
  for (let p = 0; ; p++) {
    const { res, body } = await server.getJson(`/api/daily_papers?date=${date}&limit=100&p=${p}`);
    assert.equal(res.status, 200);
    assert.ok(Array.isArray(body));
    for (const item of body) {
      const at = item.paper?.submittedOnDailyAt;
      assert.ok(
        typeof at === "string" && at.slice(0, 10) === date,
        `${date} p=${p}: ${item.paper?.id} has submittedOnDailyAt ${at}`,
      );
      items.push(item);
    }
    if (body.length < 100) return items;
    assert.ok(p < 50, "paging does not end");
  }
}

describe("featured papers, like the public API", () => {
  test("a third-party client paging with date, limit=100 and p finds every day's featured papers and nothing else", async () => {
    const picked = await playClient(FEATURED_DAY);
    assert.deepEqual(picked.map((i) => i.paper.id).sort(), fixture.map((f) => f.paper.id).sort());
    // A day with one upvoted paper and no featured one: that paper, featured by its upvotes.
    const rising = await playClient("2026-06-16");
    assert.deepEqual(
      rising.map((i) => [i.paper.id, i.source]),
      [[risingId, "upvoted"]],
    );
    assert.ok(!("submittedBy" in rising[0]), "nobody in particular featured an upvoted paper");
    // A day of hundreds of announced papers, none with a signal: nothing, as the public API.
    assert.deepEqual(await playClient("2026-07-01"), []);
    const whole = await server.getJson("/api/daily_papers?date=2026-07-01&scope=all&limit=1");
    assert.ok(Number(whole.res.headers.get("x-total-count")) > 100, "the whole list stays under scope=all");
  });

  test("a paper featured on two days is on each day's list with that day's date and submitter", async () => {
    const again = await playClient(AGAIN_DAY);
    assert.deepEqual(
      again.map((i) => i.paper.id),
      [againId],
    );
    assert.equal(again[0].source, "submitted");
    assert.equal(again[0].submittedBy.name, "a-reader");
    assert.equal(again[0].paper.submittedOnDailyBy.name, "a-reader");
    const first = (await playClient(FEATURED_DAY)).find((i) => i.paper.id === againId);
    assert.equal(first?.paper.submittedOnDailyAt, `${FEATURED_DAY}T00:00:00.000Z`);
  });

  test("a week or a month: each item submitted on a day of the period, most upvoted first", async () => {
    for (const [query, from, to] of [
      ["week=2026-W24", "2026-06-08", "2026-06-14"],
      ["week=2026-W25", "2026-06-15", "2026-06-21"],
      ["month=2026-06", "2026-06-01", "2026-06-30"],
    ]) {
      const { items, total } = await allPages(`/api/daily_papers?${query}&limit=100`);
      assert.equal(items.length, total);
      for (const item of items) {
        const day = item.paper.submittedOnDailyAt?.slice(0, 10);
        assert.ok(day >= from && day <= to, `${query}: ${item.paper.id} on ${day}`);
        assert.equal(day, item.listDay);
      }
      for (let i = 1; i < items.length; i++) {
        assert.ok(items[i - 1].paper.upvotes >= items[i].paper.upvotes, `${query}: upvotes order at ${i}`);
      }
    }
    const month = await allPages("/api/daily_papers?month=2026-06&limit=100");
    assert.equal(month.total, fixture.length + 1, "the fixture's papers and the upvoted one");
  });

  test("category narrows the featured papers to that category", async () => {
    const picked = await playClient(FEATURED_DAY);
    // A category some of the day's featured papers have and others do not.
    const counts = new Map<string, number>();
    for (const item of picked) for (const c of item.paper.categories) counts.set(c, (counts.get(c) ?? 0) + 1);
    const [category] = [...counts].sort((a, b) => b[1] - a[1]).find(([, n]) => n < picked.length) ?? [""];
    const { items } = await allPages(`/api/daily_papers?date=${FEATURED_DAY}&category=${category}&limit=100`);
    assert.equal(items.length, counts.get(category), `${items.length} in ${category}`);
    for (const item of items) assert.ok(item.paper.categories.includes(category), item.paper.id);
  });
});

describe("periods", () => {
  test("without date/week/month: the newest day with featured papers, pinned in the next link", async () => {
    const newestFeatured = await latestFeaturedDay(server.store.db, server.config.categories);
    assert.equal(newestFeatured, AGAIN_DAY);
    const { body } = await server.getJson("/api/daily_papers?limit=5");
    assert.deepEqual(
      body.map((i: Json) => i.paper.id),
      [againId],
    );
    const newest = await latestDay(server.store.db, server.config.categories);
    assert.equal(newest, "2026-07-01", "the demo's newest day");
    const { res, body: all } = await server.getJson("/api/daily_papers?limit=5&scope=all");
    assert.equal(all.length, 5);
    for (const item of all) assert.equal(item.listDay, newest);
    const next = nextLink(res) ?? "";
    assert.ok(next.startsWith(`${server.config.baseUrl}/api/daily_papers?`), next);
    assert.equal(new URL(next).searchParams.get("date"), newest);
    assert.equal(new URL(next).searchParams.get("scope"), "all", "the next page keeps the scope");
  });

  test("date, week and month select their days", async () => {
    const day = await allPages("/api/daily_papers?date=2026-06-15&limit=100&scope=all");
    assert.ok(day.items.length > 50);
    assert.ok(day.items.every((i) => i.listDay === "2026-06-15"));
    const week = await allPages("/api/daily_papers?week=2026-W24&limit=100&scope=all");
    assert.ok(week.items.every((i) => i.listDay >= "2026-06-08" && i.listDay <= "2026-06-14"));
    assert.ok(week.items.some((i) => i.listDay === FEATURED_DAY));
    assert.ok(week.items.length > day.items.length);
    const month = await server.getJson("/api/daily_papers?month=2026-06&limit=100&scope=all");
    const monthTotal = Number(month.res.headers.get("x-total-count"));
    assert.ok(month.body.every((i: Json) => i.listDay.startsWith("2026-06-")));
    assert.ok(monthTotal > week.total);
  });

  test("a period without papers is an empty list, not an error", async () => {
    const { res, body } = await server.getJson("/api/daily_papers?date=2020-01-01");
    assert.equal(res.status, 200);
    assert.deepEqual(body, []);
    assert.equal(res.headers.get("x-total-count"), "0");
    assert.equal(res.headers.get("link"), null);
  });
});

describe("pagination", () => {
  test("rel=next walks the whole week with no duplicate and no gap", async () => {
    const { items, pages, total } = await allPages("/api/daily_papers?week=2026-W24&limit=37&scope=all");
    const ids = items.map((i) => i.paper.id);
    assert.equal(new Set(ids).size, ids.length, "no duplicates");
    assert.equal(ids.length, total, "every item of X-Total-Count is seen");
    assert.equal(pages, Math.ceil(total / 37));
    // The same list in one go, straight from the feed module: same ids in the same order.
    const whole = await listRange(server.store.db, {
      from: "2026-06-08",
      to: "2026-06-14",
      categories: server.config.categories,
      sort: "upvotes",
      offset: 0,
      limit: 100_000,
    });
    assert.deepEqual(
      ids,
      whole.items.map((i) => i.paper.id),
    );
  });

  test("p is 0-based, prev links back, and a page past the end is empty", async () => {
    const first = await server.getJson("/api/daily_papers?date=2026-06-15&limit=10&p=0&scope=all");
    const second = await server.getJson("/api/daily_papers?date=2026-06-15&limit=10&p=1&scope=all");
    assert.notEqual(first.body[0].paper.id, second.body[0].paper.id);
    const prev = /<([^>]+)>;\s*rel="prev"/.exec(second.res.headers.get("link") ?? "")?.[1];
    assert.ok(prev);
    const back = await server.getJson(localPath(prev, server.config));
    assert.deepEqual(back.body, first.body);
    const beyond = await server.getJson("/api/daily_papers?date=2026-06-15&limit=10&p=9999&scope=all");
    assert.deepEqual(beyond.body, []);
    assert.equal(nextLink(beyond.res), null);
  });

  test("limit defaults to 50", async () => {
    const { body } = await server.getJson("/api/daily_papers?week=2026-W24&scope=all");
    assert.equal(body.length, 50);
  });
});

describe("sort", () => {
  test("default: upvotes, most first", async () => {
    const { items } = await allPages("/api/daily_papers?week=2026-W24&limit=100");
    for (let i = 1; i < items.length; i++) {
      assert.ok(items[i - 1].paper.upvotes >= items[i].paper.upvotes, `upvotes order at ${i}`);
    }
    assert.equal(items[0].paper.upvotes, Math.max(...fixture.map((f) => f.paper.upvotes)));
  });

  test("publishedAt: newest first", async () => {
    const { items } = await allPages("/api/daily_papers?week=2026-W24&limit=100&sort=publishedAt");
    for (let i = 1; i < items.length; i++) {
      assert.ok(
        (items[i - 1].publishedAt ?? "") >= (items[i].publishedAt ?? ""),
        `publishedAt order at ${i}`,
      );
    }
  });

  test("trending: the order of rankTrending, where newer papers beat older ones with more upvotes", async () => {
    const { items } = await allPages("/api/daily_papers?month=2026-06&limit=100&sort=trending");
    const candidates = items.map((i) => ({
      id: i.paper.id as string,
      upvotes: i.paper.upvotes as number,
      listedAt: `${i.listDay}T00:00:00.000Z`,
    }));
    const now = await referenceNow(server.store.db, server.config.categories, Date.now());
    const expected = rankTrending([...candidates].reverse(), now).map((c) => c.id);
    assert.deepEqual(
      items.map((i) => i.paper.id),
      expected,
    );
    // The paper featured on 06-12 with 74 upvotes is older than the 06-16 one with 60: trending
    // puts the newer one first, sorting by upvotes does not.
    const older = fixture.find((f) => f.paper.upvotes === 74)?.paper.id;
    const trendingIds = items.map((i) => i.paper.id);
    assert.ok(trendingIds.indexOf(risingId) < trendingIds.indexOf(older), "decay favours the newer paper");
    const byUpvotes = (await server.getJson("/api/daily_papers?month=2026-06&limit=10")).body.map(
      (i: Json) => i.paper.id,
    );
    assert.ok(byUpvotes.indexOf(older) < byUpvotes.indexOf(risingId), "plain upvotes favour the older paper");
  });
});

describe("filters", () => {
  test("submitter: only that person's featured papers, on a day or over all days", async () => {
    const name = "RKocielnik";
    const expected = fixture.filter((f) => f.submittedBy.name === name).map((f) => f.paper.id);
    assert.ok(expected.length >= 2);
    for (const path of [
      `/api/daily_papers?submitter=${name}`,
      `/api/daily_papers?submitter=${name}&date=${FEATURED_DAY}`,
    ]) {
      const { body } = await server.getJson(path);
      assert.deepEqual(body.map((i: Json) => i.paper.id).sort(), [...expected].sort(), path);
      assert.ok(body.every((i: Json) => i.submittedBy.name === name));
    }
    const other = await server.getJson(`/api/daily_papers?submitter=${name}&date=2026-06-15`);
    assert.deepEqual(other.body, []);
  });

  test("category: announced papers of that category (featured ones stay)", async () => {
    const { body } = await server.getJson(
      "/api/daily_papers?date=2026-06-15&category=cs.CL&limit=100&scope=all",
    );
    assert.ok(body.length > 0);
    for (const item of body) assert.ok(item.paper.categories.includes("cs.CL"), item.paper.id);
    const all = await server.getJson("/api/daily_papers?date=2026-06-15&limit=1&scope=all");
    assert.ok(Number(all.res.headers.get("x-total-count")) > body.length);
  });
});

describe("bad parameters", () => {
  const cases: [query: string, parameter: string][] = [
    ["date=2026-02-30", "date"],
    ["date=2026-6-1", "date"],
    ["date=yesterday", "date"],
    ["date=", "date"],
    ["week=2026-W60", "week"],
    ["week=2026-W00", "week"],
    ["week=2026-24", "week"],
    ["month=2026-13", "month"],
    ["month=2026-00", "month"],
    ["p=-1", "p"],
    ["p=1.5", "p"],
    ["limit=0", "limit"],
    ["limit=101", "limit"],
    ["limit=abc", "limit"],
    ["date=2026-06-12&week=2026-W24", "week"],
    ["week=2026-W24&month=2026-06", "month"],
    ["date=2026-06-12&date=2026-06-13", "date"],
    ["sort=best", "sort"],
    ["scope=everything", "scope"],
    ["category=../../etc", "category"],
  ];
  for (const [query, parameter] of cases) {
    test(`${query} -> 400 naming ${parameter}`, async () => {
      const res = await server.get(`/api/daily_papers?${query}`);
      const text = await res.text();
      assert.equal(res.status, 400, text);
      assert.match(res.headers.get("content-type") ?? "", /application\/json/);
      const body = JSON.parse(text);
      assert.equal(body.error, "invalid_parameter");
      assert.equal(body.parameter, parameter);
      assert.match(body.message, new RegExp(`\\b${parameter}\\b`));
      assert.ok(!looksLikeStackTrace(text), text);
    });
  }

  test("the message says why", async () => {
    const { body } = await server.getJson("/api/daily_papers?date=2026-02-30");
    assert.deepEqual(body, {
      error: "invalid_parameter",
      parameter: "date",
      message: "date must be a real day as YYYY-MM-DD",
    });
    const both = await server.getJson("/api/daily_papers?date=2026-06-12&month=2026-06");
    assert.match(both.body.message, /only one of date, week and month/);
  });
});
