// The front page and the list pages' order over real HTTP, on the demo dataset (5,020 papers
// announced 2026-06-08..07-01, 30 featured on 2026-06-12 with their upvotes): / opens on the
// newest day with community picks and says why, picks come first, the other papers follow by
// closeness to recent picks (not a wall of zeros), the data's origin and freshness are shown,
// and Trending holds only papers with a signal.
import assert from "node:assert/strict";
import fs from "node:fs";
import { after, before, describe, it } from "node:test";
import { loadFeatures } from "../../src/community/recommend/features.ts";
import { listCommunityOrder } from "../../src/lists/communityOrder.ts";
import { latestDay, listRange } from "../../src/lists/listing.ts";
import { upsertPapers } from "../../src/store/papers.ts";
import { recordSyncSuccess } from "../../src/store/syncRuns.ts";
import { FEED_PAGE_SIZE } from "../../src/web/lists/routes.ts";
import { startTestServer, type TestServer } from "../support/server.ts";
import { shared } from "../support/shared.ts";

const fixture: { paper: { id: string; upvotes: number } }[] = JSON.parse(
  fs.readFileSync(shared("fixtures/hf/daily_papers.json"), "utf8"),
);
const PICKED_DAY = "2026-06-12";
const NEWEST_DAY = "2026-07-01";

let server: TestServer;

before(async () => {
  server = await startTestServer({
    prefix: "papertide-front-",
    env: { PAPERTIDE_BASE_URL: "http://papertide.test", PAPERTIDE_LOG_LEVEL: "silent" },
    demo: true,
  });
});

after(async () => {
  await server?.close();
});

async function get(url: string) {
  const res = await server.get(url, { redirect: "manual" });
  return { status: res.status, html: await res.text() };
}

function cardIds(html: string): string[] {
  return [...html.matchAll(/<a class="card-link" href="\/papers\/([^"]+)"/g)].map((m) =>
    decodeURIComponent(m[1]),
  );
}

/** The ids under one section heading of a list page. */
function sectionIds(html: string, id: "list-picks" | "list-rest"): string[] {
  const start = html.indexOf(`id="${id}"`);
  if (start < 0) return [];
  const end = html.indexOf("</section>", start);
  return cardIds(html.slice(start, end));
}

function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

