import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { dayNumber, dayOf, dayRange, parseQuery } from "./query.ts";

test("an arXiv id, arXiv URL or DOI is a direct hit", () => {
  const cases: [string, unknown][] = [
    ["2401.12345", { kind: "arxiv", id: "2401.12345" }],
    ["  arXiv:2401.12345v3 ", { kind: "arxiv", id: "2401.12345" }],
    ["https://arxiv.org/abs/2401.12345v2", { kind: "arxiv", id: "2401.12345" }],
    ["https://arxiv.org/pdf/2401.12345v1.pdf", { kind: "arxiv", id: "2401.12345" }],
    ["arxiv.org/abs/hep-th/9901001", { kind: "arxiv", id: "hep-th/9901001" }],
    ["10.1038/nature14539", { kind: "doi", doi: "10.1038/nature14539" }],
    ["doi:10.1145/3065386.", { kind: "doi", doi: "10.1145/3065386" }],
    [
      "https://doi.org/10.1103/PhysRevLett.116.061102",
      { kind: "doi", doi: "10.1103/PhysRevLett.116.061102" },
    ],
    ["https://doi.org/10.48550/arXiv.1706.03762", { kind: "arxiv", id: "1706.03762" }],
  ];
  for (const [text, direct] of cases) assert.deepEqual(parseQuery(text).direct, direct, text);
  assert.equal(parseQuery("attention 2401.12345").direct, null, "an id among words is just a word");
  assert.deepEqual(parseQuery("attention 2401.12345").words, ["attention", "2401", "12345"]);
});

test("filters: author, category, dates, sort; the rest are words", () => {
  const q = parseQuery(
    'diffusion author:"Geoffrey Hinton" au:lecun cat:cs.LG category:stat from:2024-01 to:2024-06-30 sort:date models',
  );
  assert.deepEqual(q.words, ["diffusion", "models"]);
  assert.deepEqual(q.authors, [["geoffrey", "hinton"], ["lecun"]]);
  assert.deepEqual(q.categories, ["cs.lg", "stat"]);
  assert.equal(q.from, dayNumber(2024, 1, 1));
  assert.equal(q.to, dayNumber(2024, 6, 30));
  assert.equal(q.sort, "date");
  const y = parseQuery("year:2023");
  assert.deepEqual([y.from, y.to], [dayNumber(2023, 1, 1), dayNumber(2023, 12, 31)]);
  const r = parseQuery("date:2023-11..2024-02");
  assert.deepEqual([r.from, r.to], [dayNumber(2023, 11, 1), dayNumber(2024, 2, 29)]);
  const ab = parseQuery("after:2023 before:2024-03");
  assert.deepEqual([ab.from, ab.to], [dayNumber(2024, 1, 1), dayNumber(2024, 2, 29)]);
});

test("malformed or unknown filters are plain words", () => {
  const q = parseQuery("title:foo from:yesterday cat:(x) author: sort:sideways NEAR(a b) x* c++");
  assert.deepEqual(q.authors, []);
  assert.deepEqual(q.categories, []);
  assert.equal(q.from, null);
  assert.equal(q.sort, null);
  assert.deepEqual(q.words, [
    "title",
    "foo",
    "from",
    "yesterday",
    "cat",
    "x",
    "author",
    "sort",
    "sideways",
    "near",
    "a",
    "b",
    "x",
    "c",
  ]);
});

test("dates: partial dates cover their whole period, impossible dates are refused", () => {
  assert.deepEqual(dayRange("2024-02"), [dayNumber(2024, 2, 1), dayNumber(2024, 2, 29)]);
  assert.equal(dayRange("2023-02-29"), null);
  assert.equal(dayRange("2024-13"), null);
  assert.equal(dayOf("2024-03-01"), dayNumber(2024, 3, 1));
  assert.equal(dayOf("2024-03-01T23:59:59Z"), dayNumber(2024, 3, 1));
  assert.equal(dayOf("not a date"), null);
});

test("hostile input never throws and never yields syntax: only plain words come out", () => {
  const hostile = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: "grapheme", maxLength: 200 }),
    fc
      .array(
        fc.constantFrom(
          '"',
          "(",
          ")",
          "*",
          ":",
          "^",
          "NEAR",
          "AND",
          "OR",
          "NOT",
          "-",
          "+",
          "author:",
          "cat:",
          "from:",
          "\\",
          "'",
          "{",
          "}",
          "\u0000",
          "\u202e",
          "🧪",
          "é",
          " ",
          "doi:",
          "10.1/x",
        ),
        { maxLength: 40 },
      )
      .map((xs) => xs.join("")),
  );
  fc.assert(
    fc.property(hostile, (text) => {
      const q = parseQuery(text);
      for (const w of q.words) assert.match(w, /^[\p{L}\p{N}]+$/u);
      assert.ok(q.words.length <= 32);
      for (const a of q.authors) for (const w of a) assert.match(w, /^[\p{L}\p{N}]+$/u);
      for (const p of [...q.phrases, ...q.excluded]) {
        assert.ok(p.length >= 1 && p.length <= 12);
        for (const w of p) assert.match(w, /^[\p{L}\p{N}]+$/u);
      }
      for (const p of q.phrases) assert.ok(p.length >= 2, "a one-word quote is a plain word");
      assert.ok(q.phrases.length <= 4 && q.excluded.length <= 8);
    }),
    { numRuns: 2000 },
  );
  assert.deepEqual(parseQuery(undefined as unknown as string).words, []);
});

