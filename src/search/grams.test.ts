import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { termOf } from "./analyze.ts";
import { bytesOf, float64s, uint32s } from "./codec.ts";
import { GramStats, type GramText, gramCodes, gramCodesPlain, gramsOf } from "./grams.ts";

/** Pieces of text the fast scanner treats specially: stop words in any case, accents, folding, astral letters, long words. */
const FRAGMENTS = [
  "the",
  "The",
  "THE",
  "of",
  "And",
  "a",
  "s",
  "t",
  "partnership",
  "Partner",
  "E2Fs",
  "p16(INK4a)",
  "p16INK4A",
  "Schrödinger",
  "SCHRÖDINGER",
  "naïve",
  "café",
  "ﬁne", // ligature: folds to "fine"
  "½", // folds to "1⁄2": two words
  "x²",
  "İstanbul",
  "𝓐",
  "𝓐𝓽𝓽𝓮𝓷𝓽𝓲𝓸𝓷",
  "😀",
  "👩‍🔬",
  "α-helix",
  "β",
  "日本語",
  "—",
  "–",
  "-",
  " ",
  "  ",
  "\n",
  ".",
  ",",
  "(",
  ")",
  "/",
  "_",
  "0",
  "42",
  "Q",
  "x",
  "\u0301", // a lone combining accent
];

/** A long word (the scanner clips words at 64 code units, as `words` does). */
const longWord = fc
  .array(fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789é"), {
    minLength: 60,
    maxLength: 140,
  })
  .map((cs) => cs.join(""));

const text = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }), // lone surrogates too
  fc.string({ maxLength: 60 }), // printable ASCII: the fast path
  fc
    .array(
      fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...FRAGMENTS) },
        { weight: 1, arbitrary: longWord },
        { weight: 2, arbitrary: fc.string({ unit: "grapheme-composite", maxLength: 6 }) },
      ),
      { maxLength: 30 },
    )
    .map((parts) => parts.join("")),
);

test("gramCodes equals the plain definition on arbitrary text", () => {
  // One output array reused across calls (as the scorer does): stale entries past the count must not matter.
  const out: number[] = [];
  fc.assert(
    fc.property(text, (t) => {
      const n = gramCodes(t, out);
      const plain = gramCodesPlain(t);
      assert.deepEqual(out.slice(0, n), plain);
      assert.deepEqual(gramsOf(t), plain);
    }),
    { numRuns: 2000 },
  );
});

test("gramCodes equals the plain definition on examples that exercise every branch", () => {
  for (const t of [
    "",
    "the of and",
    "The AND Of",
    "x",
    "ab",
    "Partnership of PARTNERS",
    "p16(INK4a) and p16INK4A",
    "Schrödinger's naïve café",
    "ﬁne ½ x² İstanbul",
    "𝓐 𝓐𝓽𝓽𝓮𝓷𝓽𝓲𝓸𝓷 attention",
    "a".repeat(200),
    "Σ^a bΣ` ΑΣ Σ", // sigma whose context the split does not change
    `${"B".repeat(63)}é${"c".repeat(10)}`,
    `${"z".repeat(64)}-${"y".repeat(65)} ${"w".repeat(64)}`,
  ]) {
    assert.deepEqual(gramsOf(t), gramCodesPlain(t), JSON.stringify(t));
  }
  // Stop words are dropped, whatever their case; others padded and cut in threes.
  assert.deepEqual(gramsOf("THE Of"), []);
  assert.equal(gramsOf("x").length, 1);
  assert.equal(gramsOf("ab").length, 2); // #ab ab#
  assert.equal(gramsOf("Partner").length, "#partner#".length - 2);
  assert.deepEqual(gramsOf("PARTNER"), gramsOf("partner"));
});