describe("the front page", () => {
  it("opens on the newest day with community picks, says so and links the newest list", async () => {
    assert.equal(await latestDay(server.store.db, server.config.categories), NEWEST_DAY);
    const { status, html } = await get("/");
    assert.equal(status, 200);
    const words = text(html);
    assert.match(words, /Friday, June 12, 2026/);
    assert.match(words, /This is the latest day with community picks\. Newest list: Jul 1 ?\./);
    assert.match(html, /<a href="\/papers\/date\/2026-07-01">Jul 1<\/a>/);
    assert.match(
      words,
      /Demo data: arXiv papers of Jun 8 – Jul 1, 2026, loaded on first start and not updated\./,
    );
    assert.match(words, /Community picks first: papers featured, submitted or upvoted, most upvoted first\./);
    assert.match(words, /30 community picks first/);
  });

  it("shows the picks first, most upvoted first, then the rest by closeness to recent picks", async () => {
    const { html } = await get("/");
    const picks = sectionIds(html, "list-picks");
    const expected = [...fixture].sort((a, b) => b.paper.upvotes - a.paper.upvotes).map((f) => f.paper.id);
    assert.equal(picks.length, fixture.length);
    assert.deepEqual(new Set(picks), new Set(expected));
    assert.equal(picks[0], expected[0], "the most upvoted paper leads");
    const upvotes = new Map(fixture.map((f) => [f.paper.id, f.paper.upvotes]));
    for (let i = 1; i < picks.length; i++) {
      assert.ok((upvotes.get(picks[i - 1]) ?? 0) >= (upvotes.get(picks[i]) ?? 0), `order at ${i}`);
    }
    // Page 2 holds the rest, in the order communityOrder gives with the search index's vectors.
    const whole = await listCommunityOrder(server.store.db, await loadFeatures(server.services.search), {
      from: PICKED_DAY,
      to: PICKED_DAY,
      categories: server.config.categories,
      offset: 0,
      limit: 100_000,
    });
    assert.equal(whole.rest, "closeness");
    assert.equal(whole.picks, fixture.length);
    const second = await get("/?p=2");
    assert.match(text(second.html), /More papers of the day/);
    assert.deepEqual(
      sectionIds(second.html, "list-rest"),
      whole.items.slice(FEED_PAGE_SIZE, 2 * FEED_PAGE_SIZE).map((i) => i.paper.id),
    );
    assert.deepEqual(sectionIds(second.html, "list-picks"), [], "no picks heading without picks");
    // The order of the rest is not the stored order nor newest first: it comes from the vectors.
    const newestFirst = await listRange(server.store.db, {
      from: PICKED_DAY,
      to: PICKED_DAY,
      categories: server.config.categories,
      sort: "publishedAt",
      offset: 0,
      limit: 100_000,
    });
    const rest = whole.items.slice(fixture.length).map((i) => i.paper.id);
    const restNewest = newestFirst.items.map((i) => i.paper.id).filter((id) => !upvotes.has(id));
    assert.notDeepEqual(rest, restNewest);
    assert.deepEqual([...rest].sort(), [...restNewest].sort());
  });

  it("a day nobody picked from is ordered by closeness to the picks of the month before", async () => {
    const { status, html } = await get(`/papers/date/${NEWEST_DAY}`);
    assert.equal(status, 200);
    const words = text(html);
    assert.match(words, /Nobody has picked a paper of the day yet/);
    assert.match(
      words,
      /no community picks yet · closest first to what the community picked in the last 30 days/,
    );
    assert.match(words, /Closest first to the 30 papers the community picked in the last 30 days/);
    assert.deepEqual(sectionIds(html, "list-picks"), []);
    assert.equal(sectionIds(html, "list-rest").length, FEED_PAGE_SIZE);
  });

  it("weeks and months use the same order", async () => {
    const { html } = await get("/week/2026-W24");
    assert.equal(sectionIds(html, "list-picks").length, fixture.length);
    assert.match(text((await get("/week/2026-W24?p=2")).html), /More papers of the week/);
    const month = await get("/month/2026-06");
    assert.equal(sectionIds(month.html, "list-picks").length, fixture.length);
  });
});

describe("Trending and New", () => {
  it("Trending lists only papers with a community signal; New lists every paper", async () => {
    const trending = await get("/trending");
    assert.equal(trending.status, 200);
    const words = text(trending.html);
    assert.match(words, new RegExp(`${fixture.length} papers`));
    const featured = new Set(fixture.map((f) => f.paper.id));
    const ids = cardIds(trending.html);
    assert.ok(ids.length > 0 && ids.every((id) => featured.has(id)), "only picked papers trend");
    assert.match(words, /Every paper, picked or not, is in New/);
    const fresh = await get("/new");
    assert.match(text(fresh.html), /\d{1,3}(,\d{3})+ papers · newest first/);
    assert.ok(cardIds(fresh.html).some((id) => !featured.has(id)));
  });
});

describe("after the data changes", () => {
  it("an upvote on the newest day moves the front page there; an arXiv fetch shows its time", async () => {
    const row = await server.store.db
      .selectFrom("papers")
      .select("id")
      .where("list_day", "=", NEWEST_DAY)
      .orderBy("id")
      .executeTakeFirstOrThrow();
    await upsertPapers(server.store.db, [{ id: row.id, upvotes: 2 }], new Date());
    await recordSyncSuccess(server.store.db, "arxiv", new Date("2026-07-01T20:05:00Z"), "1 new paper");
    const { html } = await get("/");
    const words = text(html);
    assert.match(words, /Wednesday, July 1, 2026/);
    assert.doesNotMatch(words, /latest day with community picks/);
    assert.deepEqual(sectionIds(html, "list-picks"), [row.id]);
    assert.match(words, /Last fetched from arXiv on Jul 1, 2026 at 20:05 UTC\./);
    assert.doesNotMatch(words, /Demo data/);
    const trending = await get("/trending");
    assert.ok(cardIds(trending.html).includes(row.id));
  });
});
