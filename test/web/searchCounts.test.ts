// The search page's counts and divider: "N papers contain these words", a visible line before
// "M more close in meaning", never a total above the corpus; phrases and exclusions explained.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
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
