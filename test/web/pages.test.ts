// The HTML pages over real HTTP: the server as `papertide serve` builds it, on a temporary
// database holding the demo dataset plus two papers with unusual ids.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { loadFeatures } from "../../src/community/recommend/features.ts";
import { loadDemoIfEmpty } from "../../src/demo/loadDemo.ts";
import { listCommunityOrder } from "../../src/lists/communityOrder.ts";
import { adjacentDay, latestDay, latestFeaturedDay, listRange } from "../../src/lists/listing.ts";
import { addDays, isoWeekOf, weekPeriodOf } from "../../src/lists/periods.ts";
import { SearchState } from "../../src/search/state.ts";
import type { Store } from "../../src/store/db.ts";
import { getPapers } from "../../src/store/papers.ts";
import { hasMath } from "../../src/text/math.ts";
import { FEED_PAGE_SIZE } from "../../src/web/lists/routes.ts";
import { startTestServer } from "../api/server.ts";
import { addPapers } from "../support/factories.ts";
import { startTestServer as startSite, type TestServer } from "../support/server.ts";

let server: TestServer;
let store: Store;
let base: string;
let categories: string[];
let latest: string;
/** The day the front page opens on: the newest with community picks (the demo's featured day). */
let front: string;

before(async () => {
  server = await startSite({
    prefix: "papertide-pages-",
    env: { PAPERTIDE_BASE_URL: "http://papertide.test", PAPERTIDE_LOG_LEVEL: "silent" },
    seed: async (s) => {
      assert.ok(
        await loadDemoIfEmpty(new SearchState(s.db)),
        "the demo dataset loads into the empty database",
      );
      await addPapers(s.db, [
        {
          id: "hep-th/9901001",
          title: "An old-style identifier",
          abstract: "Strings, $\\alpha'$ and branes.",
          authors: ["E. Witten"],
          categories: ["hep-th"],
          versions: [
            { version: 1, createdAt: "1999-01-04T00:00:00.000Z" },
            { version: 2, createdAt: "1999-03-01T00:00:00.000Z" },
          ],
          doi: "10.1000/old.1",
          journalRef: "Nucl. Phys. B 1 (1999) 1",
        },
        {
          id: "beir:123",
          title: "A paper from a benchmark, not from arXiv",
          abstract: "No arXiv id here.",
          authors: ["Someone"],
          categories: ["cs.IR"],
        },
      ]);
    },
  });
  ({ store, base } = server);
  categories = server.config.categories;
  latest = (await latestDay(store.db, categories)) as string;
  assert.ok(latest, "the demo has a newest day");
  front = (await latestFeaturedDay(store.db, categories)) as string;
  assert.equal(front, "2026-06-12", "the demo's featured day");
});

after(async () => {
  await server?.close();
});

async function get(url: string, init?: RequestInit) {
  const res = await fetch(base + url, { redirect: "manual", ...init });
  return { status: res.status, headers: res.headers, html: await res.text() };
}

function cardIds(html: string): string[] {
  return [...html.matchAll(/<a class="card-link" href="\/papers\/([^"]+)"/g)].map((m) =>
    decodeURIComponent(m[1]),
  );
}

/** Nothing the CSP (script-src/style-src 'self') would block, and no stray markup. */
function assertCspClean(html: string) {
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, "inline <script>");
  assert.doesNotMatch(html, /<style[\s>]/i, "<style> element");
  assert.doesNotMatch(html, /<[a-z][^<>]*\sstyle=/i, "style attribute");
  assert.doesNotMatch(html, /<[a-z][^<>]*\son[a-z]+=/i, "event handler attribute");
}

