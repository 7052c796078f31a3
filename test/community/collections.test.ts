// Collections over HTTP: save from a card (form and fetch), create/edit/tag, the public page,
// private collections hidden from others (read, export, edit), CSRF on every form, XSS in names,
// descriptions and tags rendered inert, and exports.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  fixture,
  type ReplayServer,
  startReplayServer,
} from "../../src/ingest/sync/replayServer.test-helper.ts";
import type { PaperInput } from "../../src/model/paper.ts";
import { getPaper } from "../../src/store/papers.ts";
import { type Harness, startHarness } from "../accounts/support/harness.ts";
import { testPaper } from "../support/factories.ts";

const paper = (id: string, title: string, extra: Partial<PaperInput> = {}) =>
  testPaper(id, { title, authors: ["Ashish Vaswani", "Noam Shazeer"], categories: ["cs.CL"], ...extra });
const XSS = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
/** Tags are at most 40 characters. */
const TAG_XSS = `<svg onload=alert(1)>`;

let h: Harness;
let arxiv: ReplayServer;
before(async () => {
  // arXiv's query API, replayed: knows 2606.13677 only (an unknown paper added to a collection).
  const xml = fixture("arxiv-api/query-transformer.xml");
  arxiv = await startReplayServer((req) =>
    req.path === "/api/query" ? { body: xml } : { status: 404, body: "not found" },
  );
  h = await startHarness({
    // Every arXiv URL at the replay server: only then may requests come faster than arXiv's 3 s.
    env: {
      PAPERTIDE_ARXIV_OAI_URL: `${arxiv.url}/oai`,
      PAPERTIDE_ARXIV_RSS_URL: `${arxiv.url}/rss`,
      PAPERTIDE_ARXIV_API_URL: `${arxiv.url}/api/query`,
      PAPERTIDE_ARXIV_MIN_INTERVAL_MS: "1",
    },
    papers: [
      paper("2606.00001", "Attention Is All You Need"),
      paper("2606.00002", "x}, note={pwned}} @misc{evil, title={\\input{/etc/passwd}"),
    ],
  });
});
after(async () => {
  await h?.close();
  await arxiv?.close();
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

/** The reader's collections with their papers, straight from the store. */
async function contents(userId: string): Promise<Record<string, string[]>> {
  const rows = await h.store.db
    .selectFrom("collections as c")
    .leftJoin("collection_items as i", "i.collection_id", "c.id")
    .select(["c.name", "i.paper_id"])
    .where("c.user_id", "=", userId)
    .orderBy("c.name")
    .orderBy("i.paper_id")
    .execute();
  const out: Record<string, string[]> = {};
  for (const r of rows) {
    out[r.name] ??= [];
    if (r.paper_id) out[r.name].push(r.paper_id);
  }
  return out;
}

describe("choosing collections when saving (/save/<paper>)", () => {
  it("lists my collections with ticks, files into the chosen ones and out of unticked ones", async () => {
    const u = await h.userWithBrowser();
    const reading = await collectionId(await makeCollection(u.browser, { name: "Reading" }));
    const later = await collectionId(await makeCollection(u.browser, { name: "Later", public: "1" }));
    await u.browser.submit("/collections", "/saved", { paper: "2606.00001", collection: later, value: "1" });

    // The paper page and every card link to the choice page.
    const paperPage = await u.browser.get("/papers/2606.00001");
    assert.match(
      paperPage.text,
      /<a class="save-to" href="\/save\/2606\.00001\?next=%2Fpapers%2F2606\.00001"/,
    );
    const form = await u.browser.get("/save/2606.00001?next=/papers/2606.00001");
    assert.equal(form.status, 200);
    assert.equal(form.headers.get("cache-control"), "private, no-store");
    assert.match(form.text, new RegExp(`<input type="checkbox" name="c\\.${reading}" value="1"/>`));
    assert.match(form.text, new RegExp(`<input type="checkbox" name="c\\.${later}" value="1" checked/>`));
    assert.match(form.text, /Attention Is All You Need/);

    // Tick Reading, untick Later: the paper moves.
    const moved = await u.browser.submit("/save/2606.00001", "/save/2606.00001", {
      shown: `${reading},${later}`,
      [`c.${reading}`]: "1",
      next: "/papers/2606.00001",
    });
    assert.equal(moved.status, 303, moved.text);
    assert.equal(moved.location, "/papers/2606.00001");
    assert.deepEqual(await contents(u.id), { Later: [], Reading: ["2606.00001"] });
    assert.match((await u.browser.get("/papers/2606.00001")).text, /aria-pressed="true"/);

    // A collection not shown on the form (made in another tab meanwhile) is left alone.
    const other = await collectionId(await makeCollection(u.browser, { name: "Other tab" }));
    await u.browser.submit("/collections", "/saved", { paper: "2606.00001", collection: other, value: "1" });
    await u.browser.submit("/save/2606.00001", "/save/2606.00001", { shown: `${reading},${later}` });
    assert.deepEqual(await contents(u.id), { Later: [], "Other tab": ["2606.00001"], Reading: [] });

    // The JSON the popover reads.
    const json = await u.browser.get("/save/2606.00001", { accept: "application/json" });
    const data = JSON.parse(json.text);
    assert.equal(data.paperId, "2606.00001");
    assert.equal(data.saved, true);
    assert.deepEqual(
      data.collections.map((c: { name: string; holds: boolean; isPublic: boolean }) => [
        c.name,
        c.holds,
        c.isPublic,
      ]),
      [
        ["Reading", false, false],
        ["Later", false, true],
        ["Other tab", true, false],
      ],
    );
    // A bad `next` never leaves the site.
    const evil = await u.browser.submit("/save/2606.00001", "/save/2606.00001", {
      shown: "",
      next: "//evil.example/",
    });
    assert.equal(evil.location, "/papers/2606.00001");
    assert.equal((await u.browser.get("/save/9999.99999")).status, 404);
  });

  it("makes a new collection while saving (form and JSON) and keeps the form when the name is bad", async () => {
    const u = await h.userWithBrowser();
    const made = await u.browser.submit("/save/2606.00002", "/save/2606.00002", {
      shown: "",
      new_name: "Reading group",
      new_public: "1",
    });
    assert.equal(made.status, 303, made.text);
    const row = await h.store.db
      .selectFrom("collections")
      .selectAll()
      .where("user_id", "=", u.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.name, "Reading group");
    assert.equal(row.is_public, 1);
    assert.deepEqual(await contents(u.id), { "Reading group": ["2606.00002"] });

    const viaJson = await u.browser.submit(
      "/save/2606.00001",
      "/save/2606.00001",
      { shown: "", new_name: "Quiet ones" },
      { accept: "application/json" },
    );
    assert.equal(viaJson.status, 200);
    const data = JSON.parse(viaJson.text);
    assert.equal(data.saved, true);
    const created = data.collections.find((c: { id: string }) => c.id === data.created);
    assert.equal(created.name, "Quiet ones");
    assert.equal(created.isPublic, false);
    assert.equal(created.holds, true);

    // A name of spaces only with a tick: nothing changes, the form comes back with the tick.
    const first = row.id;
    const bad = await u.browser.submit("/save/2606.00001", "/save/2606.00001", {
      shown: first,
      [`c.${first}`]: "1",
      new_name: "x".repeat(101),
    });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /Names are at most 100 characters/);
    assert.match(bad.text, new RegExp(`name="c\\.${first}" value="1" checked`));
    assert.match(bad.text, /name="new_name" value="x{101}"/);
    assert.deepEqual(await contents(u.id), { "Quiet ones": ["2606.00001"], "Reading group": ["2606.00002"] });
  });

  it("rejects /save without a CSRF token or a session", async () => {
    const u = await h.userWithBrowser();
    const id = await collectionId(await makeCollection(u.browser, { name: "Guarded" }));
    await u.browser.get("/save/2606.00001");
    const noToken = await u.browser.request("POST", "/save/2606.00001", {
      form: { shown: id, [`c.${id}`]: "1", new_name: "Sneaky" },
    });
    assert.equal(noToken.status, 403);
    const wrongToken = await u.browser.request("POST", "/save/2606.00001", {
      form: { _csrf: "forged", shown: id, [`c.${id}`]: "1" },
    });
    assert.equal(wrongToken.status, 403);
    assert.deepEqual(await contents(u.id), { Guarded: [] });
    const anon = h.browser();
    assert.equal((await anon.get("/save/2606.00001")).location, "/login?next=%2Fsave%2F2606.00001");
    const token = await anon.csrfFrom("/login");
    const r = await anon.request("POST", "/save/2606.00001", {
      form: { _csrf: token, shown: id, [`c.${id}`]: "1" },
      headers: { accept: "application/json" },
    });
    assert.equal(r.status, 401);
    assert.deepEqual(await contents(u.id), { Guarded: [] });
  });

  it("never lets another reader file into, empty, or see my collections", async () => {
    const owner = await h.userWithBrowser();
    const secret = await collectionId(await makeCollection(owner.browser, { name: "Secret" }));
    const open = await collectionId(await makeCollection(owner.browser, { name: "Open", public: "1" }));
    await owner.browser.submit("/collections", "/saved", {
      paper: "2606.00001",
      collection: open,
      value: "1",
    });

    const other = await h.userWithBrowser();
    const mine = await collectionId(await makeCollection(other.browser, { name: "Mine" }));
    // The choice page lists only the reader's own collections.
    const page = await other.browser.get("/save/2606.00001");
    assert.equal(page.status, 200);
    assert.match(page.text, new RegExp(`name="c\\.${mine}"`));
    assert.doesNotMatch(page.text, new RegExp(`Secret|${open}|${secret}`));
    // Naming someone else's collection changes nothing, not even the reader's own in the same post.
    for (const [target, status] of [
      [secret, 404],
      [open, 403],
    ] as const) {
      for (const holds of ["1", ""]) {
        const r = await other.browser.submit("/save/2606.00002", "/save/2606.00002", {
          shown: `${mine},${target}`,
          [`c.${mine}`]: "1",
          [`c.${target}`]: holds,
        });
        assert.equal(r.status, status, `${target} ${holds}`);
        assert.doesNotMatch(r.text, /Secret/);
      }
    }
    assert.deepEqual(await contents(owner.id), { Open: ["2606.00001"], Secret: [] });
    assert.deepEqual(await contents(other.id), { Mine: [] });
    // Nor through the collection page's add form.
    const token = await other.browser.csrfFrom("/collections");
    for (const [target, status] of [
      [secret, 404],
      [open, 403],
    ] as const) {
      const r = await other.browser.request("POST", `/collections/${target}/add`, {
        form: { _csrf: token, paper: "2606.00002" },
      });
      assert.equal(r.status, status);
    }
    assert.deepEqual(await contents(owner.id), { Open: ["2606.00001"], Secret: [] });
  });
});

describe("the collection page (owner)", () => {
  it("adds a paper by arXiv id or URL, fetching an unknown one from arXiv; removes and tags", async () => {
    const u = await h.userWithBrowser();
    const path = await makeCollection(u.browser, { name: "Curated", public: "1" });
    const id = await collectionId(path);
    const page = await u.browser.get(path);
    assert.match(page.text, new RegExp(`action="/collections/${id}/add"`));
    assert.doesNotMatch((await h.browser().get(path)).text, /\/add"/, "no add form for visitors");

    // A known paper by arXiv URL with a version.
    const known = await u.browser.submit(path, `/collections/${id}/add`, {
      paper: "https://arxiv.org/abs/2606.00001v3",
    });
    assert.equal(known.status, 303);
    assert.equal(known.location, path);
    // An unknown one: fetched from (replayed) arXiv, stored, filed. Any age is fine here.
    assert.equal(await getPaper(h.store.db, "2606.13677"), null);
    const fetched = await u.browser.submit(path, `/collections/${id}/add`, { paper: "arXiv:2606.13677" });
    assert.equal(fetched.status, 303, fetched.text.slice(0, 300));
    assert.ok(arxiv.requests.some((r) => r.query.get("id_list") === "2606.13677"));
    assert.ok((await getPaper(h.store.db, "2606.13677"))?.title);
    // Again: no second copy.
    await u.browser.submit(path, `/collections/${id}/add`, { paper: "2606.13677" });
    const items = async () =>
      (
        await h.store.db
          .selectFrom("collection_items")
          .select("paper_id")
          .where("collection_id", "=", id)
          .orderBy("paper_id")
          .execute()
      ).map((r) => r.paper_id);
    assert.deepEqual(await items(), ["2606.00001", "2606.13677"]);

    // Not an id: the page again with the message and what was typed.
    const bad = await u.browser.submit(path, `/collections/${id}/add`, { paper: "not <b>an</b> id" });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /That is not an arXiv id or arXiv URL/);
    assert.match(bad.text, /value="not &lt;b>an&lt;\/b> id"/);
    // An id arXiv does not know.
    const missing = await u.browser.submit(path, `/collections/${id}/add`, { paper: "2606.99999" });
    assert.equal(missing.status, 404);
    assert.match(missing.text, /arXiv has no paper 2606\.99999/);
    assert.deepEqual(await items(), ["2606.00001", "2606.13677"]);

    // Tag, then remove, from the same page.
    const tagged = await u.browser.submit(path, `/collections/${id}/tags`, {
      paper: "2606.13677",
      tags: "Benchmarks, to read",
    });
    assert.equal(tagged.status, 303);
    assert.match(
      (await h.browser().get(path)).text,
      /<li class="chip">benchmarks<\/li><li class="chip">to read<\/li>/,
    );
    const removed = await u.browser.submit(path, `/collections/${id}/remove`, { paper: "2606.00001" });
    assert.equal(removed.status, 303);
    assert.deepEqual(await items(), ["2606.13677"]);
  });

  it("limits the tag field and shows the page again with a too-long tag's error by its form", async () => {
    const u = await h.userWithBrowser();
    const path = await makeCollection(u.browser, { name: "Tagged", public: "1" });
    const id = await collectionId(path);
    await u.browser.submit(path, `/collections/${id}/add`, { paper: "2606.00001" });
    await u.browser.submit(path, `/collections/${id}/tags`, { paper: "2606.00001", tags: "kept" });
    const page = await u.browser.get(path);
    assert.match(
      page.text,
      /<input id="tags-2606\.00001" class="text-input" name="tags" value="kept" maxLength="420"/i,
    );

    const long = `fine, <i>${"y".repeat(41)}`;
    const res = await u.browser.submit(path, `/collections/${id}/tags`, { paper: "2606.00001", tags: long });
    assert.equal(res.status, 400);
    assert.match(res.text, /<h1[^>]*>Tagged<\/h1>/, "the collection page, not an error page");
    assert.match(res.text, /class="inline-form tag-form field-error"/);
    assert.match(res.text, /value="fine, &lt;i>y{41}"/, "what was typed comes back, escaped");
    assert.match(res.text, /aria-describedby="tags-2606\.00001-error"/);
    assert.match(
      res.text,
      /<p class="field-message" id="tags-2606\.00001-error" role="alert">Tags are at most 40 characters\.<\/p>/,
    );
    assert.match((await h.browser().get(path)).text, /<li class="chip">kept<\/li>/, "the tags are unchanged");
    const tooLong = await u.browser.submit(path, `/collections/${id}/tags`, {
      paper: "2606.00001",
      tags: "z".repeat(421),
    });
    assert.equal(tooLong.status, 400);
    assert.match(tooLong.text, /class="inline-form tag-form field-error"/);
    assert.doesNotMatch(tooLong.text, /z{421}/, "an over-long field is not echoed past the limit");
  });
});
