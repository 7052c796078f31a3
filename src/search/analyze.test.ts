import assert from "node:assert/strict";
import { test } from "node:test";
import { analyze, categoryTerms, termOf, words } from "./analyze.ts";

test("words: lower-cased runs of letters and digits, accents and compatibility forms folded", () => {
  assert.deepEqual(words("Schrödinger's CAFÉ: x² ﬁnite-size (COVID-19)"), [
    "schrodinger",
    "s",
    "cafe",
    "x2",
    "finite",
    "size",
    "covid",
    "19",
  ]);
  assert.deepEqual(words("北京 大学 Ω-model"), ["北京", "大学", "ω", "model"]);
  assert.deepEqual(
    words("𝓐𝓽𝓽𝓮𝓷𝓽𝓲𝓸𝓷 𝐈𝐒 Ｆｏｏ"),
    ["attention", "is", "foo"],
    "math letters fold to lower case",
  );
  assert.deepEqual(words('"NEAR(a* OR b)^2" -- :'), ["near", "a", "or", "b", "2"]);
  assert.deepEqual(words(""), []);
  assert.equal(words("x".repeat(500))[0].length, 64, "absurdly long words are cut");
});

test("terms: stop words dropped, English words Porter-stemmed, others kept as they are", () => {
  assert.deepEqual(analyze("The networks are learning on graphs"), ["network", "learn", "graph"]);
  assert.equal(termOf("the"), null);
  assert.equal(termOf("we"), null);
  assert.equal(termOf("transformers"), termOf("transformer"));
  assert.equal(termOf("studies"), termOf("study"));
  assert.equal(termOf("gpt4"), "gpt4", "words with digits are not stemmed");
  assert.equal(termOf("北京"), "北京");
});

test("category terms: the category and its archive, in a namespace no word can reach", () => {
  assert.deepEqual(categoryTerms(["cs.LG", "stat.ML", "cs.AI"]).sort(), [
    "cat:cs",
    "cat:cs.ai",
    "cat:cs.lg",
    "cat:stat",
    "cat:stat.ml",
  ]);
  assert.deepEqual(categoryTerms(["hep-th"]), ["cat:hep-th"]);
  for (const t of categoryTerms(["cs.LG"])) assert.ok(!words(`category ${t}`).includes(t));
});
