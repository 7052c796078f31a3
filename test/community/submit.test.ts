// Submitting papers: fetched from a local arXiv API replay server when unknown, put on today's
// list as "submitted" by the user's handle, with the rules enforced (confirmed address, recent
// papers only, a daily cap, no duplicates).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  fixture,
  type ReplayServer,
  startReplayServer,
} from "../../src/ingest/sync/replayServer.test-helper.ts";
import { fixedClock } from "../../src/model/clock.ts";
import { searchPapers } from "../../src/search/searchPapers.ts";
import { getPaper } from "../../src/store/papers.ts";
import { type Harness, startHarness } from "../accounts/support/harness.ts";

let h: Harness;
let arxiv: ReplayServer;
const TODAY = "2026-06-15";

before(async () => {
  const xml = fixture("arxiv-api/query-transformer.xml");
  arxiv = await startReplayServer((req) =>
    req.path === "/api/query" ? { body: xml } : { status: 404, body: "not found" },
  );
  h = await startHarness({
    env: {
      // Every arXiv URL at the replay server: only then may requests come faster than arXiv's 3 s.
      PAPERTIDE_ARXIV_OAI_URL: `${arxiv.url}/oai`,
      PAPERTIDE_ARXIV_RSS_URL: `${arxiv.url}/rss`,
      PAPERTIDE_ARXIV_API_URL: `${arxiv.url}/api/query`,
      PAPERTIDE_ARXIV_MIN_INTERVAL_MS: "1",
      PAPERTIDE_SUBMIT_DAILY_CAP: "2",
      PAPERTIDE_SUBMIT_MAX_AGE_DAYS: "14",
    },
    clock: fixedClock(`${TODAY}T12:00:00Z`),
    papers: [
      {
        id: "2601.00001",
        title: "An old paper",
        abstract: "Too old to submit.",
        authors: ["B. Old"],
        categories: ["cs.LG"],
        versions: [{ version: 1, createdAt: "2026-01-05T00:00:00.000Z" }],
      },
    ],
  });
});
after(async () => {
  await h?.close();
  await arxiv?.close();
});

describe("submissions", () => {
  it("fetches an unknown paper from arXiv and lists it today as submitted by the user", async () => {
    const u = await h.userWithBrowser({ handle: "curator" });
    assert.equal(await getPaper(h.store.db, "2606.13677"), null);
    const res = await u.browser.submit("/submit", "/submit", { paper: "https://arxiv.org/abs/2606.13677v1" });
    assert.equal(res.status, 303, res.text.slice(0, 500));
    assert.equal(res.location, "/papers/2606.13677");
    assert.ok(
      arxiv.requests.some((r) => r.query.get("id_list") === "2606.13677"),
      "asked the API for that id",
    );
    const paper = await getPaper(h.store.db, "2606.13677");
    assert.ok(paper?.title);
    // Indexed at once: searching its title finds it, with no restart or catch-up in between.
    const found = await searchPapers(h.app.accountDeps.search, paper.title, 5);
    assert.equal(found[0]?.paper.id, "2606.13677");
    assert.equal(
      (
        await h.store.db
          .selectFrom("search_docs")
          .select("paper_id")
          .where("paper_id", "=", paper.id)
          .execute()
      ).length,
      1,
    );
    // Only the asked-for paper is stored, not everything the API answered with.
    assert.equal(await getPaper(h.store.db, "2606.13591"), null);
    const entries = await h.store.db
      .selectFrom("daily_entries")
      .selectAll()
      .where("paper_id", "=", "2606.13677")
      .execute();
    assert.deepEqual(
      entries.map((e) => [e.day, e.source, e.featured_by]),
      [[TODAY, "submitted", "curator"]],
    );
    const day = await h.browser().get(`/papers/date/${TODAY}`);
    assert.match(day.text, /Submitted by curator/);
  });

  it("refuses duplicates, old papers, bad ids, unconfirmed users and more than the daily cap", async () => {
    const u = await h.userWithBrowser({ handle: "busy" });
    const post = (paper: string) => u.browser.submit("/submit", "/submit", { paper });
    const dup = await post("2606.13677");
    assert.equal(dup.status, 400);
    assert.match(dup.text, /already on a list/);
    const old = await post("2601.00001");
    assert.equal(old.status, 400);
    assert.match(old.text, /last 14 days/);
    const bad = await post("<script>alert(1)</script>");
    assert.equal(bad.status, 400);
    assert.doesNotMatch(bad.text, /<script>alert/);
    assert.equal((await post("2606.13591")).status, 303);
    assert.equal((await post("2606.13568")).status, 303);
    const capped = await post("2606.13515");
    assert.equal(capped.status, 429);
    assert.match(capped.text, /2 papers a day/);
    const unverified = await h.userWithBrowser({ verified: false });
    const refused = await unverified.browser.submit("/submit", "/submit", { paper: "2606.13515" });
    assert.equal(refused.status, 403);
    const rows = await h.store.db
      .selectFrom("submissions")
      .select("paper_id")
      .where("user_id", "=", u.id)
      .execute();
    assert.equal(rows.length, 2);
  });
});
