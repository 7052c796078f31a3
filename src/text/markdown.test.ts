// The comment Markdown subset: what it renders, and that hostile input never yields markup that
// could run (checked on known payloads and on random strings built from dangerous pieces).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { renderMarkdown } from "./markdown.ts";

const html = (s: string) => renderMarkdown(s).__html;

describe("comment markdown", () => {
  it("renders the supported subset", () => {
    assert.equal(
      html("Hello *world* and **bold** and `x < y`"),
      "<p>Hello <em>world</em> and <strong>bold</strong> and <code>x &lt; y</code></p>",
    );
    assert.equal(html("- one\n- two"), "<ul><li>one</li><li>two</li></ul>");
    assert.equal(html("1. first\n2. second"), "<ol><li>first</li><li>second</li></ol>");
    assert.equal(html("> quoted\n> more"), "<blockquote><p>quoted<br>more</p></blockquote>");
    assert.equal(html("```\n<b>code</b>\n```"), "<pre><code>&lt;b&gt;code&lt;/b&gt;</code></pre>");
    assert.equal(
      html("see [the paper](https://arxiv.org/abs/2606.1)"),
      '<p>see <a href="https://arxiv.org/abs/2606.1" rel="nofollow noopener ugc">the paper</a></p>',
    );
    assert.equal(html("para one\n\npara two"), "<p>para one</p><p>para two</p>");
  });

  it("renders math with KaTeX and leaves markup inside math and code alone", () => {
    const out = html("Let $a_1 * b_2$ be *small*");
    assert.match(out, /class="katex"/);
    assert.match(out, /<em>small<\/em>/);
    assert.doesNotMatch(out, /<em>[^<]*b_2/);
    assert.equal(html("`*not em*`"), "<p><code>*not em*</code></p>");
  });

  it("keeps non-http links as text", () => {
    for (const href of [
      "javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:x",
      "//evil.example",
    ]) {
      const out = html(`[click](${href})`);
      assert.doesNotMatch(out, /<a /, href);
    }
  });

  const PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<svg/onload=alert(1)>",
    '[x](https://a.example/"onmouseover="alert(1))',
    '[x](https://a.example/" onmouseover="alert(1)")',
    '<a href="javascript:alert(1)">x</a>',
    "$\\href{javascript:alert(1)}{x}$",
    "$\\htmlId{x}{y}$ $\\url{javascript:alert(1)}$",
    "**<iframe src=//evil>**",
    "> <style>body{}</style>",
    "```\n</code></pre><script>alert(1)</script>\n```",
    "`</code><script>alert(1)</script>`",
  ];

  /** Every tag is one we emit or KaTeX's; no event handlers, no script URLs. */
  function assertInert(out: string, input: string) {
    assert.doesNotMatch(
      out,
      /<(script|style|iframe|img|svg|object|embed|form|input|textarea|link|meta)\b/i,
      input,
    );
    assert.doesNotMatch(out, /<[^>]*\son[a-z]+\s*=/i, input);
    assert.doesNotMatch(out, /(href|src)\s*=\s*"(?!https?:\/\/)/i, input);
    for (const tag of out.matchAll(/<([a-z][a-z0-9]*)/gi)) {
      assert.ok(
        [
          "p",
          "br",
          "em",
          "strong",
          "code",
          "pre",
          "a",
          "ul",
          "ol",
          "li",
          "blockquote",
          "span",
          "math",
          "semantics",
          "mrow",
          "mi",
          "mo",
          "mn",
          "msub",
          "msup",
          "msubsup",
          "mtext",
          "annotation",
          "mspace",
          "mstyle",
          "mpadded",
          "mfrac",
          "mover",
          "munder",
          "svg",
          "path",
          "line",
        ].includes(tag[1].toLowerCase()),
        `${tag[1]} in ${out}`,
      );
    }
  }

  it("renders hostile payloads inert", () => {
    for (const p of PAYLOADS) assertInert(html(p), p);
  });

  it("renders random mixes of dangerous pieces inert", () => {
    const piece = fc.constantFrom(
      "<",
      ">",
      '"',
      "'",
      "`",
      "*",
      "_",
      "[",
      "]",
      "(",
      ")",
      "$",
      "\\",
      "\n",
      "> ",
      "- ",
      "```",
      "javascript:",
      "https://x.example/",
      "onerror=",
      "<script>",
      "a",
      " ",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        const input = parts.join("");
        assertInert(html(input), input);
      }),
      { numRuns: 300 },
    );
  });
});
