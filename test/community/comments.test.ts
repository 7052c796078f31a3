// Comments over HTTP: threads and replies, Markdown and math, edit/delete own, moderators hide,
// the paper's comment count (imported + visible local comments), hostile input rendered inert,
// and comments surviving their author's account as "deleted user".
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type Harness, startHarness } from "../accounts/support/harness.ts";
import { testPaper } from "../support/factories.ts";

const paper = (id: string, numComments?: number) =>
  testPaper(id, { abstract: "Abstract.", authors: ["A. B."], numComments });

let h: Harness;
before(async () => {
  h = await startHarness({ papers: [paper("2606.00100", 3), paper("2606.00200")] });
});
after(async () => {
  await h?.close();
});

const numComments = async (id: string) =>
  (
    await h.store.db
      .selectFrom("papers")
      .select("num_comments")
      .where("id", "=", id)
      .executeTakeFirstOrThrow()
  ).num_comments;

const commentIds = (html: string) =>
  [...html.matchAll(/<li class="comment" id="c-([^"]+)"/g)].map((m) => m[1]);

describe("comments", () => {
  it("posts comments and replies, renders Markdown and math, and counts them on top of the imported count", async () => {
    const a = await h.userWithBrowser({ handle: "alice" });
    const b = await h.userWithBrowser({ handle: "bob" });
    const page = "/papers/2606.00100";
    assert.equal(await numComments("2606.00100"), 3);
    const first = await a.browser.submit(page, "/comments", {
      paper: "2606.00100",
      body: "Nice **result**: $O(n \\log n)$",
    });
    assert.equal(first.status, 303);
    const [id] = commentIds((await a.browser.get(page)).text);
    const reply = await b.browser.submit(page, "/comments", {
      paper: "2606.00100",
      parent: id,
      body: "- agreed\n- *really*",
    });
    assert.equal(reply.status, 303);
    const html = (await h.browser().get(page)).text;
    assert.match(html, /<strong>result<\/strong>/);
    assert.match(html, /class="katex"/);
    assert.match(
      html,
      /<ol class="comment-replies"><li class="comment" id="c-[^"]+"><p class="comment-head"><a href="\/u\/bob">bob<\/a>/,
    );
    assert.match(html, /<ul><li>agreed<\/li><li><em>really<\/em><\/li><\/ul>/);
    assert.equal(await numComments("2606.00100"), 5);
    const api = await fetch(`${h.base}/api/papers/2606.00100`).then((r) => r.json());
    assert.equal(api.numComments, 5);
    // A reply cannot graft onto another paper's thread.
    const graft = await b.browser.submit(page, "/comments", { paper: "2606.00200", parent: id, body: "x" });
    assert.equal(graft.status, 400);
  });

  it("lets authors edit and delete their own comments, and nobody else's", async () => {
    const a = await h.userWithBrowser({ handle: "author" });
    const other = await h.userWithBrowser({ handle: "other" });
    const page = "/papers/2606.00200";
    await a.browser.submit(page, "/comments", { paper: "2606.00200", body: "first version" });
    const [id] = commentIds((await a.browser.get(page)).text);
    assert.equal((await other.browser.get(`/comments/${id}/edit`)).status, 403);
    assert.equal(
      (await other.browser.submit(page, `/comments/${id}/edit`, { body: "hijacked" })).status,
      403,
    );
    assert.equal((await other.browser.submit(page, `/comments/${id}/delete`, {})).status, 403);
    assert.equal((await other.browser.submit(page, `/comments/${id}/hide`, { hidden: "1" })).status, 403);
    assert.equal(
      (await a.browser.submit(`/comments/${id}/edit`, `/comments/${id}/edit`, { body: "second version" }))
        .status,
      303,
    );
    let html = (await h.browser().get(page)).text;
    assert.match(html, /second version/);
    assert.match(html, /· edited/);
    assert.doesNotMatch(html, /hijacked/);
    assert.equal(await numComments("2606.00200"), 1);
    assert.equal((await a.browser.submit(page, `/comments/${id}/delete`, {})).status, 303);
    html = (await h.browser().get(page)).text;
    assert.match(html, /Comment deleted by its author/);
    assert.doesNotMatch(html, /second version/);
    assert.equal(await numComments("2606.00200"), 0);
  });

  it("lets moderators hide and unhide comments", async () => {
    const a = await h.userWithBrowser();
    const mod = await h.userWithBrowser({ role: "moderator" });
    const page = "/papers/2606.00200";
    await a.browser.submit(page, "/comments", { paper: "2606.00200", body: "spam spam spam" });
    const ids = commentIds((await a.browser.get(page)).text);
    const id = ids[ids.length - 1];
    const before = await numComments("2606.00200");
    assert.equal((await mod.browser.submit(page, `/comments/${id}/hide`, { hidden: "1" })).status, 303);
    assert.equal(await numComments("2606.00200"), before - 1);
    assert.match((await h.browser().get(page)).text, /Comment hidden by a moderator/);
    assert.doesNotMatch((await h.browser().get(page)).text, /spam spam spam/);
    assert.match((await mod.browser.get(page)).text, /spam spam spam/, "moderators still see it");
    assert.equal(
      (await a.browser.submit(page, `/comments/${id}/edit`, { body: "edited after hiding" })).status,
      403,
    );
    assert.equal((await mod.browser.submit(page, `/comments/${id}/hide`, { hidden: "0" })).status, 303);
    assert.equal(await numComments("2606.00200"), before);
  });

  it("requires a confirmed address and a session", async () => {
    const unverified = await h.userWithBrowser({ verified: false });
    const res = await unverified.browser.submit("/papers/2606.00200", "/comments", {
      paper: "2606.00200",
      body: "hello",
    });
    assert.equal(res.status, 403);
    const anon = h.browser();
    const token = await anon.csrfFrom("/login");
    const anonRes = await anon.request("POST", "/comments", {
      form: { _csrf: token, paper: "2606.00200", body: "hello" },
    });
    assert.equal(anonRes.status, 303);
    assert.match(anonRes.location ?? "", /^\/login\?next=/);
  });

  it("renders hostile comment bodies inert", async () => {
    const u = await h.userWithBrowser({ handle: "mallory" });
    const payloads = [
      "<script>alert(1)</script>",
      '<img src=x onerror="alert(1)">',
      "[click](javascript:alert(1))",
      '[x](https://ok.example/"onmouseover="alert(1))',
      "$\\href{javascript:alert(1)}{x}$",
      "```\n</code></pre><script>alert(1)</script>\n```",
      "<a href='javascript:alert(1)'>x</a>",
    ];
    for (const body of payloads) {
      assert.equal(
        (await u.browser.submit("/papers/2606.00100", "/comments", { paper: "2606.00100", body })).status,
        303,
      );
    }
    const html = (await h.browser().get("/papers/2606.00100")).text;
    const comments = html.slice(html.indexOf('id="comments"'));
    assert.doesNotMatch(comments, /<script(?![^>]*\bsrc=)/i);
    assert.doesNotMatch(comments, /<img/i);
    assert.doesNotMatch(comments, /<[a-z][^<>]*\son[a-z]+=/i);
    assert.doesNotMatch(comments, /href="javascript:/i);
    assert.match(comments, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/, "shown as text");
  });

  it("keeps comments of a deleted account as written by “deleted user”", async () => {
    const u = await h.userWithBrowser({ handle: "leaving" });
    await u.browser.submit("/papers/2606.00200", "/comments", { paper: "2606.00200", body: "my last words" });
    await h.store.db.deleteFrom("users").where("id", "=", u.id).execute();
    const html = (await h.browser().get("/papers/2606.00200")).text;
    assert.match(html, /deleted user<\/span>[\s\S]*my last words/);
    assert.doesNotMatch(html, /leaving/);
  });
});