/** The shared layout; the subscription pages hold their own form instead of the footer's box. */
function assertLayout(html: string, { footerBox = true } = {}) {
  assert.match(html, /^<!doctype html><html lang="en">/);
  assert.match(html, /<a class="skip-link" href="#main">/);
  assert.match(html, /<form class="header-search" role="search"[^>]*action="\/search"/);
  assert.match(html, /Get trending papers in your email inbox/);
  if (footerBox) assert.match(html, /<form class="subscribe-form" method="post" action="\/subscribe">/);
  else assert.doesNotMatch(html, /<form class="subscribe-form"/);
  assertCspClean(html);
}

describe("feed pages", () => {
  it("home shows the newest day with community picks: cards, tabs and links to the days around", async () => {
    const { status, headers, html } = await get("/");
    assert.equal(status, 200);
    assert.match(headers.get("content-type") ?? "", /^text\/html/);
    assert.match(headers.get("content-security-policy") ?? "", /script-src 'self'/);
    assertLayout(html);
    const expected = await listCommunityOrder(store.db, await loadFeatures(server.services.search), {
      from: front,
      to: front,
      categories,
      offset: 0,
      limit: FEED_PAGE_SIZE,
    });
    assert.deepEqual(
      cardIds(html),
      expected.items.map((i) => i.paper.id),
    );
    assert.match(html, /<a class="tab" href="\/" aria-current="page">Daily<\/a>/);
    assert.match(html, new RegExp(`<a class="tab" href="/week/${isoWeekOf(front).label}">Weekly</a>`));
    assert.match(html, new RegExp(`<a class="tab" href="/month/${front.slice(0, 7)}">Monthly</a>`));
    assert.match(html, /<a class="tab" href="\/trending">Trending<\/a>/);
    assert.match(html, /<a class="tab" href="\/new">New<\/a>/);
    const prev = await adjacentDay(store.db, front, -1, categories);
    const next = await adjacentDay(store.db, front, 1, categories);
    assert.ok(prev && next);
    assert.match(html, new RegExp(`<a class="btn step step-prev" href="/papers/date/${prev}" rel="prev">`));
    assert.match(html, new RegExp(`<a class="btn step step-next" href="/papers/date/${next}" rel="next">`));
    const newest = (await get(`/papers/date/${latest}`)).html;
    assert.match(newest, /class="btn step step-next is-disabled"/, "nothing after the newest day");
    assert.match(html, /<input id="date-jump-input" type="date" name="date"/);
    assert.match(html, /<link rel="canonical" href="http:\/\/papertide.test\/"\/>/);
  });

  it("a day page links both ways and shows featured papers with who featured them", async () => {
    // The most upvoted featured paper is on the first page of its day (lists sort by upvotes).
    const entry = await store.db
      .selectFrom("daily_entries as d")
      .innerJoin("papers as p", "p.id", "d.paper_id")
      .select(["d.day", "d.paper_id", "d.featured_by"])
      .orderBy("p.upvotes", "desc")
      .executeTakeFirstOrThrow();
    const { status, html } = await get(`/papers/date/${entry.day}`);
    assert.equal(status, 200);
    assertLayout(html);
    assert.ok(cardIds(html).includes(entry.paper_id));
    assert.match(html, new RegExp(`Featured by ${entry.featured_by}`));
    const [prev, next] = [
      await adjacentDay(store.db, entry.day, -1, categories),
      await adjacentDay(store.db, entry.day, 1, categories),
    ];
    assert.match(html, new RegExp(`href="/papers/date/${prev}" rel="prev"`));
    assert.match(html, new RegExp(`href="/papers/date/${next}" rel="next"`));
    assert.match(
      html,
      // The front page's own day is at "/": the Daily tab leads there.
      new RegExp(
        `<a class="tab" href="${entry.day === front ? "/" : `/papers/date/${entry.day}`}" aria-current="page">Daily</a>`,
      ),
    );
  });

  it("paginates stably with ?p= (numbered from 1) and rejects pages past the end", async () => {
    const total = (
      await listRange(store.db, {
        from: front,
        to: front,
        categories,
        sort: "upvotes",
        offset: 0,
        limit: 1,
      })
    ).total;
    const pages = Math.ceil(total / FEED_PAGE_SIZE);
    assert.ok(pages >= 2, "the front page's day spans several pages");
    const first = await get("/");
    const second = await get("/?p=2");
    assert.equal(second.status, 200);
    assert.match(first.html, /<a class="btn" href="\/\?p=2" rel="next">/);
    assert.match(second.html, /<a class="btn" href="\/" rel="prev">/);
    const a = cardIds(first.html);
    const b = cardIds(second.html);
    assert.equal(b.length, FEED_PAGE_SIZE);
    assert.equal(new Set([...a, ...b]).size, a.length + b.length, "pages do not overlap");
    assert.deepEqual(cardIds((await get("/?p=2")).html), b, "the same page twice gives the same papers");
    assert.deepEqual(cardIds((await get("/?p=1")).html), a, "?p=1 is the first page");
    const last = await get(`/?p=${pages}`);
    assert.equal(cardIds(last.html).length, total - (pages - 1) * FEED_PAGE_SIZE);
    const past = await get(`/?p=${pages + 1}`);
    assert.equal(past.status, 400);
    assert.match(
      past.html,
      new RegExp(`no page ${pages + 1} here: this list has ${pages} pages \\(1 to ${pages}\\)`),
    );
  });

  it("old ?p=0 links redirect for good to the same address with ?p=1; the API keeps its 0-based p", async () => {
    for (const [url, target] of [
      ["/?p=0", "/?p=1"],
      ["/trending?p=0", "/trending?p=1"],
      ["/new?p=00", "/new?p=1"],
      ["/week/2026-W24?p=0", "/week/2026-W24?p=1"],
      ["/search?q=graph%20neural&p=0&sort=date", "/search?q=graph%20neural&p=1&sort=date"],
    ]) {
      const res = await get(url);
      assert.equal(res.status, 301, url);
      assert.equal(res.headers.get("location"), target, url);
    }
    const api = await fetch(`${base}/api/daily_papers?date=2026-06-12&p=0&limit=1`);
    assert.equal(api.status, 200);
  });

  it("a week, a month, Trending and New", async () => {
    const week = weekPeriodOf(latest);
    for (const [url, tab] of [
      [`/week/${week.label}`, "Weekly"],
      [`/month/${latest.slice(0, 7)}`, "Monthly"],
      ["/trending", "Trending"],
      ["/new", "New"],
    ]) {
      const { status, html } = await get(url);
      assert.equal(status, 200, url);
      assertLayout(html);
      assert.ok(cardIds(html).length > 0, `${url} has cards`);
      assert.match(html, new RegExp(`aria-current="page">${tab}</a>`), url);
    }
    const weekHtml = (await get(`/week/${week.label}`)).html;
    assert.match(weekHtml, new RegExp(`href="/week/${isoWeekOf(addDays(week.from, -7)).label}" rel="prev"`));
    const newIds = cardIds((await get("/new")).html);
    const papers = await store.db
      .selectFrom("papers")
      .select(["id", "published_at"])
      .where("id", "in", newIds)
      .execute();
    const dates = newIds.map((id) => papers.find((p) => p.id === id)?.published_at ?? "");
    assert.deepEqual(dates, [...dates].sort().reverse(), "New lists the most recent first");
  });

  it("sends the date picker's ?date= to the day's address", async () => {
    const res = await get("/?date=2026-06-12");
    assert.equal(res.status, 302);
    assert.equal(res.headers.get("location"), "/papers/date/2026-06-12");
  });

  it("an empty day says so and still navigates", async () => {
    let empty: string | null = null;
    for (let d = addDays(latest, -1); !empty && d > addDays(latest, -40); d = addDays(d, -1)) {
      const n = await listRange(store.db, {
        from: d,
        to: d,
        categories,
        sort: "upvotes",
        offset: 0,
        limit: 1,
      });
      if (n.total === 0) empty = d;
    }
    assert.ok(empty, "the demo has a day without a list (a weekend)");
    const { status, html } = await get(`/papers/date/${empty}`);
    assert.equal(status, 200);
    assert.match(html, /class="empty-state"/);
    assert.match(html, /No papers were listed on/);
    assert.match(html, /class="btn step step-prev" href="\/papers\/date\/[\d-]+" rel="prev"/);
    assert.match(html, /class="btn step step-next" href="\/papers\/date\/[\d-]+" rel="next"/);
  });

  it("answers invalid dates and pages with a 400 page that says what was wrong", async () => {
    for (const [url, message] of [
      ["/papers/date/2026-02-30", /“2026-02-30” is not a valid date/],
      ["/papers/date/yesterday", /“yesterday” is not a valid date/],
      ["/week/2026-W54", /“2026-W54” is not a valid ISO week/],
      ["/month/2026-13", /“2026-13” is not a valid month/],
      ["/?date=12/06/2026", /“12\/06\/2026” is not a valid date/],
      ["/?p=-1", /page number “-1” is not valid/],
      ["/trending?p=abc", /page number “abc” is not valid/],
      ["/new?p=1&p=2", /given more than once/],
    ] as const) {
      const { status, html } = await get(url);
      assert.equal(status, 400, url);
      assertLayout(html);
      assert.match(html, message, url);
    }
  });
});

