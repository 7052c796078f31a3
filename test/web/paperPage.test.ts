// A paper's page: code and project links read from its text, links in the abstract, the Cite box
// and its BibTeX file, plain-text <title> and link-preview tags, one honest comment count; and the
// page for an id the instance does not hold, which offers arxiv.org and, signed in, a fetch.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  fixture,
  type ReplayServer,
  startReplayServer,
} from "../../src/ingest/sync/replayServer.test-helper.ts";
import { getPaper } from "../../src/store/papers.ts";
import { type Harness, startHarness } from "../accounts/support/harness.ts";

let h: Harness;
let arxiv: ReplayServer;

const PAPER = {
  id: "2606.32040",
  title: "Cyclic Codes over $\\mathbb{Z}_4$ and <Lattices>",
  abstract:
    "We study codes. Code: https://github.com/org/z4-codes. Data at \\url{https://zenodo.org/records/1}. A $q$-ary bound.",
  comments: "12 pages. Project page: https://z4codes.github.io/",
  authors: ["Ada Lovelace", "Émile Borel"],
  categories: ["cs.LG", "math.CO"],
  versions: [{ version: 1, createdAt: "2026-06-10T00:00:00.000Z" }],
  numComments: 3,
};

before(async () => {
  const xml = fixture("arxiv-api/query-transformer.xml");
  arxiv = await startReplayServer((req) =>
    req.path === "/api/query" ? { body: xml } : { status: 404, body: "not found" },
  );
  h = await startHarness({
    env: {
      PAPERTIDE_ARXIV_OAI_URL: `${arxiv.url}/oai`,
      PAPERTIDE_ARXIV_RSS_URL: `${arxiv.url}/rss`,
      PAPERTIDE_ARXIV_API_URL: `${arxiv.url}/api/query`,
      PAPERTIDE_ARXIV_MIN_INTERVAL_MS: "1",
    },
    papers: [PAPER],
  });
});
after(async () => {
  await h?.close();
  await arxiv?.close();
});

const attr = (html: string, re: RegExp) => re.exec(html)?.[1];

