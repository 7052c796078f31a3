import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { safeHttpUrl } from "../text/safeUrl.ts";
import { dayPath, doiUrl, monthPath, paperPath, searchPath, weekPath, withPage } from "./urls.ts";

describe("urls", () => {
  it("keeps the slash of old-style arXiv ids and encodes the rest", () => {
    assert.equal(paperPath("2606.12345"), "/papers/2606.12345");
    assert.equal(paperPath("hep-th/9901001"), "/papers/hep-th/9901001");
    assert.equal(paperPath("beir:123"), "/papers/beir%3A123");
    assert.equal(paperPath('x"><script>'), "/papers/x%22%3E%3Cscript%3E");
  });

  it("builds list addresses, pages numbered from 1", () => {
    assert.equal(dayPath("2026-06-12"), "/papers/date/2026-06-12");
    assert.equal(weekPath("2026-W24"), "/week/2026-W24");
    assert.equal(monthPath("2026-06"), "/month/2026-06");
    assert.equal(withPage("/trending", 0), "/trending");
    assert.equal(withPage("/trending", 2), "/trending?p=3", "addresses number pages from 1");
    assert.equal(withPage(searchPath("a b&c"), 1), "/search?q=a%20b%26c&p=2");
  });

  it("accepts only http(s) links from data", () => {
    assert.equal(safeHttpUrl("https://github.com/a/b"), "https://github.com/a/b");
    assert.equal(safeHttpUrl(" http://x.org "), "http://x.org/");
    assert.equal(safeHttpUrl("javascript:alert(1)"), null);
    assert.equal(safeHttpUrl("JaVaScRiPt:alert(1)"), null);
    assert.equal(safeHttpUrl("data:text/html,<script>"), null);
    assert.equal(safeHttpUrl("not a url"), null);
    assert.equal(safeHttpUrl(null), null);
  });

  it("links DOIs through doi.org", () => {
    assert.equal(doiUrl("10.1103/PhysRevD.76.013009"), "https://doi.org/10.1103/PhysRevD.76.013009");
    assert.equal(doiUrl("10.1000/a<b>"), "https://doi.org/10.1000/a%3Cb%3E");
  });
});
