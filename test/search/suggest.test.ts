// Search-as-you-type on titles: prefixes, one typo, several words, stop words.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { importRecords } from "../../src/ingest/importer.ts";
import { SearchState } from "../../src/search/state.ts";
import { suggestAuthors, suggestTitles } from "../../src/search/suggest.ts";
import { type TempStore, tempStore } from "../support/tempStore.ts";
import { LIBRARY, paper } from "./fixtures.ts";

let store: TempStore;
let state: SearchState;
before(async () => {
  store = await tempStore("papertide-suggest-");
  state = new SearchState(store.db);
  await importRecords(state, [
    ...LIBRARY,
    paper({ id: "2411.00013", title: "Transformation Groups in Topology" }),
    paper({ id: "2411.00014", title: "Attention Deficit in Reading Children" }),
    paper({ id: "2411.00015", title: "Cyclic Codes over $\\mathbb{Z}_4$ and Lattices" }),
  ]);
});
after(() => store.cleanup());

const titles = async (text: string, limit = 5) =>
  (await suggestTitles(state, text, limit)).map((s) => s.title);

test("the word being typed is a prefix; earlier words must all appear", async () => {
  assert.deepEqual((await titles("transf")).sort(), [
    "Diffusion Transformers for Video",
    "Protein Structure Prediction with Transformers",
    "Transformation Groups in Topology",
  ]);
  assert.deepEqual(await titles("diffusion tra"), ["Diffusion Transformers for Video"]);
  assert.deepEqual((await titles("attention ")).sort(), [
    "Attention Deficit in Reading Children",
    "Attention Is All You Need, Again",
    "Efficient Attention for Long Documents",
  ]);
  assert.deepEqual(await titles("attention def"), ["Attention Deficit in Reading Children"]);
  assert.deepEqual(await titles(""), []);
  assert.deepEqual(await titles("zzzz"), []);
});

test("one typo is forgiven: substitution, transposition, missing or extra letter", async () => {
  for (const typo of ["quantim", "qunatum", "quntum", "quanttum"]) {
    assert.deepEqual(await titles(`${typo} err`), ["Quantum Error Correction with Surface Codes"], typo);
  }
  assert.deepEqual(await titles("diffsuion models"), ["Denoising Diffusion Models for Images"]);
  assert.deepEqual(
    await titles("reinforcment"),
    ["A Survey of Reinforcement Learning"],
    "typo in the prefix",
  );
});

test("stop words never block a suggestion, accents never matter", async () => {
  assert.equal((await titles("attention is al"))[0], "Attention Is All You Need, Again");
  assert.deepEqual(await titles("schrodinger bri"), ["Schrödinger Bridges for Generative Modeling"]);
  assert.equal((await suggestTitles(state, "at", 2)).length, 2, "limit holds");
  assert.deepEqual(await titles("a"), [], "one letter is not enough to suggest");
});

test("suggested titles are plain text: TeX shows as the characters it stands for", async () => {
  assert.deepEqual(await titles("cyclic codes"), ["Cyclic Codes over ℤ₄ and Lattices"]);
});

test("authors: every word typed starts a word of the name, in any order; most papers first", async () => {
  const names = async (text: string) =>
    (await suggestAuthors(state, text)).map((a) => `${a.name} ${a.papers}`);
  assert.deepEqual(await names("lovel"), ["Ada Lovelace 4"]);
  assert.deepEqual(await names("ada lov"), ["Ada Lovelace 4"]);
  assert.deepEqual(await names("lovelace ada"), ["Ada Lovelace 4"]);
  assert.deepEqual(await names("schrod"), ["Erwin Schrödinger 1"], "accents folded");
  assert.deepEqual((await names("a")).length, 0, "one letter is too little");
  assert.deepEqual(await names("qqqzz"), []);
  const t = await names("tur");
  assert.equal(t[0], "Alan Turing 3");
});

test("the start of an arXiv id suggests the papers whose id starts so, newest id first", async () => {
  const ids = async (text: string) => (await suggestTitles(state, text, 5)).map((s) => s.id);
  assert.deepEqual(await ids("2401.0000"), ["2401.00002", "2401.00001"]);
  assert.deepEqual(await ids("arXiv:2411.0001"), ["2411.00015", "2411.00014", "2411.00013"]);
  assert.deepEqual(await ids("hep-th/99"), ["hep-th/9901001"]);
  assert.deepEqual(await ids("2499."), []);
  assert.deepEqual(await suggestAuthors(state, "2401.0"), [], "an id is not a name");
});
