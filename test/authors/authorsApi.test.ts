// /api/authors/{name} and /api/categories/{id}/papers: paging headers, 404s, the OpenAPI entries.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { importPapers } from "../support/factories.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

let s: TestServer;
before(async () => {
  s = await startTestServer({ env: { PAPERTIDE_BASE_URL: "http://papertide.test" } });
  await importPapers(s, [
    {
      id: "2606.20001",
      title: "First",
      day: "2026-06-10",
      categories: ["cs.LG"],
      authors: ["Ada Lovelace", "Alan Turing"],
    },
    {
      id: "2606.20002",
      title: "Second",
      day: "2026-06-11",
      categories: ["cs.LG"],
      authors: ["Ada Lovelace"],
    },
    {
      id: "2606.20003",
      title: "Third",
      day: "2026-06-12",
      categories: ["cs.CL"],
      authors: ["ada lovelace", "Alan Turing"],
    },
  ]);
});
after(async () => {
  await s?.close();
});

describe("authors and categories API", () => {
  it("gives an author's papers newest first, paged, with co-authors", async () => {
    const res = await s.get("/api/authors/Ada%20Lovelace?limit=2");
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("x-total-count"), "3");
    // Pages count from 1: the next page is p=2, and it is the last.
    assert.equal(
      res.headers.get("link"),
      '<http://papertide.test/api/authors/Ada%20Lovelace?p=2&limit=2>; rel="next", ' +
        '<http://papertide.test/api/authors/Ada%20Lovelace?p=2&limit=2>; rel="last"',
    );
    const body = await res.json();
    assert.equal(body.name, "Ada Lovelace");
    assert.equal(body.paperCount, 3);
    assert.deepEqual(
      body.papers.map((p: { id: string }) => p.id),
      ["2606.20003", "2606.20002"],
    );
    assert.deepEqual(body.coauthors, [
      { name: "Alan Turing", papers: 2, url: "http://papertide.test/authors/Alan%20Turing" },
    ]);
    const one = await (await s.get("/api/authors/Ada%20Lovelace?limit=2&p=1")).json();
    assert.deepEqual(one.papers, body.papers, "p=1 is the first page");
    const lastRes = await s.get("/api/authors/Ada%20Lovelace?limit=2&p=2");
    assert.equal(
      lastRes.headers.get("link"),
      '<http://papertide.test/api/authors/Ada%20Lovelace?p=1&limit=2>; rel="first", ' +
        '<http://papertide.test/api/authors/Ada%20Lovelace?p=1&limit=2>; rel="prev"',
    );
    const last = await lastRes.json();
    assert.deepEqual(
      last.papers.map((p: { id: string }) => p.id),
      ["2606.20001"],
    );
    // Past the end: an empty page whose prev is the last page.
    const past = await s.get("/api/authors/Ada%20Lovelace?limit=2&p=5");
    assert.equal(past.status, 200);
    assert.deepEqual((await past.json()).papers, []);
    assert.match(past.headers.get("link") ?? "", /\?p=2&limit=2>; rel="prev"/);
    assert.doesNotMatch(past.headers.get("link") ?? "", /rel="next"/);
    const missing = await s.get("/api/authors/Nobody");
    assert.equal(missing.status, 404);
    assert.equal((await missing.json()).error, "not_found");
    assert.equal((await s.get("/api/authors/Ada?limit=0")).status, 400);
  });

  it("gives a category's list of a period, with its name; unknown ids are 404", async () => {
    const res = await s.get("/api/categories/cs.LG/papers?week=2026-W24&sort=publishedAt");
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("x-total-count"), "2");
    const body = await res.json();
    assert.deepEqual(body.category, {
      id: "cs.LG",
      name: "Machine Learning",
      url: "http://papertide.test/categories/cs.LG",
    });
    assert.deepEqual(body.period, { kind: "week", from: "2026-06-08", to: "2026-06-14" });
    assert.deepEqual(
      body.papers.map((p: { id: string }) => p.id),
      ["2606.20002", "2606.20001"],
    );
    const newest = await (await s.get("/api/categories/cs.LG/papers")).json();
    assert.deepEqual(newest.period, { kind: "day", from: "2026-06-11", to: "2026-06-11" });
    assert.equal((await s.get("/api/categories/cs.XX/papers")).status, 404);
    assert.equal((await s.get("/api/categories/cs.LG/papers?date=2026-06-31")).status, 400);
    assert.equal((await s.get("/api/categories/cs.LG/papers?date=2026-06-10&month=2026-06")).status, 400);
  });

  it("count pages from 1: p=0, a negative or a fractional p is a 400 that says so", async () => {
    for (const path of ["/api/authors/Ada%20Lovelace", "/api/categories/cs.LG/papers"]) {
      for (const p of ["0", "-1", "1.5", "two"]) {
        const res = await s.get(`${path}?p=${p}`);
        assert.equal(res.status, 400, `${path} p=${p}`);
        const body = await res.json();
        assert.equal(body.parameter, "p");
        assert.match(body.message, /pages count from 1 \(p=1 is the first page\)/);
      }
    }
    const res = await s.get("/api/categories/cs.LG/papers?week=2026-W24&sort=publishedAt&limit=1&p=2");
    assert.equal(res.status, 200);
    assert.deepEqual(
      (await res.json()).papers.map((p: { id: string }) => p.id),
      ["2606.20001"],
    );
    const link = res.headers.get("link") ?? "";
    assert.match(link, /week=2026-W24&sort=publishedAt&p=1&limit=1>; rel="first"/);
    assert.doesNotMatch(link, /rel="next"/);
  });

  it("is in the OpenAPI document", async () => {
    const doc = await (await s.get("/openapi.json")).json();
    assert.ok(doc.paths["/api/authors/{name}"]?.get);
    assert.ok(doc.paths["/api/categories/{id}/papers"]?.get);
  });
});
