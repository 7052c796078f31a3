import assert from "node:assert/strict";
import { test } from "node:test";
import { oneLine, paragraphs, splitAuthors, toIso } from "./text.ts";

test("oneLine collapses every run of white space, including newlines and tabs", () => {
  assert.equal(
    oneLine(
      "  RDD: Retrieval-Based Demonstration Decomposer for Planner Alignment in\n  Long-Horizon Tasks \t",
    ),
    "RDD: Retrieval-Based Demonstration Decomposer for Planner Alignment in Long-Horizon Tasks",
  );
  assert.equal(oneLine("\n \t"), "");
});

test("paragraphs joins hard-wrapped lines and keeps arXiv's indented paragraph starts", () => {
  const abstract =
    "  At the heart of the theorem is the existence of a\nKochen-Specker system.\n  Continuing their effort, we prove\na restriction.\n";
  assert.equal(
    paragraphs(abstract),
    "At the heart of the theorem is the existence of a Kochen-Specker system.\n\nContinuing their effort, we prove a restriction.",
  );
  assert.equal(paragraphs("First.\r\n\r\nSecond\r\nline."), "First.\n\nSecond line.");
  assert.equal(paragraphs("one\n\n\n\ntwo"), "one\n\ntwo");
  assert.equal(paragraphs("   \n  "), "");
});

test("toIso reads arXiv's date layouts and gives UTC", () => {
  assert.equal(toIso("Mon, 2 Apr 2007 19:18:42 GMT"), "2007-04-02T19:18:42.000Z");
  assert.equal(toIso("2014-12-29"), "2014-12-29T00:00:00.000Z");
  assert.equal(toIso("2017-08-10T20:30:00-05:00"), "2017-08-11T01:30:00.000Z");
  assert.equal(toIso("Mon, 20 Jul 2026 00:00:00 -0400"), "2026-07-20T04:00:00.000Z");
  assert.equal(toIso("2026-03-23T04:00:05.907047+00:00"), "2026-03-23T04:00:05.907Z");
});

test("toIso gives null for nothing and for text that is no date", () => {
  assert.equal(toIso(null), null);
  assert.equal(toIso(undefined), null);
  assert.equal(toIso(""), null);
  assert.equal(toIso("not a date"), null);
});

test("splitAuthors splits on commas and 'and', dropping parenthesised affiliations", () => {
  assert.deepEqual(splitAuthors("C. Bal\\'azs, E. L. Berger, P. M. Nadolsky, C.-P. Yuan"), [
    "C. Bal\\'azs",
    "E. L. Berger",
    "P. M. Nadolsky",
    "C.-P. Yuan",
  ]);
  assert.deepEqual(splitAuthors("Ada Lovelace, Alan Turing and Grace Hopper"), [
    "Ada Lovelace",
    "Alan Turing",
    "Grace Hopper",
  ]);
  assert.deepEqual(splitAuthors("Ada Lovelace, Alan Turing, and Grace Hopper"), [
    "Ada Lovelace",
    "Alan Turing",
    "Grace Hopper",
  ]);
  assert.deepEqual(
    splitAuthors("Sander Uijlen (Radboud Universiteit), Bas\n  Westerbaan (Radboud Universiteit)"),
    ["Sander Uijlen", "Bas Westerbaan"],
  );
  assert.deepEqual(splitAuthors("Manisha"), ["Manisha"]);
  assert.deepEqual(splitAuthors("  "), []);
});

test("toIso refuses text that only looks like a date to a lenient parser", () => {
  assert.equal(toIso("garbage 12"), null);
  assert.equal(toIso("12"), null);
  assert.equal(toIso("2026-13-45"), null);
});
