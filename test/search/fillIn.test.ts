// The semantic top-up (papers close in meaning, ranked below every word match) costs a pass over
// every paper's vector, so the engine skips it when the word matches already fill the results
// asked for: the answer must be the same as with the top-up.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { importRecords } from "../../src/ingest/importer.ts";
import { getEngine } from "../../src/search/engine.ts";
import { parseQuery } from "../../src/search/query.ts";
import { SearchState } from "../../src/search/state.ts";
import type { VectorStore } from "../../src/search/vectors.ts";
import { type TempStore, tempStore } from "../support/tempStore.ts";
import { scifact } from "./fixtures.ts";

let store: TempStore;
let state: SearchState;
before(async () => {
  store = await tempStore("papertide-fillin-");
  state = new SearchState(store.db);
  await importRecords(state, scifact(600));
});
after(() => store.cleanup());

test("word matches that fill the page skip the vector top-up; the results are those of a deeper search", async () => {
  const engine = await getEngine(state);
  const vectors = engine.vectors as VectorStore;
  assert.ok(vectors, "the 600 papers train a model");
  // A word in between 20 and 60 papers: fewer than the re-ranking depth (100), more than a page.
  let word: string | null = null;
  for (const text of ["cancer", "mice", "protein", "infection", "risk", "mortality", "brain", "insulin"]) {
    const [term] = engine.queryTerms([text]);
    const df = term ? engine.lexical.docFreq(term.id) : 0;
    if (df >= 20 && df <= 60) {
      word = text;
      break;
    }
  }
  assert.ok(word, "one of the words is in 20 to 60 papers");
  const q = parseQuery(word);
  let scans = 0;
  const nearest = vectors.nearest.bind(vectors);
  vectors.nearest = (...args) => {
    scans++;
    return nearest(...args);
  };
  const deep = await engine.search(q, { limit: 100 });
  assert.equal(scans, 1, "a deeper search than the word matches tops up from the vectors");
  assert.equal(deep.length, 100);
  for (const [limit, offset] of [
    [10, 0],
    [10, 10],
    [5, 15],
  ]) {
    assert.deepEqual(await engine.search(q, { limit, offset }), deep.slice(offset, offset + limit));
  }
  assert.equal(scans, 1, "pages the word matches fill need no top-up");
  // A page past the word matches does.
  assert.deepEqual(await engine.search(q, { limit: 10, offset: 60 }), deep.slice(60, 70));
  assert.equal(scans, 2);
});