// Greek capital sigma lower-cases by its context (final "ς" after a letter, "σ" otherwise), and
// the context reaches across "'", ".", ":", "^" and "`" (case-ignorable): a scanner that
// lower-cased each run of letters apart got these wrong ("p.Σ": "σ" instead of "ς").
test("gramCodes equals the plain definition for Greek sigma next to case-ignorable punctuation", () => {
  for (const t of ["p.Σ", "A'Σ", "a^Σ", "ΑΣ.b", "ΟΔΟΣ:x", "ΑΣ`b"])
    assert.deepEqual(gramsOf(t), gramCodesPlain(t), t);
});

/** 3-gram BM25F written out from the plain definition: what `GramStats.score` must equal. */
function referenceScores(corpus: GramText[], query: string, texts: GramText[]): number[] {
  const N = corpus.length;
  const df = new Map<number, number>();
  let titleSum = 0;
  let abstractSum = 0;
  for (const c of corpus) {
    const title = gramCodesPlain(c.title);
    const abstract = gramCodesPlain(c.abstract);
    titleSum += title.length;
    abstractSum += abstract.length;
    for (const g of new Set([...title, ...abstract])) df.set(g, (df.get(g) ?? 0) + 1);
  }
  const titleAvg = Math.max(N ? titleSum / N : 0, 1);
  const abstractAvg = Math.max(N ? abstractSum / N : 0, 1);
  const idf = (g: number) => {
    const n = df.get(g);
    return n === undefined ? 0 : Math.log(1 + (N - n + 0.5) / (n + 0.5));
  };
  const qtf = new Map<number, number>();
  for (const g of gramCodesPlain(query)) if (df.has(g)) qtf.set(g, (qtf.get(g) ?? 0) + 1);
  const k1 = 1.2;
  const b = 0.75;
  return texts.map((t) => {
    const title = gramCodesPlain(t.title);
    const abstract = gramCodesPlain(t.abstract);
    let score = 0;
    for (const [g, q] of qtf) {
      const inTitle = title.filter((x) => x === g).length;
      const inAbstract = abstract.filter((x) => x === g).length;
      const tf =
        (3 * inTitle) / (1 - b + (b * title.length) / titleAvg) +
        inAbstract / (1 - b + (b * abstract.length) / abstractAvg);
      if (tf > 0) score += (idf(g) * q * (k1 + 1) * tf) / (k1 + tf);
    }
    return score;
  });
}

/** Words that share grams with each other (and stop words, and words the sample never saw). */
const VOCAB = [
  "partner",
  "partnership",
  "partners",
  "ship",
  "folate",
  "folic",
  "acid",
  "E2F",
  "E2Fs",
  "p16",
  "INK4a",
  "tumour",
  "tumor",
  "the",
  "of",
  "in",
  "naïve",
  "Schrödinger",
  "ﬁbre",
  "x",
  "ab",
  "zebrafish",
  "quokka",
  "𝓐",
];
const sentence = (max: number) =>
  fc.array(fc.constantFrom(...VOCAB), { maxLength: max }).map((ws) => ws.join(" "));
const gramText = fc.record({ title: sentence(6), abstract: sentence(25) });

test("GramStats.score equals 3-gram BM25F written out from the plain definition", () => {
  fc.assert(
    fc.property(
      fc.array(gramText, { maxLength: 12 }),
      fc.array(gramText, { minLength: 1, maxLength: 6 }),
      sentence(5),
      (corpus, texts, query) => {
        const stats = GramStats.fromTexts(corpus);
        const got = stats.score(query, texts);
        const expected = referenceScores(corpus, query, texts);
        assert.equal(got.length, texts.length);
        for (let i = 0; i < texts.length; i++)
          assert.ok(
            Math.abs(got[i] - expected[i]) <= 1e-9 * Math.max(1, expected[i]),
            `text ${i}: ${got[i]} vs ${expected[i]}`,
          );
      },
    ),
    { numRuns: 300 },
  );
});

