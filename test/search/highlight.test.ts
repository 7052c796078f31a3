// Highlighting for the search page: the engine's own analysis decides what is marked, output is
// escaped text plus KaTeX, and marks never enter a formula.
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { highlightHtml, markText, queryTerms, snippetHtml } from "../../src/search/highlight.ts";
import { parseQuery } from "../../src/search/query.ts";
import { mathHtml } from "../../src/text/math.ts";

const terms = (text: string) => queryTerms(parseQuery(text));
const marks = (html: string) => [...html.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => m[1]);
const unmarked = (html: string) => html.replaceAll("<mark>", "").replaceAll("</mark>", "");

test("words are marked by their stem, as the engine matched them; stop words never", () => {
  const html = markText("Graph Networks: networking the network of the world", terms("network of"));
  assert.deepEqual(marks(html), ["Networks", "networking", "network"]);
  assert.deepEqual(marks(markText("Schrödinger bridges", terms("schrodinger"))), ["Schrödinger"]);
  assert.deepEqual(marks(markText("Deep nets by Hinton", terms("author:hinton"))), ["Hinton"]);
  assert.equal(markText("nothing here", terms("")), "nothing here");
});

test("text is escaped, hostile queries included", () => {
  const title = `<script>alert(1)</script> & "quotes" attention`;
  const html = markText(title, terms(`<script>alert(1)</script> "$x$ <b>`));
  assert.doesNotMatch(html, /<script|<b>/);
  assert.deepEqual(marks(html), ["script", "alert", "1", "script"]);
  assert.match(html, /&lt;<mark>script<\/mark>&gt;/);
  assert.match(html, /&amp; &quot;quotes&quot;/);
});

test("math is rendered by KaTeX and never marked inside; marks only add tags", () => {
  const title = "Bounds on $x^2$ for x in $\\mathbb{R}$ and x";
  const html = highlightHtml(title, terms("x mathbb"));
  assert.match(html.__html, /class="katex"/);
  // Only the two plain "x" are marked; the formulas are KaTeX's own output.
  assert.deepEqual(marks(html.__html), ["x", "x"]);
  assert.equal(unmarked(html.__html), mathHtml(title).__html);
  const texChars = fc.constantFrom(
    "$",
    "\\",
    "{",
    "}",
    "^",
    "<",
    ">",
    "&",
    '"',
    " ",
    "x",
    "é",
    "\n\n",
    "\\(",
    "\\)",
    "$$",
  );
  fc.assert(
    fc.property(
      fc.array(fc.oneof(texChars, fc.string({ maxLength: 5 })), { maxLength: 30 }).map((a) => a.join("")),
      fc.constantFrom("x", "alpha beta", "b script", "1"),
      (text, q) => {
        const out = highlightHtml(text, terms(q)).__html;
        assert.equal(unmarked(out), mathHtml(text).__html);
      },
    ),
    { numRuns: 300 },
  );
});

test("a snippet is a window around the best match, cut at words, never inside a formula", () => {
  const filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(12);
  const abstract = `${filler}We prove that $\\alpha$-mixing transformers converge. ${filler}The end.`;
  const html = snippetHtml(abstract, terms("transformers converge"), 200).__html;
  assert.ok(html.startsWith("… "), "starts with an ellipsis: text was left out before");
  assert.ok(html.endsWith(" …"), "and after");
  assert.deepEqual(marks(html), ["transformers", "converge"]);
  assert.match(html, /class="katex"/, "the formula near the match is rendered whole");
  const visible = unmarked(html).replace(/<span class="katex">.*<\/span>/s, "α");
  assert.ok(visible.length <= 200 + 4, `about 200 visible characters (${visible.length})`);
  assert.doesNotMatch(visible, /\s[a-z]{1,2}$/, "does not end on a cut word");
  // The densest window wins: two different words close together beat one repeated word.
  const two = `${"alpha ".repeat(3)}${filler}beta gamma here. ${filler}`;
  assert.deepEqual(marks(snippetHtml(two, terms("beta gamma alpha"), 120).__html).sort(), ["beta", "gamma"]);
});

test("no match: the start of the abstract; a short abstract: all of it", () => {
  const long = "First sentence here. ".repeat(40);
  const html = snippetHtml(long, terms("zebra"), 100).__html;
  assert.ok(html.startsWith("First sentence"));
  assert.ok(html.endsWith(" …"));
  const short = "A short abstract about $x$ & <b>tags</b>.";
  const all = snippetHtml(short, terms("short"), 300).__html;
  assert.ok(!all.includes("…"));
  assert.deepEqual(marks(all), ["short"]);
  assert.match(all, /&amp; &lt;b&gt;tags&lt;\/b&gt;\.$/);
  assert.equal(snippetHtml("", terms("x"), 100).__html, "");
});
