import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import type { Paper } from "../../model/paper.ts";
import { baseCitationKey, citationKeys, escapeLatex, latexWithMath, toBibtex } from "./bibtex.ts";

function paper(over: Partial<Paper>): Paper {
  return {
    id: "1706.03762",
    title: "Attention Is All You Need",
    abstract: "",
    authors: ["Ashish Vaswani", "Noam Shazeer"],
    primaryCategory: "cs.CL",
    categories: ["cs.CL", "cs.LG"],
    comments: null,
    journalRef: null,
    doi: null,
    license: null,
    reportNo: null,
    submitter: null,
    versions: [{ version: 1, createdAt: "2017-06-12T17:57:34.000Z" }],
    latestVersion: 1,
    publishedAt: "2017-06-12T17:57:34.000Z",
    updatedAt: null,
    announcedOn: null,
    codeUrl: null,
    projectUrl: null,
    upvotes: 0,
    numComments: 0,
    ...over,
  };
}

/** Braces balance, ignoring escaped ones: the condition for a field not to end early. */
function balanced(s: string): boolean {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "\\") {
      i++;
      continue;
    }
    if (s[i] === "{") depth++;
    if (s[i] === "}" && --depth < 0) return false;
  }
  return depth === 0;
}

describe("BibTeX export", () => {
  it("writes an arXiv @misc entry with eprint fields and a Scholar-style key", () => {
    assert.equal(
      toBibtex([paper({})]),
      [
        "@misc{vaswani2017attention,",
        "  title = {{Attention Is All You Need}},",
        "  author = {Vaswani, Ashish and Shazeer, Noam},",
        "  year = {2017},",
        "  eprint = {1706.03762},",
        "  archivePrefix = {arXiv},",
        "  primaryClass = {cs.CL},",
        "  url = {https://arxiv.org/abs/1706.03762}",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("writes @article with journal and DOI when they are known", () => {
    const bib = toBibtex([
      paper({ journalRef: "NeurIPS 30 (2017) 5998-6008", doi: "10.5555/3295222.3295349" }),
    ]);
    assert.match(bib, /^@article\{vaswani2017attention,/);
    assert.match(bib, /journal = \{NeurIPS 30 \(2017\) 5998-6008\}/);
    assert.match(bib, /doi = \{10\.5555\/3295222\.3295349\}/);
    assert.doesNotMatch(toBibtex([paper({ doi: "10.1/x}evil" })]), /doi =/, "a DOI with a brace is left out");
  });

  it("skips stopwords and accents in keys and deduplicates them", () => {
    assert.equal(
      baseCitationKey(paper({ title: "On the Müller Effect", authors: ["José Núñez Jr."] })),
      "nunez2017muller",
    );
    assert.equal(baseCitationKey(paper({ authors: [], publishedAt: null, versions: [] })), "anonattention");
    assert.deepEqual(citationKeys([paper({}), paper({}), paper({}), paper({ title: "Other" })]), [
      "vaswani2017attention",
      "vaswani2017attentiona",
      "vaswani2017attentionb",
      "vaswani2017other",
    ]);
  });

  it("escapes LaTeX specials, so hostile titles cannot end a field or run commands", () => {
    assert.equal(
      escapeLatex("50% of $x_1$ & {y} #1 ~^\\"),
      "50\\% of \\$x\\_1\\$ \\& \\{y\\} \\#1 \\textasciitilde{}\\textasciicircum{}\\textbackslash{}",
    );
    const bib = toBibtex([
      paper({ title: "x}, note = {pwned}}\n@misc{evil, title={\\input{/etc/passwd}\\write18{rm -rf /}" }),
    ]);
    assert.equal(bib.match(/^@/gm)?.length, 1, "one entry only");
    assert.doesNotMatch(bib, /\\input\{/);
    assert.doesNotMatch(bib, /\\write18\{/);
    assert.ok(balanced(bib));
  });

  it("keeps braces balanced and one entry per paper for any title and author names", () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string(), { maxLength: 4 }), (title, authors) => {
        const bib = toBibtex([paper({ title, authors })]);
        assert.ok(balanced(bib), bib);
        assert.equal(bib.match(/^@/gm)?.length, 1);
        for (const line of bib.trimEnd().split("\n").slice(1, -1)) assert.match(line, /^ {2}\w+ = \{.*\},?$/);
      }),
    );
  });

  it("keeps math in titles as TeX math and escapes the text around it", () => {
    const bib = toBibtex([
      paper({ title: "Codes over $\\mathbb{F}_q \\times \\mathbb{F}_q$ and \\(\\alpha_1\\): 100% {new}" }),
    ]);
    assert.match(
      bib,
      /title = \{\{Codes over \$\\mathbb\{F\}_q \\times \\mathbb\{F\}_q\$ and \$\\alpha_1\$: 100\\% \\\{new\\\}\}\},/,
    );
    assert.equal(
      latexWithMath("$$E=mc^2$$ costs \\$5 or \\$6"),
      "$E=mc^2$ costs \\textbackslash{}\\$5 or \\textbackslash{}\\$6",
    );
    assert.equal(latexWithMath("$\\begin{pmatrix}1\\end{pmatrix}$"), "$\\begin{pmatrix}1\\end{pmatrix}$");
  });

  it("escapes math that could unbalance the entry or run commands", () => {
    for (const title of [
      "a $x}$ b",
      "$\\input{/etc/passwd}$",
      "$\\end{document}$",
      "$^^5cinput x$",
      "$\\iffalse$",
      "$50%$",
      "$\\def\\x{y}$",
    ]) {
      const out = latexWithMath(title);
      assert.ok(!out.startsWith("$") && out.includes("\\$"), `${title} -> ${out}`);
      assert.ok(balanced(out));
    }
  });

  it("braces a collaboration name holding a bare 'and'", () => {
    assert.match(
      toBibtex([paper({ authors: ["Research and Development Team"] })]),
      /author = \{\{Team, Research and Development\}\}/,
    );
  });
});
