// Upvotes over HTTP: one per user, counts equal to imported + stored votes even with 50 voters at
// once, the no-JavaScript form path, the fetch path, and imports that update the external count.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { countVotes } from "../../src/store/votes.ts";
import { type Harness, startHarness } from "../accounts/support/harness.ts";
import { addPapers, testPaper } from "../support/factories.ts";

const PAPER = testPaper("2606.00001", {
  title: "A paper to vote on",
  abstract: "Votes, $x^2$ and counts.",
  upvotes: 7,
});

let h: Harness;
before(async () => {
  h = await startHarness({ papers: [PAPER, { ...PAPER, id: "2606.00002", upvotes: undefined }] });
});
after(async () => {
  await h?.close();
});

async function counts(id: string) {
  const row = await h.store.db
    .selectFrom("papers")
    .select(["upvotes", "external_upvotes", "local_upvotes"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  return { ...row, stored: await countVotes(h.store.db, id) };
}

describe("upvotes", () => {
  it("counts 50 concurrent voters exactly, and 50 concurrent un-votes and re-votes too", async () => {
    const users = await Promise.all(Array.from({ length: 50 }, () => h.userWithBrowser()));
    const token = await users[0].browser.csrfFrom("/papers/2606.00001");
    const csrfCookie = users[0].browser.cookies.get("_csrf") as string;
    for (const u of users) u.browser.cookies.set("_csrf", csrfCookie);
    const vote = (u: (typeof users)[number], value: string) =>
      u.browser.request("POST", "/upvote", {
        form: { _csrf: token, paper: PAPER.id, value },
        headers: { accept: "application/json" },
      });
    // Everyone votes twice at once (a double click): still one vote each.
    const answers = await Promise.all(users.flatMap((u) => [vote(u, "1"), vote(u, "1")]));
    for (const a of answers) assert.equal(a.status, 200, a.text);
    assert.deepEqual(await counts(PAPER.id), {
      upvotes: 57,
      external_upvotes: 7,
      local_upvotes: 50,
      stored: 50,
    });
    // Half take their vote back while the other half vote again.
    await Promise.all(users.map((u, i) => vote(u, i % 2 ? "0" : "1")));
    assert.deepEqual(await counts(PAPER.id), {
      upvotes: 32,
      external_upvotes: 7,
      local_upvotes: 25,
      stored: 25,
    });
    const last = JSON.parse((await vote(users[0], "1")).text);
    assert.deepEqual(last, { paperId: PAPER.id, upvoted: true, upvotes: 32 });
  });

  it("keeps local votes when an import brings a new external count, or none", async () => {
    const before = await counts(PAPER.id);
    await addPapers(h.store.db, [{ ...PAPER, upvotes: 100, title: "A paper to vote on (v2)" }]);
    assert.deepEqual(await counts(PAPER.id), {
      ...before,
      upvotes: 100 + before.local_upvotes,
      external_upvotes: 100,
    });
    await addPapers(h.store.db, [{ ...PAPER, upvotes: undefined, title: "A paper to vote on (v3)" }]);
    assert.deepEqual(await counts(PAPER.id), {
      ...before,
      upvotes: 100 + before.local_upvotes,
      external_upvotes: 100,
    });
    const api = await fetch(`${h.base}/api/papers/${PAPER.id}`).then((r) => r.json());
    assert.equal(api.upvotes, 100 + before.local_upvotes, "the API shows imported + local");
  });

  it("works as a plain form post (no JavaScript) and shows the state on the page", async () => {
    const u = await h.userWithBrowser();
    const page = await u.browser.get("/papers/2606.00002");
    assert.match(page.text, /<form class="vote-form" method="post" action="\/upvote">/);
    assert.match(page.text, /aria-pressed="false"/);
    const res = await u.browser.submit("/papers/2606.00002", "/upvote", {
      paper: "2606.00002",
      value: "1",
      next: "/papers/2606.00002",
    });
    assert.equal(res.status, 303);
    assert.equal(res.location, "/papers/2606.00002");
    const after = await u.browser.get("/papers/2606.00002");
    assert.match(after.text, /aria-pressed="true"/);
    assert.match(after.text, /name="value" value="0"/, "the next press removes the vote");
    assert.equal((await counts("2606.00002")).upvotes, 1);
    // Off-site "next" values are ignored.
    const evil = await u.browser.submit("/papers/2606.00002", "/upvote", {
      paper: "2606.00002",
      value: "1",
      next: "//evil.example/",
    });
    assert.equal(evil.location, "/papers/2606.00002");
  });

  it("asks anonymous visitors to sign in, and refuses votes without a session or for unknown papers", async () => {
    const anon = h.browser();
    const page = await anon.get("/papers/2606.00001");
    assert.match(
      page.text,
      /<p class="votes votes-lg"><a class="vote-signin" href="\/login\?next=%2Fpapers%2F2606.00001"/,
    );
    assert.doesNotMatch(page.text, /name="_csrf"/, "anonymous pages carry no token (they are cacheable)");
    const token = await anon.csrfFrom("/login");
    const res = await anon.request("POST", "/upvote", {
      form: { _csrf: token, paper: PAPER.id, value: "1" },
      headers: { accept: "application/json" },
    });
    assert.equal(res.status, 401);
    const u = await h.userWithBrowser();
    const unknown = await u.browser.submit(
      "/papers/2606.00001",
      "/upvote",
      { paper: "0000.00000", value: "1" },
      { accept: "application/json" },
    );
    assert.equal(unknown.status, 404);
  });

  it("removes a deleted account's votes from the count", async () => {
    const u = await h.userWithBrowser();
    await u.browser.submit("/papers/2606.00002", "/upvote", { paper: "2606.00002", value: "1" });
    const before = await counts("2606.00002");
    await h.store.db.deleteFrom("users").where("id", "=", u.id).execute();
    const after = await counts("2606.00002");
    assert.equal(after.upvotes, before.upvotes - 1);
    assert.equal(after.local_upvotes, after.stored);
  });
});
