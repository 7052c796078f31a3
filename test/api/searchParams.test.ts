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

/** The target of one rel of a Link header, or null. */
function relLink(res: Response, rel: string): string | null {
  const m = new RegExp(`<([^>]+)>;\\s*rel="${rel}"`).exec(res.headers.get("link") ?? "");
  return m ? m[1] : null;
}
const pageOf = (link: string | null) => (link ? new URL(link).searchParams.get("p") : null);

describe("GET /api/papers/search parameters", () => {
  test("p counts from 1; Link gives the first, previous, next and last pages", async () => {
    const first = await search({ q: "language models", limit: "5" });
    assert.equal(first.res.status, 200);
    assert.equal(first.body.length, 5);
    assert.equal(relLink(first.res, "prev"), null);
    assert.equal(relLink(first.res, "first"), null);
    const next = nextLink(first.res);
    assert.ok(next);
    assert.equal(pageOf(next), "2");
    assert.equal(new URL(next).searchParams.get("q"), "language models");
    const lastP = Number(pageOf(relLink(first.res, "last")));
    assert.ok(lastP > 2, `last page ${lastP}`);
    // p=1 is the first page, the same as no p.
    const one = await search({ q: "language models", limit: "5", p: "1" });
    assert.deepEqual(
      one.body.map((p: Json) => p.id),
      first.body.map((p: Json) => p.id),
    );
    const second = await server.getJson(localPath(next, server.config));
    assert.equal(second.res.status, 200);
    assert.equal(second.res.headers.get("x-total-count"), first.res.headers.get("x-total-count"));
    const ids = new Set(first.body.map((p: Json) => p.id));
    assert.ok(
      second.body.every((p: Json) => !ids.has(p.id)),
      "pages do not overlap",
    );
    assert.equal(pageOf(relLink(second.res, "prev")), "1");
    assert.equal(pageOf(relLink(second.res, "first")), "1");
    assert.equal(pageOf(nextLink(second.res)), "3");
    // The last page has no next or last link; past it, within the depth, an empty page.
    const last = await server.getJson(localPath(relLink(first.res, "last") ?? "", server.config));
    assert.equal(last.res.status, 200);
    assert.ok(last.body.length >= 1 && last.body.length <= 5);
    assert.equal(nextLink(last.res), null);
    assert.equal(relLink(last.res, "last"), null);
    assert.equal(pageOf(relLink(last.res, "prev")), String(lastP - 1));
    if (lastP * 5 < 1000) {
      const past = await search({ q: "language models", limit: "5", p: String(lastP + 1) });
      assert.equal(past.res.status, 200);
      assert.deepEqual(past.body, []);
      assert.equal(nextLink(past.res), null);
      assert.equal(pageOf(relLink(past.res, "prev")), String(lastP));
    }
  });

  test("results go 1,000 deep: the last link stops there, and a page starting past it is a 400", async () => {
    // A word in far more papers than can be browsed.
    const { res } = await search({ q: "learning", limit: "7" });
    assert.ok(Number(res.headers.get("x-total-count")) > 1000);
    const deepest = Math.ceil(1000 / 7);
    assert.equal(pageOf(relLink(res, "last")), String(deepest));
    const last = await search({ q: "learning", limit: "7", p: String(deepest) });
    assert.equal(last.res.status, 200);
    assert.equal(last.body.length, 1000 - (deepest - 1) * 7);
    assert.equal(nextLink(last.res), null);
    const beyond = await search({ q: "learning", limit: "7", p: String(deepest + 1) });
    assert.equal(beyond.res.status, 400);
    assert.equal(beyond.body.parameter, "p");
    assert.match(beyond.body.message, new RegExp(`deepest page is p=${deepest}`));
  });

  test("X-Total-Count is the count the search page states for the same search", async () => {
    const stated = async (query: Record<string, string>) => {
      const html = await (await server.get(`/search?${new URLSearchParams(query)}`)).text();
      const line = /<p class="feed-subheading">([\s\S]*?)<\/p>/.exec(html)?.[1] ?? "";
      const n = [...line.matchAll(/\d[\d,]*/g)].map((m) => Number(m[0].replace(/,/g, "")));
      return { line, n };
    };
    const header = async (query: Record<string, string>) =>
      Number((await search(query)).res.headers.get("x-total-count"));
    // Few papers hold the words: those, then more close in meaning.
    const rare = await stated({ q: "treebank parsing" });
    assert.match(rare.line, /close in meaning/);
    assert.equal(await header({ q: "treebank parsing" }), rare.n[0] + rare.n[1]);
    // More papers hold the words than can be browsed: all of them are counted.
    const common = await stated({ q: "learning" });
    assert.match(common.line, /the best 1,000 can be browsed/);
    assert.ok(common.n[0] > 1000);
    assert.equal(await header({ q: "learning" }), common.n[0]);
    // Filters alone: every paper that passes.
    const filtered = await stated({ category: "cs" });
    assert.ok(filtered.n[0] > 1000);
    assert.equal(await header({ category: "cs" }), filtered.n[0]);
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
      [{ q: "x", p: "0" }, "p", /pages count from 1/],
      [{ q: "x", p: "-1" }, "p", /pages count from 1/],
      [{ q: "x", p: "one" }, "p", /pages count from 1/],
      [{ q: "x", p: "1.5" }, "p", /pages count from 1/],
      [{ q: "x", p: "201", limit: "5" }, "p", /below 1000/],
      [{ q: "x", limit: "0" }, "limit", /1 to 100/],
      [{ q: "x", limit: "101" }, "limit", /1 to 100/],
      [{ q: "x", sort: "upvotes" }, "sort", /relevance, date/],
      [{ q: "x", category: "not a category!" }, "category", /arXiv category/],
      [{ q: "x", category: "cs.XX" }, "category", /arXiv has no category or archive “cs\.XX”/],
      [{ category: "xx" }, "category", /arXiv has no category/],
      [{ q: "x", category: "" }, "category", /category is empty/],
      [{ q: "x", from: "2026-13" }, "from", /YYYY-MM-DD/],
      [{ q: "x", to: "yesterday" }, "to", /YYYY-MM-DD/],
      [{ q: "x", from: " " }, "from", /from is empty/],
      [{ q: "x", from: "2026-06-20", to: "2026-06-01" }, "to", /before the first/],
      [{ author: "  " }, "author", /author is empty/],
      [{ q: "x", author: "" }, "author", /author is empty/],
      [{ q: "x", author: "!!!" }, "author", /give a name/],
      [{ limit: "5" }, "q", /unless/],
      [{ q: "x", author: "a".repeat(101) }, "author", /author must be a name or a part of one, 1 to 100/],
    ];
    for (const [query, parameter, message] of cases) {
      const { res, body } = await search(query);
      assert.equal(res.status, 400, JSON.stringify(query));
      assert.equal(body.error, "invalid_parameter", JSON.stringify(query));
      assert.equal(body.parameter, parameter, JSON.stringify(query));
      assert.match(body.message, message, JSON.stringify(query));
    }
    // Categories and archives arXiv has pass, in any case.
    for (const category of ["cs.CL", "cs.cl", "cs", "hep-th"])
      assert.equal((await search({ q: "language", category })).res.status, 200, category);
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
