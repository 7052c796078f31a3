import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  escapeHtml,
  hasMath,
  mathHtml,
  mathHtmlWithLinks,
  mathPreviewHtml,
  moveStylesToData,
  plainText,
  splitMath,
} from "./math.ts";

const maths = (text: string) =>
  splitMath(text)
    .filter((s) => s.kind === "math")
    .map((s) => (s.kind === "math" ? `${s.display ? "D" : "I"}:${s.tex}` : ""));

describe("splitMath", () => {
  it("finds the four delimiters", () => {
    assert.deepEqual(maths("a $x^2$ b \\(y\\) c $$z$$ d \\[w\\] e"), ["I:x^2", "I:y", "D:z", "D:w"]);
  });

  it("keeps the text between formulas, in order", () => {
    assert.deepEqual(splitMath("under $L_p$-norm"), [
      { kind: "text", text: "under " },
      { kind: "math", tex: "L_p", display: false, source: "$L_p$" },
      { kind: "text", text: "-norm" },
    ]);
  });

  it("leaves unbalanced dollars as text", () => {
    assert.deepEqual(maths("costs $5 and more"), []);
    assert.deepEqual(maths("open $$x but never closed"), []);
    assert.deepEqual(maths("\\( never closed"), []);
    assert.equal(mathHtml("costs $5 and more").__html, "costs $5 and more");
  });

  it("does not read prices as math (pandoc's rule)", () => {
    assert.deepEqual(maths("between $5 and $10 per hour"), []);
    assert.deepEqual(maths("from $ x$ to y"), []);
  });

  it("treats \\$ as a literal dollar and shows it without the backslash", () => {
    assert.deepEqual(maths("it costs \\$5 or \\$6"), []);
    assert.equal(mathHtml("it costs \\$5, 44.49\\% better").__html, "it costs $5, 44.49% better");
  });

  it("does not let a formula run across a blank line", () => {
    assert.deepEqual(maths("one $x\n\ny$ two"), []);
  });

  it("leaves over-long formulas as source text", () => {
    assert.deepEqual(maths(`$${"x+".repeat(1500)}x$`), []);
  });
});

describe("mathHtml", () => {
  it("renders math with KaTeX", () => {
    const html = mathHtml("the plane $\\mathbb R^2$").__html;
    assert.match(html, /^the plane <span class="katex">/);
    assert.match(html, /<annotation encoding="application\/x-tex">\\mathbb R\^2<\/annotation>/);
  });

  it("renders display math as a block", () => {
    assert.match(mathHtml("$$\\sum_i x_i$$").__html, /class="katex-display"/);
  });

  it("moves KaTeX's inline styles to data-ks (the CSP forbids style attributes)", () => {
    const html = mathHtml("$\\frac{a}{b}$ and $\\sqrt{x}$").__html;
    assert.doesNotMatch(html, /\sstyle=/);
    assert.match(html, /data-ks="height:[^"]+"/);
  });

  it("escapes hostile HTML in text and in formulas", () => {
    const html = mathHtml(
      `<script>alert(1)</script> "q" 'a' & <img src=x onerror=alert(1)> $<img src=x onerror=alert(2)>$ \\(</span><script>x</script>\\)`,
    ).__html;
    assert.doesNotMatch(html, /<script|<img|<\/span><script/i);
    assert.match(html, /^&lt;script&gt;alert\(1\)&lt;\/script&gt; &quot;q&quot; &#39;a&#39; &amp; &lt;img/);
  });

  it("does not turn TeX links or HTML extensions into markup (trust: false)", () => {
    const html = mathHtml(
      "$\\href{javascript:alert(1)}{x}$ $\\url{javascript:alert(1)}$ $\\htmlClass{evil}{x}$ $\\includegraphics{http://x/a.png}$",
    ).__html;
    assert.doesNotMatch(html, /<a\s|href=|<img|class="evil"/);
  });

  it("survives a macro bomb quickly instead of hanging", () => {
    const started = Date.now();
    const html = mathHtml("$\\def\\a{\\a\\a}\\a$").__html;
    assert.ok(Date.now() - started < 2000);
    assert.match(html, /katex-error/);
  });

  it("shows a broken formula as an error span, not an exception", () => {
    const html = mathHtml("bad $\\frac{$ formula").__html;
    assert.match(html, /class="katex-error"/);
    assert.doesNotMatch(html, /\sstyle=/);
  });
});

/** Every em length in the rendered layout, as [property, value]. */
const emLengths = (html: string) =>
  [...html.matchAll(/data-ks="([^"]*)"/g)].flatMap((m) =>
    m[1]
      .split(";")
      .map((d) => /^([a-z-]+):(-?[\d.]+)em$/.exec(d.trim()))
      .filter((d): d is RegExpExecArray => d !== null)
      .map((d) => [d[1], Number(d[2])] as const),
  );

