import assert from "node:assert/strict";
import { test } from "node:test";
import { absUrl, isArxivId, normalizeArxivId, parseArxivRef, pdfUrl } from "./arxivId.ts";

test("new-style ids, with four and five digit numbers, with and without version", () => {
  assert.deepEqual(parseArxivRef("0704.0001"), { id: "0704.0001", version: null });
  assert.deepEqual(parseArxivRef("2501.01234"), { id: "2501.01234", version: null });
  assert.deepEqual(parseArxivRef("2501.01234v3"), { id: "2501.01234", version: 3 });
  assert.deepEqual(parseArxivRef("  2606.13677v12 "), { id: "2606.13677", version: 12 });
});

test("old-style ids keep their archive (and subject class) and drop the version", () => {
  assert.deepEqual(parseArxivRef("hep-th/9504118"), { id: "hep-th/9504118", version: null });
  assert.deepEqual(parseArxivRef("hep-th/9711200v3"), { id: "hep-th/9711200", version: 3 });
  assert.deepEqual(parseArxivRef("math.GT/0309136"), { id: "math.GT/0309136", version: null });
  assert.deepEqual(parseArxivRef("cond-mat/0102536v1"), { id: "cond-mat/0102536", version: 1 });
});

test("arXiv: prefixes, OAI identifiers and abs/pdf/html URLs", () => {
  assert.deepEqual(parseArxivRef("arXiv:2501.01234v2"), { id: "2501.01234", version: 2 });
  assert.deepEqual(parseArxivRef("arxiv: 2501.01234"), { id: "2501.01234", version: null });
  assert.deepEqual(parseArxivRef("oai:arXiv.org:hep-th/9504118"), { id: "hep-th/9504118", version: null });
  assert.deepEqual(parseArxivRef("http://arxiv.org/abs/2606.13677v1"), { id: "2606.13677", version: 1 });
  assert.deepEqual(parseArxivRef("https://arxiv.org/pdf/2606.13677v2.pdf"), { id: "2606.13677", version: 2 });
  assert.deepEqual(parseArxivRef("https://export.arxiv.org/abs/hep-th/9711200v3"), {
    id: "hep-th/9711200",
    version: 3,
  });
  assert.deepEqual(parseArxivRef("https://www.arxiv.org/html/2501.01234v1/"), {
    id: "2501.01234",
    version: 1,
  });
  assert.deepEqual(parseArxivRef("https://arxiv.org/abs/2501.01234?context=cs#x"), {
    id: "2501.01234",
    version: null,
  });
});

test("anything else is not an arXiv id", () => {
  for (const s of [
    "",
    "   ",
    "garbage",
    "2501.123",
    "2501.123456",
    "25010.1234",
    "2501.01234v",
    "2501.01234vx",
    "HEP-TH/9504118",
    "hep-th/950411",
    "https://example.org/abs/2501.01234",
    "http://arxiv.org/api/errors#incorrect_id_format_for_1234.12345",
    "javascript:alert(1)",
  ]) {
    assert.equal(parseArxivRef(s), null, JSON.stringify(s));
  }
});

test("helpers agree with the parser", () => {
  assert.equal(normalizeArxivId("arXiv:2501.01234v2"), "2501.01234");
  assert.equal(normalizeArxivId("nope"), null);
  assert.equal(isArxivId("2501.01234"), true);
  assert.equal(isArxivId("hep-th/9504118v2"), true);
  assert.equal(isArxivId("arXiv:2501.01234"), false, "isArxivId takes bare ids only");
  assert.equal(absUrl("hep-th/9504118"), "https://arxiv.org/abs/hep-th/9504118");
  assert.equal(pdfUrl("2501.01234"), "https://arxiv.org/pdf/2501.01234");
});