describe("a paper's page", () => {
  it("shows Code and Project buttons read from the abstract and comments, and links the URLs in them", async () => {
    const page = await h.browser().get(`/papers/${PAPER.id}`);
    assert.equal(page.status, 200);
    assert.match(
      page.text,
      /<a class="btn" href="https:\/\/github\.com\/org\/z4-codes" rel="nofollow noopener">/,
    );
    assert.match(page.text, /<a class="btn" href="https:\/\/z4codes\.github\.io\/" rel="nofollow noopener">/);
    assert.match(
      page.text,
      /<a href="https:\/\/zenodo\.org\/records\/1" rel="nofollow noopener">https:\/\/zenodo\.org\/records\/1<\/a>/,
    );
    assert.match(
      page.text,
      /Project page: <a href="https:\/\/z4codes\.github\.io\/" rel="nofollow noopener">/,
    );
  });

  it("shows the Code and Project links on the paper's card in lists", async () => {
    const day = await h.browser().get("/papers/date/2026-06-10");
    assert.equal(day.status, 200);
    const card = /<article class="card paper-card"[\s\S]*?<\/article>/.exec(day.text)?.[0] ?? "";
    assert.match(card, /href="\/papers\/2606\.32040"/);
    assert.match(
      card,
      /<a class="meta-item meta-link" href="https:\/\/github\.com\/org\/z4-codes" rel="nofollow noopener">/,
    );
    assert.match(
      card,
      /<a class="meta-item meta-link" href="https:\/\/z4codes\.github\.io\/" rel="nofollow noopener">/,
    );
  });

  it("has a TeX-free, escaped <title> and link-preview tags", async () => {
    const { text } = await h.browser().get(`/papers/${PAPER.id}`);
    assert.equal(attr(text, /<title>([^<]*)<\/title>/), "Cyclic Codes over ℤ₄ and &lt;Lattices> · Papertide");
    assert.equal(
      attr(text, /<meta property="og:title" content="([^"]*)"/),
      "Cyclic Codes over ℤ₄ and &lt;Lattices>",
    );
    assert.equal(attr(text, /<meta property="og:type" content="([^"]*)"/), "article");
    assert.equal(
      attr(text, /<meta property="og:url" content="([^"]*)"/),
      `http://papertide.test/papers/${PAPER.id}`,
    );
    assert.equal(attr(text, /<meta name="twitter:card" content="([^"]*)"/), "summary");
    const description = attr(text, /<meta property="og:description" content="([^"]*)"/) ?? "";
    assert.match(description, /^We study codes\. Code: https:\/\/github\.com\/org\/z4-codes\./);
    assert.doesNotMatch(description, /\$|\\url/);
  });

  it("has a Cite box with the BibTeX entry, and the entry as a file", async () => {
    const { text } = await h.browser().get(`/papers/${PAPER.id}`);
    const box = /<details class="cite">[\s\S]*?<\/details>/.exec(text)?.[0] ?? "";
    assert.match(box, /<summary class="btn">[\s\S]*Cite<\/summary>/);
    assert.match(box, /<pre class="cite-bibtex" id="cite-bibtex">@misc\{lovelace2026cyclic,/);
    assert.match(box, /eprint = \{2606\.32040\}/);
    assert.match(box, /<button type="button" class="btn btn-sm" data-copy="cite-bibtex" hidden>/);
    assert.match(box, /<a href="\/papers\/2606\.32040\/bibtex">/);
    assert.match(box, /<script src="\/static\/cite\.js\?v=[0-9a-f]+" defer>/);
    const file = await h.browser().get(`/papers/${PAPER.id}/bibtex`);
    assert.equal(file.status, 200);
    assert.equal(file.headers.get("content-type"), "application/x-bibtex; charset=utf-8");
    // The collection exporter's entry (src/community/collections/bibtex.ts): title math stays TeX
    // math, the text around it is escaped.
    assert.match(
      file.text,
      /^@misc\{lovelace2026cyclic,\n {2}title = \{\{Cyclic Codes over \$\\mathbb\{Z\}_4\$ and <Lattices>\}\},/,
    );
    assert.match(box, /title = \{\{Cyclic Codes over \$\\mathbb\{Z\}_4\$ and &lt;Lattices>\}\}/);
    assert.match(file.text, /author = \{Lovelace, Ada and Borel, Émile\}/);
    assert.equal(
      (await h.browser().get("/papers/2606.32040v1/bibtex")).location,
      "/papers/2606.32040/bibtex",
    );
    assert.equal((await h.browser().get("/papers/2401.00001/bibtex")).status, 404);
    const js = await h.browser().get(attr(text, /<script src="(\/static\/cite\.js[^"]*)"/) ?? "");
    assert.equal(js.status, 200);
  });

  it("counts the discussion held here, and labels the imported count with its source", async () => {
    const { text } = await h.browser().get(`/papers/${PAPER.id}`);
    assert.match(text, /<dt>Discussion<\/dt><dd><a href="#comments">No comments yet<\/a>/);
    assert.match(text, /3 comments on the daily-papers list it was imported from/);
    const u = await h.userWithBrowser({ handle: "reader" });
    const posted = await u.browser.submit(`/papers/${PAPER.id}`, "/comments", {
      paper: PAPER.id,
      body: "A first comment.",
    });
    assert.equal(posted.status, 303, posted.text.slice(0, 300));
    const again = await h.browser().get(`/papers/${PAPER.id}`);
    assert.match(again.text, /<dt>Discussion<\/dt><dd><a href="#comments">1 comment<\/a>/);
    assert.match(again.text, /Discussion \(1\)/);
    // The stored total counts both; the imported figure stays what the list said.
    assert.match(again.text, /3 comments on the daily-papers list it was imported from/);
  });
});

