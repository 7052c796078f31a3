// GET /api/papers/{id} (incl. old-style ids with a slash), GET /api/papers (cursor pagination),
// GET /api/papers/search (plain full text, hostile input), GET /api/papers/{id}/related (similar
// papers) and GET /api/papers/suggest (title suggestions).
import assert from "node:assert/strict";
import fs from "node:fs";
import { after, before, describe, test } from "node:test";
import fc from "fast-check";
import { countPapers, upsertPapers } from "../../src/store/papers.ts";
import { shared } from "../support/shared.ts";
import {
  type Json,
  localPath,
  looksLikeStackTrace,
  nextLink,
  startTestServer,
  type TestServer,
} from "./server.ts";

const fixture: Json[] = JSON.parse(fs.readFileSync(shared("fixtures/hf/daily_papers.json"), "utf8"));
const OLD_STYLE_ID = "hep-th/9901001";

let server: TestServer;
before(async () => {
  server = await startTestServer({
    seed: async (store) => {
      await upsertPapers(
        store.db,
        [
          {
            id: OLD_STYLE_ID,
            title: "An old-style identifier",
            abstract: "A paper from before 2007, whose arXiv id holds a slash.",
            authors: ["A. Physicist"],
            categories: ["hep-th"],
            versions: [{ version: 1, createdAt: "1999-01-04T12:00:00.000Z" }],
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

describe("GET /api/papers/{id}", () => {
  test("a featured paper: fields of the public API and our own", async () => {
    const expected = fixture.find((f) => f.paper.githubRepo)?.paper as Json;
    const { res, body } = await server.getJson(`/api/papers/${expected.id}`);
    assert.equal(res.status, 200);
    assert.equal(body.id, expected.id);
    assert.equal(body.upvotes, expected.upvotes);
    assert.equal(body.githubRepo, expected.githubRepo);
    assert.equal(body.submittedOnDailyAt, expected.submittedOnDailyAt);
    assert.deepEqual(body.submittedOnDailyBy, { name: expected.submittedOnDailyBy.name });
    assert.deepEqual(
      body.authors,
      expected.authors.map((a: Json) => ({ name: a.name })),
    );
    assert.equal(body.arxivUrl, `https://arxiv.org/abs/${expected.id}`);
    assert.equal(body.pdfUrl, `https://arxiv.org/pdf/${expected.id}`);
    assert.equal(res.headers.get("access-control-allow-origin"), "*");
  });

  test("an old-style id, with a raw or an encoded slash", async () => {
    for (const path of [`/api/papers/${OLD_STYLE_ID}`, `/api/papers/${encodeURIComponent(OLD_STYLE_ID)}`]) {
      const { res, body } = await server.getJson(path);
      assert.equal(res.status, 200, path);
      assert.equal(body.id, OLD_STYLE_ID);
      assert.equal(body.publishedAt, "1999-01-04T12:00:00.000Z");
      assert.equal(body.submittedOnDailyAt, null, "never featured");
      assert.equal(body.submittedOnDailyBy, null);
      assert.equal(body.githubRepo, null);
      assert.equal(body.projectPage, null);
    }
  });

  test("a version suffix or arXiv: prefix finds the paper", async () => {
    const id = fixture[0].paper.id;
    for (const raw of [`${id}v2`, `arXiv:${id}`]) {
      const { res, body } = await server.getJson(`/api/papers/${encodeURIComponent(raw)}`);
      assert.equal(res.status, 200, raw);
      assert.equal(body.id, id);
    }
  });

  test("unknown paper -> 404 JSON; not an id -> 400 naming id", async () => {
    const missing = await server.getJson("/api/papers/2699.99999");
    assert.equal(missing.res.status, 404);
    assert.equal(missing.body.error, "not_found");
    assert.match(missing.body.message, /2699\.99999/);
    const oldMissing = await server.getJson("/api/papers/math/0101001");
    assert.equal(oldMissing.res.status, 404);
    for (const bad of ["not-an-id", "a/b/c", "..%2F..%2Fetc%2Fpasswd"]) {
      const { res, body } = await server.getJson(`/api/papers/${bad}`);
      assert.equal(res.status, 400, bad);
      assert.equal(body.parameter, "id");
    }
  });
});

describe("GET /api/papers", () => {
  test("cursor pages cover every paper once, newest first", async () => {
    const limit = 40;
    const seen: string[] = [];
    const dates: string[] = [];
    let path: string | null = `/api/papers?limit=${limit}`;
    let pages = 0;
    while (path) {
      const { res, body } = await server.getJson(path);
      assert.equal(res.status, 200, `${path}: ${JSON.stringify(body)}`);
      assert.ok(body.papers.length <= limit);
      for (const p of body.papers) {
        seen.push(p.id);
        dates.push(p.publishedAt ?? "");
      }
      const next = nextLink(res);
      if (body.nextCursor === null) {
        assert.equal(next, null, "no Link on the last page");
        path = null;
      } else {
        assert.ok(next, "Link rel=next when there is a next page");
        assert.equal(new URL(next).searchParams.get("cursor"), body.nextCursor);
        path = localPath(next, server.config);
      }
      pages++;
      assert.ok(pages < 1000, "pagination does not end");
    }
    const total = await countPapers(server.store.db);
    assert.equal(seen.length, total, "as many papers as the store holds");
    assert.equal(new Set(seen).size, seen.length, "no paper twice");
    assert.ok(seen.includes(OLD_STYLE_ID));
    for (let i = 1; i < dates.length; i++) assert.ok(dates[i - 1] >= dates[i], `newest first at ${i}`);
  });

  test("a forged or damaged cursor -> 400 naming cursor", async () => {
    const good = (await server.getJson("/api/papers?limit=2")).body.nextCursor as string;
    const forged = Buffer.from(JSON.stringify({ evil: true })).toString("base64url");
    for (const cursor of ["garbage!", forged, good.slice(0, -3), "", "%00"]) {
      const { res, body } = await server.getJson(`/api/papers?cursor=${encodeURIComponent(cursor)}`);
      assert.equal(res.status, 400, cursor);
      assert.equal(body.parameter, "cursor");
    }
  });

  test("limit is checked", async () => {
    for (const limit of ["0", "101", "x"]) {
      const { res, body } = await server.getJson(`/api/papers?limit=${limit}`);
      assert.equal(res.status, 400);
      assert.equal(body.parameter, "limit");
    }
  });
});

describe("GET /api/papers/search", () => {
  test("hits have the shape of /api/papers/{id} plus a score", async () => {
    const { res, body } = await server.getJson("/api/papers/search?q=mixture%20of%20experts&limit=5");
    assert.equal(res.status, 200);
    assert.equal(body.length, 5);
    for (const hit of body) {
      assert.equal(typeof hit.score, "number");
      const { score, ...paper } = hit;
      const single = await server.getJson(`/api/papers/${encodeURIComponent(hit.id)}`);
      assert.deepEqual(paper, single.body);
      const text = `${hit.title} ${hit.summary}`.toLowerCase();
      assert.ok(/expert|mixture/.test(text), `${hit.id} matches the query`);
    }
  });

  test("a featured paper is found by its title", async () => {
    const title = fixture[0].paper.title as string;
    const { body } = await server.getJson(`/api/papers/search?q=${encodeURIComponent(title)}&limit=3`);
    assert.equal(body[0].id, fixture[0].paper.id);
    assert.equal(body[0].submittedOnDailyAt, fixture[0].paper.submittedOnDailyAt);
  });

  test("q is required and bounded; limit is checked", async () => {
    for (const [query, parameter] of [
      ["", "q"],
      ["q=", "q"],
      [`q=${"a".repeat(501)}`, "q"],
      ["q=x&limit=101", "limit"],
    ]) {
      const { res, body } = await server.getJson(`/api/papers/search?${query}`);
      assert.equal(res.status, 400, query);
      assert.equal(body.parameter, parameter, query);
    }
  });

  test("hostile queries never cause a server error", async () => {
    const fragments = [
      '"',
      "'",
      "*",
      "(",
      ")",
      "NEAR",
      "OR",
      "AND",
      "NOT",
      "^",
      ":",
      "-",
      "--",
      ";",
      "\\",
      "\0",
    ];
    const hostile = fc.oneof(
      fc.string({ unit: "binary", maxLength: 80 }),
      fc
        .array(fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 6 })), { maxLength: 20 })
        .map((a) => a.join(" ")),
    );
    await fc.assert(
      fc.asyncProperty(hostile, async (q) => {
        const res = await server.get(`/api/papers/search?${new URLSearchParams({ q, limit: "5" })}`);
        const text = await res.text();
        assert.ok(res.status === 200 || res.status === 400, `${JSON.stringify(q)} -> ${res.status} ${text}`);
        assert.ok(Array.isArray(JSON.parse(text)) === (res.status === 200));
        assert.ok(!looksLikeStackTrace(text), text);
      }),
      { numRuns: 150 },
    );
    // Raw bytes that are not UTF-8, and broken percent-escapes.
    for (const raw of ["%FF%FE", "%", "%E2%82", "title%3A%22x"]) {
      const res = await server.get(`/api/papers/search?q=${raw}`);
      assert.ok(res.status < 500, `${raw} -> ${res.status}`);
    }
  });
});

describe("GET /api/papers/{id}/related", () => {
  const featuredId = () => fixture[0].paper.id as string;

  test("similar papers, best first, each shaped like /api/papers/{id} plus a score", async () => {
    const { res, body } = await server.getJson(`/api/papers/${featuredId()}/related?limit=5`);
    assert.equal(res.status, 200);
    assert.equal(body.length, 5);
    assert.ok(!body.some((p: Json) => p.id === featuredId()), "never the paper itself");
    for (let i = 1; i < body.length; i++) assert.ok(body[i - 1].score >= body[i].score, `sorted at ${i}`);
    for (const hit of body) {
      const { score, ...paper } = hit;
      assert.ok(score > 0 && score <= 1, `score ${score} in (0, 1]`);
      const single = await server.getJson(`/api/papers/${encodeURIComponent(hit.id)}`);
      assert.deepEqual(paper, single.body);
    }
  });

  test("10 by default, at most 50; the same list again when asked again", async () => {
    const first = await server.getJson(`/api/papers/${featuredId()}/related`);
    assert.equal(first.res.status, 200);
    assert.equal(first.body.length, 10);
    const again = await server.getJson(`/api/papers/${featuredId()}/related?limit=10`);
    assert.deepEqual(
      again.body.map((p: Json) => p.id),
      first.body.map((p: Json) => p.id),
    );
    const top3 = await server.getJson(`/api/papers/${featuredId()}/related?limit=3`);
    assert.deepEqual(
      top3.body.map((p: Json) => p.id),
      first.body.slice(0, 3).map((p: Json) => p.id),
      "a smaller limit is a prefix",
    );
    const most = await server.getJson(`/api/papers/${featuredId()}/related?limit=50`);
    assert.equal(most.res.status, 200);
    assert.ok(most.body.length >= 10 && most.body.length <= 50);
  });

  test("bad limit -> 400 naming limit and its range; unknown paper -> 404; not an id -> 400", async () => {
    for (const limit of ["0", "51", "x", "-1", "2.5"]) {
      const { res, body } = await server.getJson(`/api/papers/${featuredId()}/related?limit=${limit}`);
      assert.equal(res.status, 400, limit);
      assert.equal(body.error, "invalid_parameter");
      assert.equal(body.parameter, "limit");
      assert.match(body.message, /1 to 50/);
    }
    const missing = await server.getJson("/api/papers/2699.99999/related");
    assert.equal(missing.res.status, 404);
    assert.equal(missing.body.error, "not_found");
    assert.match(missing.body.message, /2699\.99999/);
    assert.equal((await server.getJson("/api/papers/math/0101001/related")).res.status, 404);
    const bad = await server.getJson("/api/papers/not-an-id/related");
    assert.equal(bad.res.status, 400);
    assert.equal(bad.body.parameter, "id");
    assert.equal(bad.res.headers.get("access-control-allow-origin"), "*");
  });

  test("an old-style id, with a raw or an encoded slash", async () => {
    for (const path of [
      `/api/papers/${OLD_STYLE_ID}/related?limit=3`,
      `/api/papers/${encodeURIComponent(OLD_STYLE_ID)}/related?limit=3`,
    ]) {
      const { res, body } = await server.getJson(path);
      assert.equal(res.status, 200, path);
      assert.ok(Array.isArray(body) && body.length <= 3, path);
      assert.ok(!body.some((p: Json) => p.id === OLD_STYLE_ID));
    }
  });
});

describe("GET /api/papers/suggest", () => {
  test("titles with every word typed, the last as a prefix: id, title, url, first authors, date", async () => {
    const { res, body } = await server.getJson("/api/papers/suggest?q=diffusion%20transf&limit=5");
    assert.equal(res.status, 200);
    assert.ok(body.length > 0 && body.length <= 5);
    for (const s of body) {
      assert.deepEqual(Object.keys(s).sort(), ["authors", "id", "kind", "publishedAt", "title", "url"]);
      assert.equal(s.kind, "paper");
      assert.match(s.title, /diffusion/i);
      assert.match(s.title, /\btransf/i);
      assert.equal(s.url, `${server.config.baseUrl}/papers/${s.id}`);
      assert.ok(s.authors.length >= 1 && s.authors.length <= 3);
      const paper = (await server.getJson(`/api/papers/${encodeURIComponent(s.id)}`)).body;
      assert.equal(s.title, paper.title);
      assert.deepEqual(s.authors, paper.authors.slice(0, 3));
    }
  });

  test("a typo is forgiven; a featured paper is found from the start of its title", async () => {
    const title = fixture[0].paper.title as string;
    // Its first three real words (no stop words, no punctuation), as someone would type them.
    const start = title
      .split(/\s+/)
      .filter((w) => /^[A-Za-z]{5,}$/.test(w))
      .slice(0, 3)
      .join(" ");
    const found = await server.getJson(`/api/papers/suggest?q=${encodeURIComponent(start)}&limit=20`);
    assert.ok(
      found.body.some((s: Json) => s.id === fixture[0].paper.id),
      `"${start}" suggests ${fixture[0].paper.id}`,
    );
    const typo = await server.getJson("/api/papers/suggest?q=difusion%20models&limit=3");
    assert.ok(typo.body.length > 0);
    for (const s of typo.body) assert.match(s.title, /diffusion/i);
  });

  test("authors first (name, papers, their page), and papers by the start of their id", async () => {
    const first = fixture[0].paper.authors[0] as string | { name: string };
    const author = typeof first === "string" ? first : first.name;
    const surname = author.split(/\s+/).at(-1) as string;
    const { body } = await server.getJson(`/api/papers/suggest?q=${encodeURIComponent(surname)}&limit=8`);
    const authors = body.filter((s: Json) => s.kind === "author");
    assert.ok(authors.length >= 1 && authors.length <= 3, `${surname}: ${JSON.stringify(body)}`);
    assert.equal(body.indexOf(authors[0]), 0, "authors come first");
    for (const a of authors) {
      assert.deepEqual(Object.keys(a).sort(), ["kind", "name", "papers", "url"]);
      assert.ok(a.papers >= 1);
      assert.match(a.url, /\/authors\//);
      assert.ok(
        a.name
          .toLowerCase()
          .split(/\s+/)
          .some((w: string) => w.startsWith(surname.toLowerCase())),
      );
    }
    const id = fixture[0].paper.id as string;
    const byId = await server.getJson(
      `/api/papers/suggest?q=${encodeURIComponent(id.slice(0, -1))}&limit=20`,
    );
    assert.ok(byId.body.length > 0);
    assert.ok(byId.body.every((s: Json) => s.kind === "paper" && s.id.startsWith(id.slice(0, -1))));
    assert.ok(byId.body.some((s: Json) => s.id === id));
  });

  test("8 by default, at most 20; q required; errors name the parameter", async () => {
    const { body } = await server.getJson("/api/papers/suggest?q=le");
    assert.equal(body.length, 8);
    for (const [query, parameter, message] of [
      ["", "q", /required/],
      ["q=", "q", /1 to 500/],
      [`q=${"a".repeat(501)}`, "q", /1 to 500/],
      ["q=le&limit=21", "limit", /1 to 20/],
      ["q=le&limit=0", "limit", /1 to 20/],
    ] as const) {
      const { res, body: err } = await server.getJson(`/api/papers/suggest?${query}`);
      assert.equal(res.status, 400, query);
      assert.equal(err.parameter, parameter, query);
      assert.match(err.message, message, query);
    }
  });

  test("hostile text never causes a server error", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary", minLength: 1, maxLength: 60 }), async (q) => {
        const res = await server.get(`/api/papers/suggest?${new URLSearchParams({ q })}`);
        const text = await res.text();
        assert.ok(res.status === 200 || res.status === 400, `${JSON.stringify(q)} -> ${res.status} ${text}`);
        assert.ok(!looksLikeStackTrace(text), text);
      }),
      { numRuns: 100 },
    );
  });
});