describe("paper pages", () => {
  it("renders the abstract's TeX with KaTeX, with links and dates", async () => {
    const candidates = await store.db
      .selectFrom("papers")
      .select(["id", "abstract", "title"])
      .where("abstract", "like", "%$%")
      .where("id", "not like", "%/%")
      .orderBy("id")
      .execute();
    const paper = candidates.find((p) => hasMath(p.abstract));
    assert.ok(paper, "the demo has a paper with $...$ math in its abstract");
    const { status, html } = await get(`/papers/${paper.id}`);
    assert.equal(status, 200);
    assertLayout(html);
    assert.match(html, /<h2 id="abstract-heading">Abstract<\/h2>/);
    assert.match(html, /<span class="katex">/);
    assert.match(html, /data-ks="/, "KaTeX's layout styles travel as data-ks");
    assert.match(html, new RegExp(`href="https://arxiv.org/abs/${paper.id}"`));
    assert.match(html, new RegExp(`href="https://arxiv.org/pdf/${paper.id}"`));
    assert.match(html, /<dt>First version<\/dt>/);
    assert.match(html, /<dt>Versions<\/dt>/);
    assert.match(html, /<p class="votes votes-lg">/);
    assert.match(html, /<link rel="stylesheet" href="\/static\/katex\/katex.min.css\?v=[\d.]+"\/>/);
  });

  it("shows who featured a paper", async () => {
    const entry = await store.db
      .selectFrom("daily_entries")
      .selectAll()
      .orderBy("paper_id")
      .executeTakeFirstOrThrow();
    const { status, html } = await get(`/papers/${entry.paper_id}`);
    assert.equal(status, 200);
    assert.match(
      html,
      new RegExp(`Featured by ${entry.featured_by} on <a href="/papers/date/${entry.day}">`),
    );
  });

  it("serves old-style ids with a slash, with versions, DOI and journal reference", async () => {
    const { status, html } = await get("/papers/hep-th/9901001");
    assert.equal(status, 200);
    assertLayout(html);
    assert.match(html, /An old-style identifier/);
    assert.match(html, /href="https:\/\/arxiv.org\/abs\/hep-th\/9901001"/);
    assert.match(html, /href="https:\/\/arxiv.org\/abs\/hep-th\/9901001v2">v2<\/a>/);
    assert.match(html, /<dt>Latest version<\/dt>/);
    assert.match(html, /<a href="https:\/\/doi.org\/10.1000\/old.1">10.1000\/old.1<\/a>/);
    assert.match(html, /Nucl. Phys. B 1 \(1999\) 1/);
  });

  it("renders papers whose id is not an arXiv id, without arXiv links", async () => {
    for (const url of ["/papers/beir:123", "/papers/beir%3A123"]) {
      const { status, html } = await get(url);
      assert.equal(status, 200, url);
      assert.match(html, /A paper from a benchmark, not from arXiv/);
      assert.doesNotMatch(html, /arxiv\.org\/(abs|pdf)/);
    }
  });

  it("redirects versioned and prefixed arXiv ids to the stored paper", async () => {
    const { id } = await store.db
      .selectFrom("papers")
      .select("id")
      .where("id", "like", "26%")
      .executeTakeFirstOrThrow();
    for (const url of [`/papers/${id}v3`, `/papers/arXiv:${id}`]) {
      const res = await get(url);
      assert.equal(res.status, 301, url);
      assert.equal(res.headers.get("location"), `/papers/${id}`);
    }
  });

  it("jumps from a search for an arXiv id, abs/PDF URL or DOI straight to the paper", async () => {
    const { id } = await store.db
      .selectFrom("papers")
      .select("id")
      .where("id", "like", "26%")
      .executeTakeFirstOrThrow();
    for (const q of [id, `arXiv:${id}v2`, `https://arxiv.org/abs/${id}`, `https://arxiv.org/pdf/${id}v1`]) {
      const res = await get(`/search?q=${encodeURIComponent(q)}`);
      assert.equal(res.status, 303, q);
      assert.equal(res.headers.get("location"), `/papers/${id}`, q);
    }
    const byDoi = await get(`/search?q=${encodeURIComponent("doi:10.1000/old.1")}`);
    assert.equal(byDoi.status, 303);
    assert.equal(byDoi.headers.get("location"), "/papers/hep-th/9901001");
    // An id this instance does not hold: a results page that says so, not a redirect.
    const unknown = await get("/search?q=2001.99999");
    assert.equal(unknown.status, 200);
  });

  it("answers an unknown id with a real 404 page in the layout", async () => {
    const { status, html } = await get("/papers/9999.99999");
    assert.equal(status, 404);
    assertLayout(html);
    assert.match(html, /Paper not found/);
    assert.match(html, /9999\.99999/);
  });
});

describe("hostile input", () => {
  const payload = `"><script>alert(1)</script><img src=x onerror=alert(1)>`;

  it("is escaped in search, unknown ids and bad dates", async () => {
    for (const url of [
      `/search?q=${encodeURIComponent(payload)}`,
      `/papers/${encodeURIComponent(payload)}`,
      `/papers/date/${encodeURIComponent(payload)}`,
      `/?date=${encodeURIComponent(payload)}`,
      `/?p=${encodeURIComponent(payload)}`,
    ]) {
      const { html } = await get(url);
      assert.doesNotMatch(html, /<script>alert|<img src=x/, url);
      assertCspClean(html);
    }
    const search = await get(`/search?q=${encodeURIComponent(payload)}`);
    assert.match(search.html, /value="&quot;>&lt;script>alert\(1\)&lt;\/script>/);
  });

  it("is escaped on the subscribe page, which refuses the address", async () => {
    const res = await fetch(`${base}/subscribe`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: payload }).toString(),
    });
    const html = await res.text();
    assert.equal(res.status, 400);
    assertLayout(html, { footerBox: false });
    assert.match(html, /<form[^>]*method="post" action="\/subscribe"/);
    assert.match(html, /class="form-error"/);
    assert.doesNotMatch(html, /<script>alert|<img src=x/);
  });
});

