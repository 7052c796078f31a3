// /u/<handle>: submissions, public (never private) collections and visible comments; unknown
// and deleted users have no page.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { insertComment } from "../../src/store/comments.ts";
import { type Harness, startHarness } from "../accounts/support/harness.ts";
import { testPaper } from "../support/factories.ts";

const paper = (id: string, title: string) => testPaper(id, { title, categories: ["cs.CL"] });

let h: Harness;
before(async () => {
  h = await startHarness({
    papers: [paper("2606.00001", "Submitted paper"), paper("2606.00002", "Commented paper")],
  });
});
after(async () => {
  await h?.close();
});

describe("profile pages", () => {
  it("shows submissions, public collections and comments, and hides private collections", async () => {
    const u = await h.userWithBrowser({ handle: "Ada_L" });
    const now = new Date().toISOString();
    await h.store.db
      .insertInto("submissions")
      .values({ user_id: u.id, paper_id: "2606.00001", day: "2026-06-11", created_at: now })
      .execute();
    await insertComment(h.store.db, {
      id: "c1",
      paperId: "2606.00002",
      userId: u.id,
      parentId: null,
      body: "Nice **result**",
      createdAt: now,
    });
    await insertComment(h.store.db, {
      id: "c2",
      paperId: "2606.00002",
      userId: u.id,
      parentId: null,
      body: "gone",
      createdAt: now,
    });
    await h.store.db.updateTable("comments").set({ status: "hidden" }).where("id", "=", "c2").execute();
    await u.browser.submit("/collections", "/collections", { name: "Open list", public: "1" });
    await u.browser.submit("/collections", "/collections", { name: "Closed list" });

    const page = await h.browser().get("/u/Ada_L");
    assert.equal(page.status, 200);
    assert.match(page.text, /<h1>Ada_L<\/h1>/);
    assert.match(page.text, /Submitted paper/);
    assert.match(page.text, /Submitted by Ada_L/);
    assert.match(page.text, /<a href="\/c\/open-list">Open list<\/a>/);
    assert.doesNotMatch(page.text, /Closed list/);
    assert.match(page.text, /Nice <strong>result<\/strong>/);
    assert.match(page.text, /href="\/papers\/2606.00002#c-c1"/);
    assert.doesNotMatch(page.text, />gone</, "hidden comments are not listed");
    assert.doesNotMatch((await u.browser.get("/u/Ada_L")).text, /Closed list/, "not even to the owner");
    assert.equal((await h.browser().get("/u/ada_l")).location, "/u/Ada_L", "handles are case-insensitive");
  });

  it("has no page for unknown or deleted users", async () => {
    assert.equal((await h.browser().get("/u/nobody-here")).status, 404);
    const u = await h.userWithBrowser({ handle: "leaving" });
    assert.equal((await h.browser().get("/u/leaving")).status, 200);
    await h.store.db.deleteFrom("users").where("id", "=", u.id).execute();
    assert.equal((await h.browser().get("/u/leaving")).status, 404);
  });
});
