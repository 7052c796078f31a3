// The server under test for bench:http, run as its own process (forked by bench/http.ts) so the
// load generator does not share its event loop. Fresh temp database with the demo dataset, or a
// copy of an imported database (BENCH_DATABASE, a SQLite file: the 74,728-paper sample as
// bench:search imports it); reports {port, paperId} to the parent over IPC and cleans up when the
// parent disconnects.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../src/config/load.ts";
import { loadDemoIfEmpty } from "../src/demo/loadDemo.ts";
import { SearchState } from "../src/search/state.ts";
import { openStore } from "../src/store/db.ts";
import { buildServer } from "../src/web/server.ts";

export interface BenchServerReady {
  port: number;
  /** The most upvoted paper, for the paper-page route. */
  paperId: string;
  papers: number;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-http-"));
// The API's per-IP limit would turn a benchmark into a 429 benchmark: measure the handlers.
process.env.PAPERTIDE_API_RATE_LIMIT = "off";
// The same for the expensive pages' per-client budget, unless the bench is about the limits
// (bench:burst sets BENCH_KEEP_LIMITS and its own PAPERTIDE_EXPENSIVE_* values).
if (!process.env.BENCH_KEEP_LIMITS) process.env.PAPERTIDE_EXPENSIVE_RATE_LIMIT = "off";
const config = loadConfig({
  ...process.env,
  PAPERTIDE_DATA_DIR: dir,
  DATABASE_URL: undefined,
  PAPERTIDE_LOG_LEVEL: "warn",
});
const source = process.env.BENCH_DATABASE;
// A copy, so the run (sessions, caches, migrations) leaves the imported database as it was.
if (source) fs.copyFileSync(source, path.join(dir, "bench.db"));
const store = await openStore(`sqlite:${path.join(dir, "bench.db")}`);
const loaded = source ? null : await loadDemoIfEmpty(new SearchState(store.db));
const count = await store.db
  .selectFrom("papers")
  .select((eb) => eb.fn.countAll<number>().as("n"))
  .executeTakeFirstOrThrow();
const top = await store.db
  .selectFrom("papers")
  .select("id")
  .orderBy("upvotes", "desc")
  .orderBy("id")
  .executeTakeFirstOrThrow();
const app = await buildServer({ config, store }, { logger: false });
await app.listen({ host: "127.0.0.1", port: 0 });
const address = app.server.address();
const ready: BenchServerReady = {
  port: typeof address === "object" && address ? address.port : 0,
  paperId: top.id,
  papers: loaded?.new ?? Number(count.n),
};
process.send?.(ready);

async function shutdown() {
  await app.close();
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}
process.on("disconnect", shutdown);
process.on("SIGTERM", shutdown);