describe("search", () => {
  it("lists matching papers", async () => {
    const { status, html } = await get("/search?q=diffusion");
    assert.equal(status, 200);
    assertLayout(html);
    assert.ok(cardIds(html).length > 0);
    assert.match(html, /Results for “diffusion”/);
    assert.match(html, /<meta name="robots" content="noindex"\/>/);
  });

  it("invites a query when there is none", async () => {
    const { status, html } = await get("/search");
    assert.equal(status, 200);
    assert.match(html, /Search papers/);
    assert.equal(cardIds(html).length, 0);
  });
});

describe("assets and errors", () => {
  it("serves our assets and KaTeX's stylesheet and fonts with long cache headers", async () => {
    const home = (await get("/")).html;
    const css = /href="(\/static\/app\.css\?v=[0-9a-f]+)"/.exec(home)?.[1];
    const theme = /src="(\/static\/theme\.js\?v=[0-9a-f]+)"/.exec(home)?.[1];
    assert.ok(css && theme);
    for (const url of [
      css,
      theme,
      "/static/math.js",
      "/static/icons.svg",
      "/static/katex/katex.min.css",
      "/static/katex/fonts/KaTeX_Main-Regular.woff2",
    ]) {
      const res = await fetch(base + url);
      assert.equal(res.status, 200, url);
      assert.match(res.headers.get("cache-control") ?? "", /max-age=31536000.*immutable/, url);
      await res.arrayBuffer();
    }
  });

  it("does not serve the rest of KaTeX's folder or anything outside the asset folders", async () => {
    for (const url of ["/static/katex/katex.js", "/static/katex/README.md", "/static/../package.json"]) {
      const res = await get(url);
      assert.ok(res.status === 404 || res.status === 403, `${url} -> ${res.status}`);
    }
  });

  it("answers unknown pages with an HTML 404, but keeps /api JSON", async () => {
    const page = await get("/no/such/page");
    assert.equal(page.status, 404);
    assertLayout(page.html);
    assert.match(page.html, /Page not found/);
    const api = await get("/api/no-such-endpoint");
    assert.equal(api.status, 404);
    assert.match(api.headers.get("content-type") ?? "", /application\/json/);
    assert.doesNotThrow(() => JSON.parse(api.html));
  });

  it("answers a request the server cannot parse with an HTML error page", async () => {
    const res = await fetch(`${base}/subscribe`, {
      method: "POST",
      headers: { "content-type": "text/x-nope" },
      body: "x",
    });
    assert.equal(res.status, 415);
    assertLayout(await res.text());
  });
});