describe("formulas stay inside their box", () => {
  const hostile = [
    "\\kern{-500em}",
    "\\kern-12em\\colorbox{red}{\\Huge FAKE}",
    "\\raisebox{-300em}{x}",
    "\\rule[-500em]{1em}{1em}",
    "\\hspace{-50em}x",
    "\\mkern-900mu x",
    "\\mskip-900mu x",
    "\\hskip-20em x",
    "\\kern-2em\\kern-2em\\kern-2em x",
    "\\def\\z{0}\\kern-5\\z\\z em x",
    "\\begin{matrix}a\\\\[-50em]b\\end{matrix}",
  ];
  for (const tex of hostile) {
    it(`shows $${tex}$ as its escaped source`, () => {
      const html = mathHtml(`see $${tex}$ here`).__html;
      assert.doesNotMatch(html, /class="katex/);
      assert.ok(html.includes(escapeHtml(`$${tex}$`)), html);
      assert.deepEqual(emLengths(html), []);
    });
  }

  it("bounds negative sizes in whatever it renders", () => {
    // Positive sizes are capped by KaTeX's maxSize, so this one renders, 10 em high.
    for (const tex of [...hostile, "\\raisebox{300em}{x}"]) {
      for (const [prop, em] of emLengths(mathHtml(`$${tex}$`).__html)) {
        assert.ok(prop === "top" || em >= -10, `${tex}: ${prop}:${em}em`);
      }
    }
  });

  it("still renders the small negative spaces real formulas use", () => {
    for (const tex of [
      "a\\!b",
      "\\int\\!\\!\\int f",
      "x\\negthickspace y",
      "\\kern-0.5em x",
      "\\raisebox{-1em}{x}",
    ]) {
      assert.match(mathHtml(`$${tex}$`).__html, /class="katex"/, tex);
    }
    assert.match(
      mathHtml("$\\begin{pmatrix}1\\\\2\\\\3\\\\4\\\\5\\\\6\\\\7\\\\8\\end{pmatrix}$").__html,
      /class="katex"/,
    );
  });
});

describe("mathPreviewHtml", () => {
  it("cuts at a word and marks the cut", () => {
    const html = mathPreviewHtml("alpha beta gamma delta epsilon", 14).__html;
    assert.equal(html, "alpha beta…");
  });

  it("keeps short texts whole", () => {
    assert.equal(mathPreviewHtml("short", 100).__html, "short");
  });

  it("never cuts inside a formula and shows display math inline", () => {
    const html = mathPreviewHtml(`see $$\\sum_i x_i$$ then ${"word ".repeat(50)}`, 40).__html;
    assert.match(html, /class="katex"/);
    assert.doesNotMatch(html, /katex-display/);
    assert.match(html, /…$/);
    const cut = mathPreviewHtml(`intro words $${"x+".repeat(60)}x$ tail`, 20).__html;
    assert.equal(cut, "intro words…");
  });
});

describe("plainText and helpers", () => {
  it("shows formulas as their TeX source", () => {
    assert.equal(plainText("M$^3$Exam: \\$5, 10\\%"), "M^3Exam: $5, 10%");
  });

  it("detects math", () => {
    assert.equal(hasMath("under $L_p$"), true);
    assert.equal(hasMath("costs $5"), false);
  });

  it("escapes the five HTML-special characters", () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });

  it("rewrites only attributes named style", () => {
    assert.equal(moveStylesToData('<span style="top:-1em;">x</span>'), '<span data-ks="top:-1em;">x</span>');
  });
});

it("links in abstracts: bare, \\url and \\href become escaped nofollow links; math and other schemes do not", () => {
  const html = mathHtmlWithLinks(
    'Code: https://github.com/a/b\\_c. See \\url{https://x.github.io/p} and \\href{https://e.org/?a=1&b="2"}{our page}, $x^2$ at www.site.org/q. javascript:alert(1) \\href{javascript:alert(1)}{bad} <b>',
  ).__html;
  assert.match(
    html,
    /<a href="https:\/\/github\.com\/a\/b_c" rel="nofollow noopener">https:\/\/github\.com\/a\/b_c<\/a>\./,
  );
  assert.match(
    html,
    /<a href="https:\/\/x\.github\.io\/p" rel="nofollow noopener">https:\/\/x\.github\.io\/p<\/a>/,
  );
  assert.match(html, /<a href="https:\/\/e\.org\/\?a=1&amp;b=%222%22" rel="nofollow noopener">our page<\/a>/);
  assert.match(
    html,
    /<a href="https:\/\/www\.site\.org\/q" rel="nofollow noopener">www\.site\.org\/q<\/a>\./,
  );
  assert.match(html, /class="katex"/);
  assert.doesNotMatch(html, /href="javascript/);
  assert.match(html, /&lt;b&gt;/);
  assert.equal((html.match(/<a /g) ?? []).length, 4);
  assert.match(
    mathHtmlWithLinks("\\href{GitHub}{https://github.com/x/y}").__html,
    /href="https:\/\/github\.com\/x\/y" rel="nofollow noopener">https/,
  );
});
