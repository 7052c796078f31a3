// Collections over HTTP: save from a card (form and fetch), create/edit/tag, the public page,
// private collections hidden from others (read, export, edit), CSRF on every form, XSS in names,
// descriptions and tags rendered inert, and exports.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type Harness, startHarness } from "../accounts/support/harness.ts";

const paper = (id: string, title: string, extra: object = {}) => ({
  id,
  title,
  abstract: "An abstract.",
  authors: ["Ashish Vaswani", "Noam Shazeer"],
  categories: ["cs.CL"],
  versions: [{ version: 1, createdAt: "2026-06-10T00:00:00.000Z" }],
  ...extra,
});
const XSS = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
/** Tags are at most 40 characters. */
const TAG_XSS = `<svg onload=alert(1)>`;

let h: Harness;
before(async () => {
  h = await startHarness({
    papers: [
      paper("2606.00001", "Attention Is All You Need"),
      paper("2606.00002", "x}, note={pwned}} @misc{evil, title={\\input{/etc/passwd}"),
    ],
  });
});
after(async () => {
  await h?.close();
});

async function makeCollection(
  b: Awaited<ReturnType<Harness["userWithBrowser"]>>["browser"],
  form: Record<string, string>,
) {
  const res = await b.submit("/collections", "/collections", form);
  assert.equal(res.status, 303, res.text);
  assert.ok(res.location?.startsWith("/c/"));
  return res.location as string;
}

async function collectionId(slugPath: string): Promise<string> {
  const row = await h.store.db
    .selectFrom("collections")
    .select("id")
    .where("slug", "=", decodeURIComponent(slugPath.slice(3)))
    .executeTakeFirstOrThrow();
  return row.id;
}