describe("similar papers on the paper page", () => {
  it("lists similar papers: linked titles, authors and dates, never the paper itself", async () => {
    const entry = await store.db
      .selectFrom("daily_entries")
      .select("paper_id")
      .orderBy("paper_id")
      .executeTakeFirstOrThrow();
    const { status, html } = await get(`/papers/${entry.paper_id}`);
    assert.equal(status, 200);
    const section = /<section class="similar-papers"[\s\S]*?<\/section>/.exec(html)?.[0];
    assert.ok(section, "the section is there");
    assert.match(section, /<h2 id="similar-heading">Similar papers<\/h2>/);
    const links = [...section.matchAll(/<a class="similar-title" href="\/papers\/([^"]+)"/g)].map(
      (m) => m[1],
    );
    assert.ok(links.length >= 3 && links.length <= 8, `${links.length} similar papers`);
    assert.ok(!links.includes(entry.paper_id));
    assert.equal((section.match(/<time datetime=/g) ?? []).length, links.length, "each with its date");
    // The same neighbours as the API gives, in the same order.
    const api = (await (await fetch(`${base}/api/papers/${entry.paper_id}/related?limit=8`)).json()) as {
      id: string;
    }[];
    assert.deepEqual(
      links,
      api.map((p) => p.id),
    );
  });
  it("on a corpus too small for vectors, lists papers that share words, or nothing, never an error", async () => {
    const small = await startTestServer({
      demo: false,
      seed: async (s) => {
        const paper = (id: string, title: string, abstract: string) => ({
          id,
          title,
          abstract,
          authors: ["A. Author"],
          categories: ["cs.LG"],
          versions: [{ version: 1, createdAt: "2026-06-01T00:00:00.000Z" }],
        });
        await addPapers(s.db, [
          paper("2606.00001", "Sparse attention for long documents", "Sparse attention scales transformers."),
          paper(
            "2606.00002",
            "Sparse attention in vision transformers",
            "Attention that is sparse, for images.",
          ),
          paper("2606.00003", "Soil moisture from satellites", "Remote sensing of soil water content."),
        ]);
      },
    });
    try {
      const res = await small.get("/papers/2606.00001");
      const html = await res.text();
      assert.equal(res.status, 200);
      const section = /<section class="similar-papers"[\s\S]*?<\/section>/.exec(html)?.[0] ?? "";
      assert.match(section, /href="\/papers\/2606.00002"/, "the paper sharing its words");
      assert.doesNotMatch(section, /2606.00003/, "not the one sharing none");
      const alone = await small.get("/papers/2606.00003");
      assert.equal(alone.status, 200);
      assert.doesNotMatch(await alone.text(), /class="similar-papers"/, "no section when nothing is similar");
    } finally {
      await small.close();
    }
  });
});