describe("an id this instance does not hold", () => {
  it("offers the arXiv page and asks anonymous readers to sign in to fetch it", async () => {
    const page = await h.browser().get("/papers/2401.00001");
    assert.equal(page.status, 404);
    assert.match(page.text, /<a href="https:\/\/arxiv\.org\/abs\/2401\.00001" rel="nofollow noopener">/);
    assert.match(page.text, /<a href="\/login\?next=%2Fpapers%2F2401\.00001">Sign in<\/a> to fetch it/);
    assert.doesNotMatch(page.text, /action="\/papers\/fetch"/);
    const other = await h.browser().get("/papers/beir:999");
    assert.equal(other.status, 404);
    assert.doesNotMatch(other.text, /arxiv\.org\/abs/);
    assert.match(other.text, /Search for “beir:999”/);
  });

  it("lets a signed-in reader fetch it from arXiv, once per click, with CSRF", async () => {
    const u = await h.userWithBrowser({ handle: "fetcher" });
    const page = await u.browser.get("/papers/2606.13677");
    assert.equal(page.status, 404);
    assert.match(page.text, /<form method="post" action="\/papers\/fetch">/);
    const noToken = await u.browser.request("POST", "/papers/fetch", { form: { id: "2606.13677" } });
    assert.equal(noToken.status, 403);
    assert.equal(await getPaper(h.store.db, "2606.13677"), null);
    const res = await u.browser.submit("/papers/2606.13677", "/papers/fetch", { id: "2606.13677" });
    assert.equal(res.status, 303, res.text.slice(0, 300));
    assert.equal(res.location, "/papers/2606.13677");
    assert.ok((await getPaper(h.store.db, "2606.13677"))?.title);
    assert.equal((await u.browser.get("/papers/2606.13677")).status, 200);
  });

  it("says so when arXiv has no such paper, or the id is not an arXiv id", async () => {
    const u = await h.userWithBrowser({ handle: "seeker" });
    const missing = await u.browser.submit("/papers/2401.00002", "/papers/fetch", { id: "2401.00002" });
    assert.equal(missing.status, 404);
    assert.match(missing.text, /arXiv has no paper 2401\.00002\./);
    const bad = await u.browser.submit("/papers/2401.00002", "/papers/fetch", { id: "not an id" });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /That is not an arXiv id\./);
  });

  it("heads the page with what went wrong, and clips an echoed id", async () => {
    const u = await h.userWithBrowser({ handle: "reporter" });
    const heading = (html: string) => /<h1 id="message-heading">([^<]*)<\/h1>/.exec(html)?.[1];
    const long = `<b>${"x".repeat(3000)}`;
    const bad = await u.browser.submit("/papers/2401.00002", "/papers/fetch", { id: long });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /Error 400/);
    assert.equal(heading(bad.text), "Not an arXiv id");
    assert.doesNotMatch(bad.text, /Paper not found/);
    assert.doesNotMatch(bad.text, /x{61}/, "the id is clipped");
    assert.doesNotMatch(bad.text, /<b>x/, "and escaped");
    assert.match(bad.text, /“&lt;b>x+…”/);
    arxiv.script("/api/query", ...Array.from({ length: 5 }, () => ({ status: 503, body: "down" })));
    const down = await u.browser.submit("/papers/2401.00003", "/papers/fetch", { id: "2401.00003" });
    assert.equal(down.status, 503);
    assert.match(down.text, /Error 503/);
    assert.equal(heading(down.text), "arXiv is unreachable");
    assert.match(down.text, /arXiv could not be reached just now/);
  });

  it("asks a reader whose address is not confirmed to confirm it first, as submissions do", async () => {
    const u = await h.userWithBrowser({ handle: "newcomer", verified: false });
    const page = await u.browser.get("/papers/2606.13678");
    assert.equal(page.status, 404);
    assert.doesNotMatch(page.text, /action="\/papers\/fetch"/);
    assert.match(
      page.text,
      /Confirm your email address \(see <a href="\/account">your account<\/a>\) to fetch it/,
    );
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
    assert.ok(token);
    const res = await u.browser.request("POST", "/papers/fetch", {
      form: { _csrf: token, id: "2606.13678" },
    });
    assert.equal(res.status, 403);
    assert.match(res.text, /Confirm your email address before fetching papers\./);
    assert.equal(await getPaper(h.store.db, "2606.13678"), null);
  });
});
