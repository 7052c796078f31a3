// papertide reindex: rebuild the search index from the papers table.
import { loadConfig } from "../../config/load.ts";
import { expandPending } from "../../search/expansion.ts";
import { rebuildIndex, syncIndex } from "../../search/indexer.ts";
import { SearchState } from "../../search/state.ts";
import { fillAuthorIndex } from "../../store/authors.ts";
import { openStore } from "../../store/db.ts";
import { type Command, parseCommandArgs } from "../command.ts";
import { Progress } from "../progress.ts";

export const reindexCommand: Command = {
  name: "reindex",
  summary: "Rebuild the search index (terms, vectors, expansions, similar papers) from the stored papers",
  help: `Usage: papertide reindex [--catch-up]

Rebuilds the search index from the papers table: every paper is tokenised again, the vector
model is retrained and every paper's expansion (the telling terms of its nearest papers) is
computed again, and the author index (author pages) is filled again. Searching keeps working meanwhile (on the old index until each paper is
redone). Imports keep the terms and vectors up to date on their own, and \`papertide serve\`
computes expansions in the background; this is for repairs, upgrades and a first bulk load.

Options:
  --catch-up   only index papers the index lacks or holds an older version of, remove papers
               that are gone, retrain the vectors if the corpus has grown enough, and expand
               the papers that lack a current expansion`,
  async run(argv) {
    const { values } = parseCommandArgs(argv, { "catch-up": { type: "boolean" } }, false);
    const store = await openStore(loadConfig().databaseUrl);
    try {
      // This command's own search index of the store (no server's engine is involved).
      const search = new SearchState(store.db);
      const progress = new Progress("indexing", null);
      const started = Date.now();
      const onProgress = (done: number) => progress.update(done);
      const report = values["catch-up"]
        ? await syncIndex(search, onProgress)
        : await rebuildIndex(search, onProgress);
      progress.done();
      const expanding = new Progress("expanding", null);
      const expanded = await expandPending(search, { onProgress: (done) => expanding.update(done) });
      expanding.done();
      // The author index is derived too: a full rebuild fills it again from the stored papers.
      // One transaction: author pages read the old index until the new one is complete.
      const authors = values["catch-up"]
        ? null
        : await store.db.transaction().execute((trx) => fillAuthorIndex(trx));
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      console.log(
        `indexed ${report.indexed}, removed ${report.removed}, vectors ${report.retrained ? "retrained" : `filled ${report.vectors}`}, expanded ${expanded}${authors === null ? "" : `, author index of ${authors} papers`} (${secs} s)`,
      );
      return 0;
    } finally {
      await store.close();
    }
  },
};
