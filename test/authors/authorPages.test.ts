// Author pages over HTTP: papers newest first and paged, co-authors linking on, other spellings
// pointed at (never merged), feeds, follow with CSRF, unknown names 404, names escaped.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { PaperInput } from "../../src/model/paper.ts";
import { type Harness, startHarness } from "../accounts/support/harness.ts";
import { testPaper } from "../support/factories.ts";

const XSS_NAME = `<script>alert(1)</script> Mallory`;
const v1 = (day: string) => [{ version: 1, createdAt: `${day}T12:00:00.000Z` }];
const papers: PaperInput[] = [
  testPaper("2606.00001", {
    title: "Old one",
    authors: ["Yann LeCun", "Léon Bottou"],
    versions: v1("2026-05-01"),
  }),
  testPaper("2606.00002", {
    title: "Newer one",
    authors: ["Yann LeCun", "Leon Bottou"],
    versions: v1("2026-06-01"),
  }),
  testPaper("2606.00003", { title: "Initials", authors: ["Y. LeCun"], versions: v1("2026-06-02") }),
  testPaper("2606.00004", {
    title: "Hostile",
    authors: [XSS_NAME, "Yann LeCun"],
    versions: v1("2026-04-01"),
  }),
  // 31 more papers of one author, for paging (30 a page).
  ...Array.from({ length: 31 }, (_, i) =>
    testPaper(`2605.${String(i + 10).padStart(5, "0")}`, {
      title: `Prolific ${i}`,
      authors: ["Pat Prolific"],
      versions: v1(`2026-05-${String(i + 1).padStart(2, "0")}`),
    }),
  ),
];

let h: Harness;
before(async () => {
  h = await startHarness({ papers });
});
after(async () => {
  await h?.close();
});

describe("author pages", () => {
  it("lists the author's papers newest first, with counts, co-authors and feeds", async () => {
    const res = await h.browser().get("/authors/Yann%20LeCun");
    assert.equal(res.status, 200);
    const order = ["Newer one", "Old one", "Hostile"].map((t) => res.text.indexOf(t));
    assert.ok(order.every((i) => i > 0) && order[0] < order[1] && order[1] < order[2], "newest first");
    assert.match(res.text, /3 papers · 2026/);
    assert.match(res.text, /href="\/authors\/L%C3%A9on%20Bottou"|href="\/authors\/Leon%20Bottou"/);
    assert.match(res.text, /href="\/feeds\/author\/Yann%20LeCun\.rss"/);
    assert.match(res.text, /Sign in to follow/);
    // The initials spelling is pointed at, not merged.
    assert.match(res.text, /href="\/authors\/Y\.%20LeCun">Y\. LeCun<\/a> \(1 paper\)/);
    assert.doesNotMatch(res.text, /href="\/papers\/2606.00003"/);
    assert.doesNotMatch(res.text, /<script>alert/);
    assert.match(res.text, /&lt;script>alert\(1\)&lt;\/script> Mallory/);
  });

  it("sends other spellings of the same key to the usual one; unknown names are the 404 page", async () => {
    const b = h.browser();
    const moved = await b.get("/authors/yann%20%20lecun");
    assert.equal(moved.status, 301);
    assert.equal(moved.location, "/authors/Yann%20LeCun");
    const missing = await b.get("/authors/Nobody%20Here");
    assert.equal(missing.status, 404);
    assert.match(missing.text, /Author not found/);
    assert.equal((await b.get("/authors/%20.%20")).status, 404);
    // Longer than any address part the router takes (100 characters).
    assert.equal((await b.get(`/authors/${"x".repeat(500)}`)).status, 414);
  });

  it("pages 30 papers at a time (1-based ?p=), and a page past the end is a 400", async () => {
    const b = h.browser();
    const first = await b.get("/authors/Pat%20Prolific");
    assert.match(first.text, /page 1 of 2/);
    assert.match(first.text, /Prolific 30/);
    assert.doesNotMatch(first.text, /Prolific 0</);
    const second = await b.get("/authors/Pat%20Prolific?p=2");
    assert.equal(second.status, 200);
    assert.match(second.text, /Prolific 0</);
    assert.equal((await b.get("/authors/Pat%20Prolific?p=3")).status, 400);
  });

  it("offers the author's papers as RSS, Atom and JSON Feed; unknown authors' feeds are 404", async () => {
    const b = h.browser();
    const rss = await b.get("/feeds/author/Yann%20LeCun.rss");
    assert.equal(rss.status, 200);
    assert.match(rss.headers.get("content-type") ?? "", /application\/rss\+xml/);
    assert.match(rss.text, /Newer one/);
    assert.doesNotMatch(rss.text, /Initials/);
    const json = JSON.parse((await b.get("/feeds/author/Yann%20LeCun.json")).text);
    assert.deepEqual(
      json.items.map((i: { title: string }) => i.title),
      ["Newer one", "Old one", "Hostile"],
    );
    assert.equal((await b.get("/feeds/author/Yann%20LeCun.atom")).status, 200);
    assert.equal((await b.get("/feeds/author/Nobody.rss")).status, 404);
  });

  it("lets a signed-in reader follow and unfollow, with CSRF", async () => {
    const { browser, id } = await h.userWithBrowser();
    const page = "/authors/Yann%20LeCun";
    const forged = await browser.request("POST", `${page}/follow`, { form: { follow: "1" } });
    assert.equal(forged.status, 403);
    const followed = await browser.submit(page, `${page}/follow`, { follow: "1" });
    assert.equal(followed.status, 303);
    assert.equal(followed.location, page);
    const rows = await h.store.db
      .selectFrom("author_follows")
      .selectAll()
      .where("user_id", "=", id)
      .execute();
    assert.deepEqual(
      rows.map((r) => [r.author_key, r.name]),
      [["yann lecun", "Yann LeCun"]],
    );
    assert.match((await browser.get(page)).text, /aria-pressed="true"/);
    // Their new papers (of the For-you window, which ends at the newest list day) come first there.
    const forYou = (await browser.get("/for-you")).text;
    assert.match(forYou, /New from <a href="\/authors\/Yann%20LeCun">Yann LeCun<\/a>, whom\s+you follow/);
    assert.ok(forYou.indexOf("/papers/2606.00002") < forYou.indexOf("/papers/2605.00040"));
    await browser.submit(page, `${page}/follow`, { follow: "0" });
    assert.equal(
      (await h.store.db.selectFrom("author_follows").selectAll().where("user_id", "=", id).execute()).length,
      0,
    );
    const unknown = await browser.submit(page, "/authors/Nobody/follow", { follow: "1" });
    assert.equal(unknown.status, 404);
    const anonymous = await h.browser().request("POST", `${page}/follow`, { form: { follow: "1" } });
    assert.ok(anonymous.status === 403 || anonymous.status === 303);
  });
});
