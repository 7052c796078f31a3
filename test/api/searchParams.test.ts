// GET /api/papers/search with the search page's parameters (p, limit, category, author, from, to,
// sort), its paging headers, and papers of every id namespace fetchable by id.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { upsertPapers } from "../../src/store/papers.ts";
import { type Json, localPath, nextLink, startTestServer, type TestServer } from "./server.ts";

let server: TestServer;
before(async () => {
  server = await startTestServer({
    seed: async (store) => {
      await upsertPapers(
        store.db,
        [
          {
            id: "beir:4983",
            title: "A benchmark document about sparse retrieval",
            abstract: "Sparse retrieval with learned term weights.",
            authors: ["Someone Else"],
          },
        ],
        new Date(),
      );
    },
  });
});
after(async () => {
  await server?.close();
});

const search = (query: Record<string, string>) =>
  server.getJson(`/api/papers/search?${new URLSearchParams(query)}`);

function prevLink(res: Response): string | null {
  const m = /<([^>]+)>;\s*rel="prev"/.exec(res.headers.get("link") ?? "");
  return m ? m[1] : null;
}

describe("GET /api/papers/search parameters", () => {
  test("p pages through the results; Link and X-Total-Count say where and how many", async () => {
    const first = await search({ q: "language models", limit: "5" });
    assert.equal(first.res.status, 200);
    const total = Number(first.res.headers.get("x-total-count"));
    assert.ok(total > 10, `total ${total}`);
    assert.equal(first.body.length, 5);
    assert.equal(prevLink(first.res), null);
    const next = nextLink(first.res);
    assert.ok(next);
    const url = new URL(next);
    assert.equal(url.searchParams.get("p"), "1");
    assert.equal(url.searchParams.get("q"), "language models");
    const second = await server.getJson(localPath(next, server.config));
    assert.equal(second.res.status, 200);
    assert.equal(Number(second.res.headers.get("x-total-count")), total);
    const ids = new Set(first.body.map((p: Json) => p.id));
    assert.ok(
      second.body.every((p: Json) => !ids.has(p.id)),
      "pages do not overlap",
    );
    assert.equal(new URL(prevLink(second.res) ?? "").searchParams.get("p"), "0");
    // The last page has no next link, and what it holds adds up to the total.
    const lastP = Math.ceil(total / 5) - 1;
    const last = await search({ q: "language models", limit: "5", p: String(lastP) });
    assert.equal(last.body.length, total - lastP * 5);
    assert.equal(nextLink(last.res), null);
  });

  test("category, author, from and to filter as on the search page; filters alone are a search", async () => {
    const cat = await search({ q: "learning", category: "cs.CL", limit: "20" });
    assert.equal(cat.res.status, 200);
    assert.ok(cat.body.length > 0);
    for (const p of cat.body) assert.ok(p.categories.includes("cs.CL"), `${p.id} in cs.CL`);
    const dated = await search({ category: "cs.CV", from: "2026-06-17", to: "2026-06-18", limit: "50" });
    assert.equal(dated.res.status, 200);
    assert.ok(dated.body.length > 0);
    for (const p of dated.body) {
      assert.ok(
        p.categories.some((c: string) => c === "cs.CV"),
        p.id,
      );
      assert.ok(p.publishedAt >= "2026-06-17" && p.publishedAt < "2026-06-19", `${p.id} ${p.publishedAt}`);
    }
    const someone = dated.body[0].authors[0].name as string;
    const byAuthor = await search({ author: someone, limit: "50" });
    assert.equal(byAuthor.res.status, 200);
    assert.ok(byAuthor.body.some((p: Json) => p.id === dated.body[0].id));
    const surname = someone.split(" ").pop()?.toLowerCase() ?? "";
    for (const p of byAuthor.body) {
      assert.ok(
        p.authors.some((a: Json) => (a.name as string).toLowerCase().includes(surname)),
        `${p.id} has an author named ${surname}`,
      );
    }
  });

  test("sort=date lists newest first", async () => {
    const { res, body } = await search({ q: "vision", sort: "date", limit: "30" });
    assert.equal(res.status, 200);
    for (let i = 1; i < body.length; i++)
      assert.ok(body[i - 1].publishedAt >= body[i].publishedAt, `at ${i}`);
    const next = nextLink(res);
    assert.ok(next && new URL(next).searchParams.get("sort") === "date", "the next page keeps the order");
  });

  test("bad values are 400 naming the parameter", async () => {
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ q: "x", p: "-1" }, "p", /p must be/],
      [{ q: "x", p: "one" }, "p", /p must be/],
      [{ q: "x", p: "200", limit: "5" }, "p", /below 1000/],
      [{ q: "x", limit: "0" }, "limit", /1 to 100/],
      [{ q: "x", sort: "upvotes" }, "sort", /relevance, date/],
      [{ q: "x", category: "not a category!" }, "category", /arXiv category/],
      [{ q: "x", from: "2026-13" }, "from", /YYYY-MM-DD/],
      [{ q: "x", to: "yesterday" }, "to", /YYYY-MM-DD/],
      [{ q: "x", from: "2026-06-20", to: "2026-06-01" }, "to", /before the first/],
      [{ author: "  " }, "q", /unless/],
      [{ limit: "5" }, "q", /unless/],
      [{ q: "x", author: "a".repeat(101) }, "author", /author/],
    ];
    for (const [query, parameter, message] of cases) {
      const { res, body } = await search(query);
      assert.equal(res.status, 400, JSON.stringify(query));
      assert.equal(body.error, "invalid_parameter", JSON.stringify(query));
      assert.equal(body.parameter, parameter, JSON.stringify(query));
      assert.match(body.message, message, JSON.stringify(query));
    }
  });
});

describe("ids of every namespace", () => {
  test("a paper /api/papers lists under another source's id is fetchable by it", async () => {
    const listed: string[] = [];
    let path: string | null = "/api/papers?limit=100";
    while (path) {
      const page = await server.getJson(path);
      listed.push(...page.body.papers.map((p: Json) => p.id));
      path = page.body.nextCursor
        ? `/api/papers?limit=100&cursor=${encodeURIComponent(page.body.nextCursor)}`
        : null;
    }
    assert.ok(listed.includes("beir:4983"));
    const { res, body } = await server.getJson("/api/papers/beir:4983");
    assert.equal(res.status, 200);
    assert.equal(body.id, "beir:4983");
    assert.equal(body.githubRepo, null);
    assert.equal(body.submittedOnDailyAt, null);
    assert.equal((await server.getJson("/api/papers/beir%3A4983")).res.status, 200);
    assert.equal((await server.getJson("/api/papers/beir:4983/related?limit=3")).res.status, 200);
    const missing = await server.getJson("/api/papers/beir:1");
    assert.equal(missing.res.status, 404);
    assert.match(missing.body.message, /beir:1/);
  });
});