test("quoted phrases and -exclusions; an unclosed quote and an inner hyphen are plain text", () => {
  const q = parseQuery('"State Space Models" -survey mamba -"large language" self-attention');
  assert.deepEqual(q.phrases, [["state", "space", "models"]]);
  assert.deepEqual(q.excluded, [["survey"], ["large", "language"]]);
  assert.deepEqual(q.words, ["state", "space", "models", "mamba", "self", "attention"]);
  const open = parseQuery('"foo" AND (bar "baz qux');
  assert.deepEqual(open.phrases, [], "a one-word quote is a word; an unclosed quote is a character");
  assert.deepEqual(open.words, ["foo", "and", "bar", "baz", "qux"]);
  assert.deepEqual(parseQuery("a - b --c").excluded, [], "a lone or doubled hyphen excludes nothing");
  const list = parseQuery("E2f-1, -2, -3 cells");
  assert.deepEqual(list.excluded, [], "a minus before a digit is a number");
  assert.deepEqual(list.words, ["e2f", "1", "2", "3", "cells"]);
  assert.deepEqual(
    parseQuery("-self-supervised x").excluded,
    [["self", "supervised"]],
    "-a-b excludes the phrase a b",
  );
  assert.deepEqual(parseQuery('author:"Yann LeCun" "graph nets"').phrases, [["graph", "nets"]]);
});

/** Plain words the analyser keeps as they are (lower-case ASCII letters). */
const plainWord = fc.stringMatching(/^[a-z]{1,8}$/);
type Part = { kind: "word" | "phrase" | "not"; words: string[] };

test("property: a query written from words, phrases and exclusions parses back into them", () => {
  const part: fc.Arbitrary<Part> = fc.oneof(
    plainWord.map((w) => ({ kind: "word" as const, words: [w] })),
    fc.array(plainWord, { minLength: 2, maxLength: 5 }).map((ws) => ({ kind: "phrase" as const, words: ws })),
    fc.array(plainWord, { minLength: 1, maxLength: 3 }).map((ws) => ({ kind: "not" as const, words: ws })),
  );
  fc.assert(
    fc.property(fc.array(part, { maxLength: 6 }), fc.constantFrom(" ", "  ", "\t"), (parts, gap) => {
      // Words that spell a filter (from:…) cannot be produced: the parts hold no colon.
      const text = parts
        .map((p) =>
          p.kind === "word"
            ? p.words[0]
            : p.kind === "phrase"
              ? `"${p.words.join(" ")}"`
              : p.words.length === 1
                ? `-${p.words[0]}`
                : `-"${p.words.join(" ")}"`,
        )
        .join(gap);
      const q = parseQuery(text);
      if (q.direct) return; // a run of digits could name a paper; letters never do
      const positive = parts.filter((p) => p.kind !== "not");
      assert.deepEqual(q.words, positive.flatMap((p) => p.words).slice(0, 32));
      assert.deepEqual(
        q.phrases,
        parts
          .filter((p) => p.kind === "phrase")
          .map((p) => p.words)
          .slice(0, 4),
      );
      assert.deepEqual(
        q.excluded,
        parts.filter((p) => p.kind === "not").map((p) => p.words),
      );
    }),
    { numRuns: 1000 },
  );
});

test("property: quotes never change which words are searched, only which must stand together", () => {
  fc.assert(
    fc.property(fc.array(plainWord, { minLength: 1, maxLength: 10 }), fc.nat(), fc.nat(), (ws, a, b) => {
      const i = a % ws.length;
      const j = i + (b % (ws.length - i));
      const quoted = [...ws.slice(0, i), `"${ws.slice(i, j + 1).join(" ")}"`, ...ws.slice(j + 1)].join(" ");
      const q = parseQuery(quoted);
      assert.deepEqual(q.words, parseQuery(ws.join(" ")).words);
      assert.deepEqual(q.phrases, j > i ? [ws.slice(i, j + 1)] : []);
    }),
    { numRuns: 1000 },
  );
});