describe("collections", () => {
  it("saves a paper from the paper page (form and fetch), shows the state, and unsaves", async () => {
    const u = await h.userWithBrowser();
    const page = await u.browser.get("/papers/2606.00001");
    assert.match(page.text, /<form class="save-form" method="post" action="\/saved">/);
    assert.match(page.text, /class="save-btn" aria-pressed="false"/);
    const res = await u.browser.submit("/papers/2606.00001", "/saved", {
      paper: "2606.00001",
      value: "1",
      next: "/papers/2606.00001",
    });
    assert.equal(res.status, 303);
    assert.equal(res.location, "/papers/2606.00001");
    assert.match((await u.browser.get("/papers/2606.00001")).text, /aria-pressed="true"/);
    const list = await u.browser.get("/collections");
    assert.match(list.text, /<a href="\/c\/saved[^"]*">Saved<\/a>/);
    const json = await u.browser.submit(
      "/papers/2606.00001",
      "/saved",
      { paper: "2606.00001", value: "0" },
      { accept: "application/json" },
    );
    assert.equal(json.status, 200);
    assert.equal(JSON.parse(json.text).saved, false);
    assert.match((await u.browser.get("/papers/2606.00001")).text, /aria-pressed="false"/);
    const unknown = await u.browser.submit(
      "/papers/2606.00001",
      "/saved",
      { paper: "9999.99999", value: "1" },
      { accept: "application/json" },
    );
    assert.equal(unknown.status, 404);
  });

  it("refuses saves without a session or without a CSRF token", async () => {
    const anon = h.browser();
    assert.doesNotMatch(
      (await anon.get("/papers/2606.00001")).text,
      /save-form/,
      "no Save control for visitors",
    );
    const token = await anon.csrfFrom("/login");
    const res = await anon.request("POST", "/saved", {
      form: { _csrf: token, paper: "2606.00001" },
      headers: { accept: "application/json" },
    });
    assert.equal(res.status, 401);
    const u = await h.userWithBrowser();
    await u.browser.get("/collections");
    for (const action of ["/saved", "/collections"]) {
      const r = await u.browser.request("POST", action, { form: { paper: "2606.00001", name: "x" } });
      assert.equal(r.status, 403, `${action} without a token`);
    }
    assert.equal(
      (await h.store.db.selectFrom("collections").selectAll().where("user_id", "=", u.id).execute()).length,
      0,
    );
  });

  it("keeps private collections private: no page, no export, no edits by others", async () => {
    const owner = await h.userWithBrowser();
    const path = await makeCollection(owner.browser, { name: "Secret reading", description: "mine" });
    const id = await collectionId(path);
    await owner.browser.submit(path, "/saved", { paper: "2606.00001", collection: id, value: "1" });
    assert.equal((await owner.browser.get(path)).status, 200);
    assert.equal((await owner.browser.get(`/collections/${id}/export.json`)).status, 200);

    const other = await h.userWithBrowser();
    const anon = h.browser();
    for (const b of [other.browser, anon]) {
      for (const url of [
        path,
        `/c/${id}`,
        `/collections/${id}/export.bib`,
        `/collections/${id}/export.json`,
      ]) {
        const r = await b.get(url);
        assert.equal(r.status, 404, url);
        assert.doesNotMatch(r.text, /Secret reading|Attention/);
      }
    }
    const token = await other.browser.csrfFrom("/collections");
    const attempts: [string, Record<string, string>][] = [
      [`/collections/${id}/edit`, { name: "Hijacked", public: "1" }],
      [`/collections/${id}/tags`, { paper: "2606.00001", tags: "pwned" }],
      [`/collections/${id}/remove`, { paper: "2606.00001" }],
      [`/collections/${id}/delete`, {}],
      ["/saved", { paper: "2606.00002", collection: id, value: "1" }],
    ];
    for (const [action, form] of attempts) {
      const r = await other.browser.request("POST", action, { form: { _csrf: token, ...form } });
      assert.equal(r.status, 404, action);
    }
    const row = await h.store.db
      .selectFrom("collections")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    assert.equal(row.name, "Secret reading");
    assert.equal(row.is_public, 0);
    const items = await h.store.db
      .selectFrom("collection_items")
      .selectAll()
      .where("collection_id", "=", id)
      .execute();
    assert.deepEqual(
      items.map((i) => [i.paper_id, i.tags]),
      [["2606.00001", "[]"]],
    );
  });

  it("shows a public collection to anyone but lets only the owner edit it", async () => {
    const owner = await h.userWithBrowser();
    const path = await makeCollection(owner.browser, {
      name: "Transformers",
      description: "Good ones",
      public: "1",
    });
    const id = await collectionId(path);
    await owner.browser.submit(path, "/saved", { paper: "2606.00001", collection: id, value: "1" });
    const anon = await h.browser().get(path);
    assert.equal(anon.status, 200);
    assert.match(anon.text, /Attention Is All You Need/);
    assert.doesNotMatch(anon.text, /action="\/collections\/[^"]+\/edit"/, "no edit form for visitors");
    assert.equal((await h.browser().get(`/c/${id}`)).location, path, "the id redirects to the slug");
    const other = await h.userWithBrowser();
    const token = await other.browser.csrfFrom(path);
    const r = await other.browser.request("POST", `/collections/${id}/edit`, {
      form: { _csrf: token, name: "Mine now" },
    });
    assert.equal(r.status, 403);
    // A second "Transformers" by someone else gets its own address.
    const second = await makeCollection(other.browser, { name: "Transformers", public: "1" });
    assert.notEqual(second, path);
    assert.match(second, /^\/c\/transformers-[0-9a-f]{6}$/);
  });

  it("renders hostile names, descriptions and tags as text", async () => {
    const owner = await h.userWithBrowser();
    const path = await makeCollection(owner.browser, {
      name: XSS,
      description: `${XSS}\n"quoted"`,
      public: "1",
    });
    const id = await collectionId(path);
    await owner.browser.submit(path, "/saved", { paper: "2606.00001", collection: id, value: "1" });
    const tagged = await owner.browser.submit(path, `/collections/${id}/tags`, {
      paper: "2606.00001",
      tags: `${TAG_XSS}, fine`,
    });
    assert.equal(tagged.status, 303);
    const pages = [
      await h.browser().get(path),
      await owner.browser.get(path),
      await owner.browser.get("/collections"),
    ];
    pages.push(await h.browser().get(`/u/${owner.handle}`));
    assert.match(pages[1].text, /&lt;svg onload=alert\(1\)>/, "the tag is shown, as text");
    for (const page of pages) {
      assert.equal(page.status, 200);
      assert.doesNotMatch(page.text, /<script>alert/);
      assert.doesNotMatch(page.text, /<img src=x/);
      assert.doesNotMatch(page.text, /<svg onload/);
      assert.match(page.text, /&lt;script>alert|&lt;script&gt;alert/);
    }
    const json = JSON.parse((await h.browser().get(`/collections/${id}/export.json`)).text);
    assert.equal(json.collection.name, XSS, "JSON carries the text as it was typed");
    assert.deepEqual(json.papers[0].tags, [TAG_XSS, "fine"]);
  });

  it("exports a collection and everything saved as BibTeX and JSON, escaping hostile titles", async () => {
    const u = await h.userWithBrowser();
    const path = await makeCollection(u.browser, { name: "Exports" });
    const id = await collectionId(path);
    for (const p of ["2606.00001", "2606.00002"])
      await u.browser.submit(path, "/saved", { paper: p, collection: id, value: "1" });
    const bib = await u.browser.get(`/collections/${id}/export.bib`);
    assert.equal(bib.status, 200);
    assert.match(bib.headers.get("content-type") ?? "", /application\/x-bibtex/);
    assert.match(bib.headers.get("content-disposition") ?? "", /attachment; filename="exports.bib"/);
    assert.equal(bib.headers.get("cache-control"), "private, no-store");
    assert.equal(bib.text.match(/^@/gm)?.length, 2, "two entries, no injected one");
    assert.match(bib.text, /@misc\{vaswani2026attention,/);
    assert.match(bib.text, /@misc\{vaswani2026x,/);
    assert.doesNotMatch(bib.text, /\\input\{/);
    assert.match(bib.text, /title = \{\{x\\\}, note=\\\{pwned\\\}\\\} @misc\\\{evil/);
    const saved = JSON.parse((await u.browser.get("/saved/export.json")).text);
    assert.deepEqual(saved.papers.map((p: { id: string }) => p.id).sort(), ["2606.00001", "2606.00002"]);
    assert.equal(saved.collection, null);
    assert.match((await u.browser.get("/saved/export.bib")).text, /eprint = \{2606\.00001\}/);
    assert.equal((await h.browser().get("/saved/export.bib")).status, 303, "visitors are sent to sign in");
    assert.equal((await u.browser.get(`/collections/${id}/export.pdf`)).status, 404);
  });

  it("deletes a collection and its items with it", async () => {
    const u = await h.userWithBrowser();
    const path = await makeCollection(u.browser, { name: "Short-lived" });
    const id = await collectionId(path);
    await u.browser.submit(path, "/saved", { paper: "2606.00001", collection: id, value: "1" });
    const res = await u.browser.submit(path, `/collections/${id}/delete`, {});
    assert.equal(res.location, "/collections");
    assert.equal((await u.browser.get(path)).status, 404);
    assert.equal(
      (await h.store.db.selectFrom("collection_items").selectAll().where("collection_id", "=", id).execute())
        .length,
      0,
    );
  });
});
