// The search page's counts and divider: "N papers contain these words", a visible line before
// "M more close in meaning", never a total above the corpus; phrases and exclusions explained.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { authorKey } from "../../src/model/authorName.ts";
import { termOf, words } from "../../src/search/analyze.ts";
import { authorSummary } from "../../src/store/authors.ts";
import { countPapers } from "../../src/store/papers.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

let site: TestServer;
before(async () => {
  site = await startTestServer({ demo: true, prefix: "papertide-search-counts-" });
});
after(() => site.close());

const page = async (q: string, p?: number) => {
  const res = await site.get(`/search?q=${encodeURIComponent(q)}${p ? `&p=${p}` : ""}`);
  return { status: res.status, html: await res.text() };
};
const subheading = (html: string) => /<p class="feed-subheading">([\s\S]*?)<\/p>/.exec(html)?.[1] ?? "";
const numbers = (s: string) => [...s.matchAll(/\d[\d,]*/g)].map((m) => Number(m[0].replace(/,/g, "")));
const resultIds = (html: string) =>
  [...html.matchAll(/<a class="card-link" href="\/papers\/([^"]+)"/g)].map((m) => decodeURIComponent(m[1]));

describe("search page counts", () => {
  it("says how many papers contain the words, then draws a line before those close in meaning", async () => {
    // Rare words: few papers contain them, the rest of the results are close in meaning.
    const { status, html } = await page("treebank parsing");
    assert.equal(status, 200);
    const text = subheading(html);
    assert.match(text, /^[\d,]+ papers? contains? these words, then [\d,]+ more close in meaning\.$/);
    const [matched, more] = numbers(text);
    assert.ok(matched > 0 && more > 0);
    const corpus = await countPapers(site.store.db);
    assert.ok(matched + more <= corpus, "never more than the corpus");
    // The line sits after the matched papers (on the page that holds it), numbering runs on.
    const onPage = Math.floor(matched / 20);
    const holder = onPage === 0 ? html : (await page("treebank parsing", onPage + 1)).html;
    assert.match(
      holder,
      new RegExp(
        `<h2 class="search-divider" id="close-in-meaning">${more.toLocaleString("en")} more close in meaning`,
      ),
    );
    assert.match(holder, new RegExp(`<ol class="card-grid search-results" start="${matched + 1}">`));
    assert.doesNotMatch(html, /About /);
  });

  it("a phrase: only papers with the words side by side, counted exactly, nothing close in meaning", async () => {
    const loose = await page("networks graph neural");
    const phrase = await page('"graph neural networks"');
    const [n] = numbers(subheading(phrase.html));
    assert.match(subheading(phrase.html), /contain these words\.$/);
    assert.ok(n > 0 && n < numbers(subheading(loose.html))[0]);
    assert.doesNotMatch(phrase.html, /search-divider/);
    const excluded = await page('"graph neural networks" -survey');
    assert.ok(numbers(subheading(excluded.html))[0] < n, "-survey leaves some out");
    // Under 20 results each, all on one page: the exclusion only removes.
    const kept = resultIds(excluded.html);
    assert.ok(kept.length > 0 && kept.every((id) => resultIds(phrase.html).includes(id)));
  });

  it("an author's full name lists their papers and nothing close in meaning, on the page and in the API", async () => {
    // The demo's most prolific author with a name of two words or more.
    const db = site.store.db;
    const top = await db
      .selectFrom("paper_authors")
      .select(["author_key", (eb) => eb.fn.countAll<number | string>().as("n")])
      .where("author_key", "like", "% %")
      .groupBy("author_key")
      .orderBy("n", "desc")
      .orderBy("author_key")
      .limit(1)
      .executeTakeFirstOrThrow();
    const author = await authorSummary(db, top.author_key);
    assert.ok(author && author.papers >= 3, "an author with several papers");
    // The name answers to its key, and longer names to their first and last words (authors.ts).
    const keyWords = author.key.split(" ");
    const isTheirs = (name: string) => {
      const k = authorKey(name).split(" ");
      return (
        k.join(" ") === author.key || (k.length >= 3 && k[0] === keyWords[0] && k.at(-1) === keyWords.at(-1))
      );
    };
    const term = (w: string) => termOf(w) ?? w;
    const nameTerms = new Set(words(author.name).map(term));

    const { status, html } = await page(author.name);
    assert.equal(status, 200);
    const text = subheading(html);
    assert.match(text, /^[\d,]+ papers? contains? these words\.$/, "no papers close in meaning are counted");
    assert.doesNotMatch(html, /search-divider/);
    const [matched] = numbers(text);

    // The API: the same count, and every result holds a word of the name.
    const hits: { id: string; title: string; summary: string; authors: { name: string }[] }[] = [];
    let path: string | null = `/api/papers/search?q=${encodeURIComponent(author.name)}&limit=100`;
    while (path) {
      const res = await site.get(path);
      assert.equal(res.status, 200);
      assert.equal(Number(res.headers.get("x-total-count")), matched);
      hits.push(...(await res.json()));
      const next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get("link") ?? "")?.[1];
      path = next ? new URL(next).pathname + new URL(next).search : null;
    }
    assert.equal(hits.length, Math.min(matched, 1000));
    assert.deepEqual(
      resultIds(html),
      hits.slice(0, 20).map((h) => h.id),
      "the page shows the same order",
    );
    const theirs = hits.filter((h) => h.authors.some((a) => isTheirs(a.name))).length;
    assert.ok(theirs >= author.papers);
    assert.ok(
      hits.slice(0, theirs).every((h) => h.authors.some((a) => isTheirs(a.name))),
      "the author's papers come first",
    );
    for (const h of hits) {
      const text = [h.title, h.summary, ...h.authors.map((a) => a.name)].join(" ");
      assert.ok(
        words(text).some((w) => nameTerms.has(term(w))),
        `${h.id} holds a word of “${author.name}”`,
      );
    }

    // A topic query is still followed by papers close in meaning, in the API too.
    const topic = await site.get("/api/papers/search?q=treebank%20parsing&limit=100");
    const [contain, more] = numbers(subheading((await page("treebank parsing")).html));
    assert.equal(Number(topic.headers.get("x-total-count")), contain + more);
    assert.equal((await topic.json()).length, Math.min(100, contain + more));
  });

  it("a category arXiv does not have is a form error, as a malformed one is", async () => {
    const res = await site.get("/search?q=graphs&category=cs.XX");
    assert.equal(res.status, 400);
    const html = await res.text();
    assert.match(html, /arXiv has no category or archive “cs\.XX”/);
    assert.match(html, /id="search-category"[^>]*aria-invalid="true"/);
    assert.doesNotMatch(html, /search-results/);
    for (const category of ["cs.LG", "cs", "hep-th"])
      assert.equal((await site.get(`/search?q=graphs&category=${category}`)).status, 200, category);
    // Empty fields of a submitted form are no filter at all.
    assert.equal((await site.get("/search?q=graphs&category=&author=&from=&to=")).status, 200);
  });

  it("the help explains phrases and exclusions, and is open before any search", async () => {
    const { html } = await (async () => {
      const res = await site.get("/search");
      return { html: await res.text() };
    })();
    assert.match(html, /<details class="search-help" open/);
    assert.match(html, /&quot;state space model&quot;|"state space model"/);
    assert.match(html, /-survey/);
    const searched = await page("diffusion");
    assert.match(searched.html, /<details class="search-help">/, "closed once a search ran");
  });
});