describe("search page", () => {
  /** Result ids and their dates as the page shows them. */
  const results = (html: string) =>
    [
      ...html.matchAll(
        /<a class="card-link" href="\/papers\/([^"]+)"[\s\S]*?<time class="meta-item" datetime="([^"]+)"/g,
      ),
    ].map((m) => ({ id: decodeURIComponent(m[1]), day: m[2] }));
  const countOf = (html: string) => {
    const m = /<p class="feed-subheading">(?:About )?([\d,]+)/.exec(html);
    return m ? Number(m[1].replace(/,/g, "")) : 0;
  };

  it("marks the query's words (stemmed) in titles and snippets, and links the search's feeds", async () => {
    const { status, html } = await get("/search?q=diffusion%20models");
    assert.equal(status, 200);
    assertLayout(html);
    assert.match(
      html,
      /<h2 class="card-title"><a class="card-link" href="[^"]+"><span class="tex">(?:(?!<\/h2>)[\s\S])*?<mark>Diffusion<\/mark>/i,
    );
    assert.match(
      html,
      /<p class="search-snippet"><span class="tex">(?:(?!<\/p>)[\s\S])*?<mark>models?<\/mark>/i,
    );
    assert.match(
      html,
      /<link rel="alternate" type="application\/rss\+xml"[^>]*href="http:\/\/papertide.test\/feeds\/search.rss\?q=diffusion%20models"/,
    );
    assert.match(html, /<a href="\/feeds\/search.rss\?q=diffusion%20models">RSS<\/a>/);
  });

  it("escapes hostile queries: marks wrap escaped text, nothing of the query becomes markup", async () => {
    for (const q of ["<script>alert(1)</script> diffusion", `"$x$ <b> diffusion`, "<b>diffusion</b>"]) {
      const { status, html } = await get(`/search?q=${encodeURIComponent(q)}`);
      assert.equal(status, 200, q);
      assertCspClean(html);
      assert.doesNotMatch(html, /<script>alert|<b>|<b |\$x\$ <b/, q);
      assert.ok(results(html).length > 0, `${q} still finds diffusion papers`);
      assert.match(html, /<mark>diffusion<\/mark>/i, q);
      for (const m of html.matchAll(/<mark>([^<]*)<\/mark>/g)) assert.doesNotMatch(m[1], /[<>"]/, q);
    }
    // Math in titles and abstracts still renders on the results page.
    const math = await get(`/search?q=${encodeURIComponent("alpha branes")}`);
    assert.ok(results(math.html).some((r) => r.id === "hep-th/9901001"));
    assert.match(math.html, /<mark>branes<\/mark>/);
    assert.match(math.html, /<span class="katex">/);
  });

  it("filters narrow the results and round-trip into the form", async () => {
    const all = await get("/search?q=diffusion");
    const cv = await get("/search?q=diffusion&category=cs.CV");
    assert.ok(countOf(cv.html) > 0 && countOf(cv.html) < countOf(all.html), "a category narrows");
    const ids = results(cv.html).map((r) => r.id);
    const papers = await getPapers(store.db, ids);
    assert.equal(papers.length, ids.length);
    for (const p of papers) assert.ok(p.categories.includes("cs.CV"), `${p.id} is in cs.CV`);
    assert.match(cv.html, /<input id="search-category" type="text" name="category" value="cs.CV"/);
    assert.match(cv.html, /<details class="search-filters" open/);

    const dated = await get("/search?q=diffusion&from=2026-06-20&to=2026-06-25&sort=date");
    const days = results(dated.html).map((r) => r.day);
    assert.ok(days.length > 0);
    for (const d of days) assert.ok(d >= "2026-06-20" && d <= "2026-06-25", d);
    assert.deepEqual(days, [...days].sort().reverse(), "newest first");
    assert.match(dated.html, /<option value="date" selected>/);

    const surname = papers[0].authors[0].split(" ").pop() as string;
    const byAuthor = await get(`/search?q=diffusion&author=${encodeURIComponent(surname)}`);
    assert.ok(results(byAuthor.html).some((r) => r.id === ids[0]));
    assert.ok(countOf(byAuthor.html) < countOf(all.html));
    assert.match(byAuthor.html, new RegExp(`<mark>${surname}</mark>`), "the author is marked too");
  });

  it("pages through results: numbered links, rel=prev/next, page 2 differs from page 1", async () => {
    const one = await get("/search?q=learning");
    const two = await get("/search?q=learning&p=2");
    assert.equal(two.status, 200);
    const ids1 = results(one.html).map((r) => r.id);
    const ids2 = results(two.html).map((r) => r.id);
    assert.equal(ids1.length, 20);
    assert.ok(ids2.length > 0);
    assert.ok(
      ids2.every((id) => !ids1.includes(id)),
      "no result on both pages",
    );
    assert.match(one.html, /<a class="btn" href="\/search\?q=learning&amp;p=2" rel="next">/);
    assert.match(two.html, /<a class="btn" href="\/search\?q=learning" rel="prev">/);
    assert.match(
      two.html,
      /<a class="page-number is-current" href="\/search\?q=learning&amp;p=2" aria-current="page">/,
    );
    assert.match(two.html, /<ol class="card-grid search-results" start="21">/);
    assert.equal((await get("/search?q=learning&p=999")).status, 400, "past the last page");
  });

  it("an empty result suggests a way on: titles close to the words, the search without filters", async () => {
    const typo = await get("/search?q=difusion%20qqqzzyx");
    assert.equal(typo.status, 200);
    assert.match(typo.html, /No paper matches this search/);
    assert.match(typo.html, /Titles close to what you typed/);
    assert.match(
      typo.html,
      /<div class="search-did-you-mean">[\s\S]*?<a href="\/papers\/[^"]+">[\s\S]*?Diffusion/i,
    );
    const filtered = await get("/search?q=diffusion&category=nucl-th");
    assert.match(filtered.html, /No paper matches this search/);
    assert.match(
      filtered.html,
      /Without the filters, the same words find <a href="\/search\?q=diffusion">[\d,]+ papers<\/a>/,
    );
  });

  it("re-renders the form with a message for a filter it cannot use", async () => {
    const { status, html } = await get("/search?q=diffusion&from=2026-13-01&category=%3Cb%3E");
    assert.equal(status, 400);
    assertLayout(html);
    assert.match(html, /<div id="search-errors" class="form-error" role="alert">/);
    assert.match(html, /From: use a date as YYYY-MM-DD/);
    assert.match(html, /Category: use an arXiv category/);
    assert.match(html, /name="from" value="2026-13-01" aria-invalid="true"/);
    assert.match(html, /value="&lt;b>"/, "the bad value is kept, escaped");
    assert.equal(cardIds(html).length, 0);
  });
});
