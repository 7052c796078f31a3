import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import type { Paper } from "../../model/paper.ts";
import { STATIC_DIR } from "../http/assets.ts";
import { renderDocument } from "../http/render.ts";
import { PaperPage } from "../paper/PaperPage.tsx";
import { ICON_NAMES } from "./Icons.tsx";
import { PaperCard } from "./PaperCard.tsx";

const HOSTILE = `<img src=x onerror=alert(1)>"'`;

function paper(over: Partial<Paper> = {}): Paper {
  return {
    id: "2606.00001",
    title: "A title",
    abstract: "An abstract.",
    authors: ["Ada Lovelace"],
    primaryCategory: "cs.LG",
    categories: ["cs.LG"],
    comments: null,
    journalRef: null,
    doi: null,
    license: null,
    reportNo: null,
    submitter: null,
    versions: [{ version: 1, createdAt: "2026-06-12T00:00:00.000Z" }],
    latestVersion: 1,
    publishedAt: "2026-06-12T00:00:00.000Z",
    updatedAt: "2026-06-12T00:00:00.000Z",
    announcedOn: null,
    codeUrl: null,
    projectUrl: null,
    upvotes: 0,
    numComments: 0,
    ...over,
  };
}

const site = { baseUrl: "http://localhost:3000" };

/** No inline script, no style attribute or element: the CSP would block them. */
function assertCspClean(html: string) {
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, "inline <script>");
  assert.doesNotMatch(html, /<style[\s>]/i, "<style> element");
  // Inside tags only: escaped text such as "&lt;img onerror=" is harmless.
  assert.doesNotMatch(html, /<[a-z][^<>]*\sstyle=/i, "style attribute");
  assert.doesNotMatch(html, /<[a-z][^<>]*\son[a-z]+=/i, "event handler attribute");
}

describe("views", () => {
  it("has a sprite symbol for every icon name", () => {
    const sprite = fs.readFileSync(path.join(STATIC_DIR, "icons.svg"), "utf8");
    for (const name of ICON_NAMES) assert.match(sprite, new RegExp(`<symbol id="${name}"`), name);
  });

  it("renders hostile paper fields inert on a card", () => {
    const html = renderDocument(
      <PaperCard
        paper={paper({
          title: `Title ${HOSTILE} $x<y$`,
          authors: [HOSTILE, "B", "C", "D", "E"],
          abstract: `Abstract ${HOSTILE}`,
          categories: [HOSTILE],
          codeUrl: "javascript:alert(1)",
        })}
        featuredBy={HOSTILE}
      />,
    );
    assert.doesNotMatch(html, /<img|javascript:/i);
    assert.match(html, /Title &lt;img src=x onerror=alert\(1\)&gt;&quot;&#39;/);
    assert.match(html, /class="katex"/);
    assert.match(html, /\+ 2 more/);
    assertCspClean(html);
  });

  it("puts what a list adds in the card's footer, inside the card, and none without it", () => {
    const plain = renderDocument(<PaperCard paper={paper()} />);
    assert.doesNotMatch(plain, /card-footer/);
    const withFooter = renderDocument(
      <PaperCard paper={paper()}>
        <p class="pick-reason">Because you saved {HOSTILE}</p>
      </PaperCard>,
    );
    assert.match(
      withFooter,
      /<\/div><div class="card-footer"><p class="pick-reason">Because you saved &lt;img[^<]*<\/p><\/div><\/article>/,
    );
  });

  it("links a paper page to arXiv only for arXiv ids, and DOIs through doi.org", () => {
    const arxiv = renderDocument(
      <PaperPage site={site} paper={paper({ doi: "10.1000/xyz" })} entries={[]} />,
    );
    assert.match(arxiv, /href="https:\/\/arxiv.org\/abs\/2606.00001"/);
    assert.match(arxiv, /href="https:\/\/arxiv.org\/pdf\/2606.00001"/);
    assert.match(arxiv, /href="https:\/\/doi.org\/10.1000\/xyz"/);
    const other = renderDocument(<PaperPage site={site} paper={paper({ id: "beir:123" })} entries={[]} />);
    assert.doesNotMatch(other, /arxiv\.org/);
    assert.match(other, /<p class="paper-id">beir:123<\/p>/);
  });

  it("renders a whole page without anything the CSP forbids", () => {
    const html = renderDocument(
      <PaperPage
        site={site}
        paper={paper({
          abstract: "Math $\\frac{a}{b}$ and $$\\sqrt{x}$$\n\nSecond paragraph.",
          comments: "10 pages",
        })}
        entries={[{ day: "2026-06-12", paperId: "2606.00001", source: "featured", featuredBy: "ak" }]}
      />,
    );
    assert.match(html, /^<!doctype html><html lang="en">/);
    assert.match(html, /Featured by ak on/);
    assert.match(html, /data-ks=/);
    assertCspClean(html);
  });
});
