// `papertide reindex` fills the author index again from the stored papers (it is derived data).
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { authorSummary } from "../../src/store/authors.ts";
import { openStore } from "../../src/store/db.ts";
import { cliSandbox } from "../support/cli.ts";
import { addPapers, testPaper } from "../support/factories.ts";

const { dir, papertide } = cliSandbox("papertide-authors-cli-");

test("reindex refills a lost author index", async () => {
  const url = `sqlite:${path.join(dir, "cli.db")}`;
  let store = await openStore(url);
  await addPapers(store.db, [
    testPaper("2606.50001", { authors: ["Grace Hopper", "Alan Turing"] }),
    testPaper("2606.50002", { authors: ["Grace Hopper"] }),
  ]);
  await store.db.deleteFrom("paper_authors").execute();
  await store.close();
  const run = papertide("reindex");
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, /author index of 2 papers/);
  store = await openStore(url);
  try {
    assert.equal((await authorSummary(store.db, "grace hopper"))?.papers, 2);
    assert.equal((await authorSummary(store.db, "alan turing"))?.papers, 1);
  } finally {
    await store.close();
  }
});
