// /for-you over HTTP on a small instance (hashed TF-IDF vectors): a new reader meets the two
// onboarding steps (categories from a list, example papers by search) above trending papers, a
// reader's saves pull papers on the same topic to the top with the reason, categories narrow the
// list, example papers count as interests, "Not interested" removes a card and pushes papers like
// it down, and every form carries and needs a CSRF token.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type Harness, startHarness } from "../accounts/support/harness.ts";

const TOPICS = {
  graph: ["graph neural networks message passing", "node classification over graphs with message passing"],
  speech: ["speech recognition acoustic models", "spoken audio transcription with acoustic encoders"],
  vision: ["image segmentation convolutional masks", "pixel masks for semantic image segmentation"],
};
const papers = Object.entries(TOPICS).flatMap(([topic, [a, b]], t) =>
  Array.from({ length: 6 }, (_, i) => ({
    id: `2606.0${t}${i}00`,
    title: `${topic} paper ${i}: ${i % 2 ? a : b}`,
    abstract: `We study ${a}. Our method improves ${b}.`,
    authors: [`Author ${t}${i}`],
    categories: [topic === "vision" ? "cs.CV" : "cs.CL"],
    versions: [{ version: 1, createdAt: `2026-06-${10 + i}T00:00:00.000Z` }],
    upvotes: topic === "vision" ? 50 - i : i,
  })),
);

let h: Harness;
before(async () => {
  h = await startHarness({ papers });
});
after(async () => {
  await h?.close();
});

