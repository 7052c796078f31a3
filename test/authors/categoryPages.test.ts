// Category pages over HTTP: the category's own daily/weekly/monthly lists under its full name,
// papers of other categories left out (featured ones too), feeds, and 404 for unknown ids.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { importPapers } from "../support/factories.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

let s: TestServer;
before(async () => {
  s = await startTestServer({ env: { PAPERTIDE_BASE_URL: "http://papertide.test" } });
  await importPapers(s, [
    { id: "2606.10001", title: "Learning on Friday", day: "2026-06-12", categories: ["cs.LG"], upvotes: 3 },
    {
      id: "2606.10002",
      title: "Parsing on Friday",
      day: "2026-06-12",
      categories: ["cs.CL"],
      featured: true,
    },
    {
      id: "2606.10003",
      title: "Cross listed learning",
      day: "2026-06-12",
      categories: ["cs.CL", "cs.LG"],
      upvotes: 5,
    },
    { id: "2606.10004", title: "Learning on Wednesday", day: "2026-06-10", categories: ["cs.LG"] },
    { id: "2606.10005", title: "Learning in May", day: "2026-05-20", categories: ["cs.LG"] },
  ]);
});
after(async () => {
  await s?.close();
});

describe("category pages", () => {
  it("shows the newest day of the category, most upvoted first, with its full name and feeds", async () => {
    const res = await s.get("/categories/cs.LG");
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /<h1>Machine Learning<\/h1>/);
    assert.match(html, /cs\.LG · Friday, June 12, 2026/);
    assert.ok(html.indexOf("Cross listed learning") < html.indexOf("Learning on Friday"));
    assert.doesNotMatch(html, /Parsing on Friday/);
    assert.doesNotMatch(html, /Learning on Wednesday/);
    assert.match(html, /href="\/feeds\/category\/cs\.LG\.rss"/);
    assert.match(html, /href="\/categories\/cs\.LG\?date=2026-06-10"/);
    assert.match(html, /href="\/categories\/cs\.LG\?week=2026-W24"/);
    assert.match(html, /href="\/categories\/cs\.LG\?month=2026-06"/);
  });

  it("has weekly and monthly lists and older days", async () => {
    const week = await (await s.get("/categories/cs.LG?week=2026-W24")).text();
    assert.match(week, /Learning on Wednesday/);
    assert.match(week, /3 papers/);
    const month = await (await s.get("/categories/cs.LG?month=2026-05")).text();
    assert.match(month, /Learning in May/);
    assert.doesNotMatch(month, /Learning on Friday/);
    const day = await (await s.get("/categories/cs.LG?date=2026-06-10")).text();
    assert.match(day, /Learning on Wednesday/);
    assert.equal((await s.get("/categories/cs.LG?date=2026-13-01")).status, 400);
    assert.equal((await s.get("/categories/cs.LG?date=2026-06-10&week=2026-W24")).status, 400);
  });

  it("links chips on cards to category pages", async () => {
    const html = await (await s.get("/categories/cs.CL")).text();
    assert.match(html, /<h1>Computation and Language<\/h1>/);
    assert.match(
      html,
      /<a class="chip-link" href="\/categories\/cs\.LG" title="Machine Learning">cs\.LG<\/a>/,
    );
  });

  it("answers unknown categories with the 404 page and a 404 feed", async () => {
    const page = await s.get("/categories/cs.XX");
    assert.equal(page.status, 404);
    assert.match(await page.text(), /Category not found/);
    assert.equal((await s.get("/categories/%3Cscript%3E")).status, 404);
    assert.equal((await s.get("/feeds/category/cs.XX.rss")).status, 404);
    const feed = await s.get("/feeds/category/cs.LG.rss");
    assert.equal(feed.status, 200);
    assert.match(await feed.text(), /Learning on Friday/);
  });
});
