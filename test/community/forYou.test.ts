// /for-you over HTTP on a small instance (hashed TF-IDF vectors): cold start shows trending, a
// reader's saves pull papers on the same topic to the top with the reason, categories narrow the
// list, example papers count as interests, and every form carries and needs a CSRF token.
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
    assert.doesNotMatch((await h.browser().get("/trending")).text, /href="\/for-you"/);
    const u = await h.userWithBrowser();
    const page = await u.browser.get("/for-you");
    assert.equal(page.status, 200);
    assert.match(page.text, /<a href="\/for-you" aria-current="page">For you<\/a>/);
    // Cold start: trending order (the upvoted vision papers lead), no reasons.
    assert.deepEqual(titlesIn(page.text).slice(0, 3), ["vision", "vision", "vision"]);
    assert.doesNotMatch(page.text, /Because you/);
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
  });

  it("narrows to chosen categories and learns from example papers", async () => {
    const u = await h.userWithBrowser();
    const bad = await u.browser.submit("/for-you", "/for-you/categories", { categories: "<script>" });
    assert.equal(bad.status, 400);
    assert.doesNotMatch(bad.text, /<script>/);
    const res = await u.browser.submit("/for-you", "/for-you/categories", { categories: "cs.CL" });
    assert.equal(res.status, 303);
    let page = await u.browser.get("/for-you");
    assert.ok(!titlesIn(page.text).includes("vision"), "cs.CV papers are gone");
    assert.match(page.text, /value="cs.CL"/);
    const found = await u.browser.get("/for-you?find=speech");
    assert.match(found.text, /Add as example/);
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

  it("needs a CSRF token on its forms", async () => {
    const u = await h.userWithBrowser();
    await u.browser.get("/for-you");
    for (const action of ["/for-you/categories", "/for-you/examples"]) {
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