const titlesIn = (html: string) =>
  [...html.matchAll(/class="card-link" href="[^"]+">(?:<[^>]+>)*([a-z]+) paper/g)].map((m) => m[1]);

describe("for you", () => {
  it("is for signed-in readers, with a tab in the header", async () => {
    const anon = await h.browser().get("/for-you");
    assert.equal(anon.status, 303);
    assert.equal(anon.location, "/login?next=%2Ffor-you");
    // A visitor's header tabs leave it out (the phone menu lists it, leading to sign-in).
    const mainNav = /<nav class="main-nav"[\s\S]*?<\/nav>/.exec((await h.browser().get("/trending")).text);
    assert.ok(mainNav);
    assert.doesNotMatch(mainNav[0], /href="\/for-you"/);
    const u = await h.userWithBrowser();
    const page = await u.browser.get("/for-you");
    assert.equal(page.status, 200);
    assert.match(page.text, /<a href="\/for-you" aria-current="page">For you<\/a>/);
    // Cold start: trending order (the upvoted vision papers lead), no reasons.
    assert.deepEqual(titlesIn(page.text).slice(0, 3), ["vision", "vision", "vision"]);
    assert.doesNotMatch(page.text, /Because you/);
    // The first steps come before the cards: categories as checkboxes with their names, then search.
    const steps = page.text.indexOf('id="onboarding-heading"');
    assert.ok(steps > 0 && steps < page.text.indexOf('class="card-link"'), "onboarding is above the cards");
    assert.match(page.text, /<input type="checkbox" name="categories" value="cs.CL"\/>/);
    assert.match(page.text, /Computation and Language/);
    assert.match(page.text, /name="find"/);
  });

  it("ranks papers like the saved ones first and says why", async () => {
    const u = await h.userWithBrowser();
    for (const id of ["2606.00000", "2606.00100"])
      await u.browser.submit("/for-you", "/saved", { paper: id, value: "1" });
    const page = await u.browser.get("/for-you");
    const top = titlesIn(page.text);
    assert.deepEqual(top.slice(0, 4), ["graph", "graph", "graph", "graph"], top.join(","));
    assert.doesNotMatch(
      page.text,
      /class="card-link" href="\/papers\/2606.00[01]00"/,
      "saved papers are not recommended back",
    );
    assert.match(page.text, /Because you saved <a href="\/papers\/2606.00[01]00">/);
    // Once it has something to learn from, the interests move below the papers.
    assert.doesNotMatch(page.text, /id="onboarding-heading"/);
    assert.ok(page.text.indexOf('id="interests-heading"') > page.text.indexOf('class="card-link"'));
  });

  it("narrows to chosen categories and learns from example papers", async () => {
    const u = await h.userWithBrowser();
    const bad = await u.browser.submit("/for-you", "/for-you/categories", { categories: "<script>" });
    assert.equal(bad.status, 400);
    assert.doesNotMatch(bad.text, /<script>/);
    const notListed = await u.browser.submit("/for-you", "/for-you/categories", { categories: "math.AG" });
    assert.equal(notListed.status, 400, "a category this instance does not list is refused");
    const res = await u.browser.submit("/for-you", "/for-you/categories", { categories: "cs.CL" });
    assert.equal(res.status, 303);
    let page = await u.browser.get("/for-you");
    assert.ok(!titlesIn(page.text).includes("vision"), "cs.CV papers are gone");
    assert.match(page.text, /name="categories" value="cs.CL" checked\/>/);
    assert.match(page.text, /name="categories" value="cs.CV"\/>/, "unchecked choices stay offered");
    const found = await u.browser.get("/for-you?find=speech");
    assert.match(found.text, /<input type="hidden" name="paper" value="2606.01000"\/>/);
    await u.browser.submit("/for-you", "/for-you/examples", { paper: "2606.01000", value: "1" });
    page = await u.browser.get("/for-you");
    assert.deepEqual(titlesIn(page.text).slice(0, 3), ["speech", "speech", "speech"]);
    assert.match(page.text, /Because you picked/);
    const unknown = await u.browser.submit("/for-you", "/for-you/examples", {
      paper: "0000.00000",
      value: "1",
    });
    assert.equal(unknown.status, 404);
  });

  it("drops a paper marked not interested, offers Undo, and ranks papers like it lower", async () => {
    const u = await h.userWithBrowser();
    // Likes one graph paper and one speech paper: both topics are near the top.
    for (const id of ["2606.00000", "2606.01000"])
      await u.browser.submit("/for-you", "/saved", { paper: id, value: "1" });
    const before = titlesIn((await u.browser.get("/for-you")).text);
    const speechBefore = before.indexOf("speech");
    assert.ok(speechBefore >= 0 && speechBefore < 3, before.join(","));
    // Without JavaScript: the form posts, the page comes back with Undo for that paper.
    const res = await u.browser.submit("/for-you", "/for-you/not-interested", {
      paper: "2606.01100",
      value: "1",
    });
    assert.equal(res.status, 303);
    assert.equal(res.location, "/for-you?dismissed=2606.01100");
    const after = await u.browser.get(res.location as string);
    assert.doesNotMatch(after.text, /class="card-link" href="\/papers\/2606.01100"/, "the card is gone");
    assert.match(after.text, /class="form-notice dismissed-notice" role="status"/);
    assert.match(after.text, /name="paper" value="2606.01100"\/><input type="hidden" name="value" value="0"/);
    // With it: JSON, as the card's script asks. Dismissing the other speech papers pushes speech down.
    for (const id of ["2606.01200", "2606.01300"]) {
      const json = await u.browser.request("POST", "/for-you/not-interested", {
        form: { _csrf: await u.browser.csrfFrom("/for-you"), paper: id, value: "1" },
        headers: { accept: "application/json" },
      });
      assert.equal(json.status, 200);
      assert.deepEqual(JSON.parse(json.text), { paper: id, dismissed: true });
    }
    const pushed = titlesIn((await u.browser.get("/for-you")).text);
    assert.ok(pushed.indexOf("speech") > speechBefore, `speech moved down: ${pushed.join(",")}`);
    // Undo brings the paper back; an unknown paper is a 404.
    await u.browser.submit("/for-you", "/for-you/not-interested", { paper: "2606.01100", value: "0" });
    assert.match((await u.browser.get("/for-you")).text, /class="card-link" href="\/papers\/2606.01100"/);
    const stale = await u.browser.get("/for-you?dismissed=2606.01100");
    assert.doesNotMatch(stale.text, /dismissed-notice/, "a stale notice link shows nothing");
    const unknown = await u.browser.submit("/for-you", "/for-you/not-interested", {
      paper: "0000.00000",
      value: "1",
    });
    assert.equal(unknown.status, 404);
    const odd = await u.browser.submit("/for-you", "/for-you/not-interested", {
      paper: "2606.01100",
      value: "banana",
    });
    assert.equal(odd.status, 400);
    assert.match((await u.browser.get("/for-you")).text, /class="card-link" href="\/papers\/2606.01100"/);
  });

  it("needs a CSRF token on its forms", async () => {
    const u = await h.userWithBrowser();
    await u.browser.get("/for-you");
    for (const action of ["/for-you/categories", "/for-you/examples", "/for-you/not-interested"]) {
      const r = await u.browser.request("POST", action, {
        form: { categories: "cs.LG", paper: "2606.00000" },
      });
      assert.equal(r.status, 403, action);
    }
    const user = await h.store.db
      .selectFrom("users")
      .select("categories")
      .where("id", "=", u.id)
      .executeTakeFirstOrThrow();
    assert.equal(user.categories, "[]");
  });
});
