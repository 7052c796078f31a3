// papertide reindex: rebuild the search index from the papers table.
import { loadConfig } from "../../config.ts";
import { rebuildIndex, syncIndex } from "../../search/indexer.ts";
import { openStore } from "../../store/db.ts";
import { type Command, parseCommandArgs } from "../command.ts";
import { Progress } from "../progress.ts";

export const reindexCommand: Command = {
  name: "reindex",
  summary: "Rebuild the search index (terms, vectors, similar papers) from the stored papers",
  help: `Usage: papertide reindex [--catch-up]

Rebuilds the search index from the papers table: every paper is tokenised again and the vector
model is retrained. Searching keeps working meanwhile (on the old index until each paper is
redone). Imports keep the index up to date on their own; this is for repairs and upgrades.

Options:
  --catch-up   only index papers the index lacks or holds an older version of, remove papers
               that are gone, and retrain the vectors if the corpus has grown enough`,
  async run(argv) {
    const { values } = parseCommandArgs(argv, { "catch-up": { type: "boolean" } }, false);
    const store = await openStore(loadConfig().databaseUrl);
    try {
      const progress = new Progress("indexing", null);
      const started = Date.now();
      const onProgress = (done: number) => progress.update(done);
      const report = values["catch-up"]
        ? await syncIndex(store.db, onProgress)
        : await rebuildIndex(store.db, onProgress);
      progress.done();
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      console.log(
        `indexed ${report.indexed}, removed ${report.removed}, vectors ${report.retrained ? "retrained" : `filled ${report.vectors}`} (${secs} s)`,
      );
      return 0;
    } finally {
      await store.close();
    }
  },
};