test("GramStats.score equals the plain definition on arbitrary text (every branch of the scanner)", () => {
  // The scorer counts a candidate's grams in one fused scan (ASCII words looked up in place,
  // others through `words`); the query takes pieces of the texts so that grams do match.
  fc.assert(
    fc.property(
      fc.array(fc.record({ title: text, abstract: text }), { minLength: 1, maxLength: 5 }),
      fc.nat(),
      fc.nat(),
      (texts, pick, cut) => {
        const source = texts[pick % texts.length];
        const whole = `${source.title} ${source.abstract}`;
        const query = whole.slice(cut % (whole.length + 1)) + (texts.length > 1 ? ` ${texts[1].title}` : "");
        const stats = GramStats.fromTexts(texts);
        const got = stats.score(query, texts);
        const expected = referenceScores(texts, query, texts);
        for (let i = 0; i < texts.length; i++)
          assert.ok(
            Math.abs(got[i] - expected[i]) <= 1e-9 * Math.max(1, expected[i]),
            `text ${i}: ${got[i]} vs ${expected[i]}`,
          );
      },
    ),
    { numRuns: 1000 },
  );
});

test("GramStats survives encode and decode (through stored bytes) with the same idf and scores", () => {
  fc.assert(
    fc.property(
      fc.array(gramText, { maxLength: 12 }),
      fc.array(gramText, { minLength: 1, maxLength: 4 }),
      sentence(5),
      (corpus, texts, query) => {
        const stats = GramStats.fromTexts(corpus);
        const { codes, dfs } = stats.encode();
        assert.equal(codes.length, stats.df.size);
        for (let i = 1; i < codes.length; i++) assert.ok(codes[i - 1] < codes[i], "codes ascending");
        // As search_grams stores them: BLOBs read back as possibly unaligned bytes.
        const codeBytes = Buffer.concat([Buffer.alloc(1), bytesOf(codes)]).subarray(1);
        const dfBytes = Buffer.concat([Buffer.alloc(3), bytesOf(dfs)]).subarray(3);
        const back = GramStats.decode(
          stats.docs,
          stats.titleAvg,
          stats.abstractAvg,
          float64s(codeBytes),
          uint32s(dfBytes),
        );
        assert.deepEqual(
          [...back.df].sort((a, b) => a[0] - b[0]),
          [...stats.df].sort((a, b) => a[0] - b[0]),
        );
        for (const c of gramsOf(`${query} ${corpus.map((t) => t.abstract).join(" ")} unseen`))
          assert.equal(back.idf(c), stats.idf(c));
        assert.deepEqual(back.score(query, texts), stats.score(query, texts));
      },
    ),
    { numRuns: 200 },
  );
});

test("a gram the sample never had weighs nothing; an empty sample scores nothing", () => {
  const stats = GramStats.fromTexts([{ title: "folate", abstract: "folic acid" }]);
  for (const c of gramsOf("quokka")) assert.equal(stats.idf(c), 0);
  assert.deepEqual([...stats.score("quokka", [{ title: "quokka", abstract: "quokka" }])], [0]);
  const empty = GramStats.fromTexts([]);
  assert.equal(empty.docs, 0);
  assert.deepEqual([...empty.score("folate", [{ title: "folate", abstract: "" }])], [0]);
});

test('"partnership" finds "partner", which its stem does not', () => {
  assert.notEqual(termOf("partnership"), termOf("partner"), "stemming keeps them apart");
  const texts: GramText[] = [
    { title: "Public-private partner selection in health care", abstract: "How a partner is chosen." },
    { title: "Public-private collaboration in health care", abstract: "How a collaborator is chosen." },
    { title: "Hospital ships at sea", abstract: "Ships as hospitals." },
  ];
  const stats = GramStats.fromTexts([
    ...texts,
    { title: "Partnerships in research", abstract: "Research partnerships between universities." },
    { title: "Cell cycle control", abstract: "E2F transcription factors regulate the cell cycle." },
  ]);
  const [partner, collaborator, ships] = stats.score("partnership", texts);
  assert.ok(partner > 0, `the text with "partner" scores (${partner})`);
  assert.ok(partner > collaborator, `${partner} > ${collaborator}`);
  assert.ok(partner > ships, `${partner} > ${ships}`);
  // "ships" shares "shi", "hip": a little, less than "partner" shares.
  assert.ok(ships > collaborator);
});
