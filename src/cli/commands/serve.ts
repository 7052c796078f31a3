// papertide serve: run the web server (pages + API) on the configured database; with
// --workers N, N web processes on one port (node:cluster).
import cluster from "node:cluster";
import { AggregatorRegistry } from "prom-client";
import { environment, loadConfig } from "../../config/load.ts";
import { loadDemoIfEmpty } from "../../demo/loadDemo.ts";
import { SearchState } from "../../search/state.ts";
import { openStore } from "../../store/db.ts";
import { METRICS_REPLY, METRICS_REQUEST } from "../../web/http/metrics.ts";
import { startServer } from "../../web/start.ts";
import { type Command, parseCommandArgs } from "../command.ts";

/** A web process that exits on its own within this long of starting is not restarted at once. */
const CRASH_LOOP_MS = 10_000;

export const serveCommand: Command = {
  name: "serve",
  summary: "Run the web server (pages and JSON API)",
  help: `Usage: papertide serve [--port N] [--host H] [--workers N]

Serves Papertide on http://HOST:PORT (default http://127.0.0.1:3000) using DATABASE_URL
(default: an embedded SQLite file under ./data). On first start with an empty database the
committed demo dataset is loaded (disable with PAPERTIDE_DEMO=0).

Options:
  --port N      TCP port (env PAPERTIDE_PORT, default 3000)
  --host H      interface (env PAPERTIDE_HOST, default 127.0.0.1; 0.0.0.0 for all)
  --workers N   web processes sharing the port (env PAPERTIDE_WEB_WORKERS, default 1): each holds
                its own search engine in memory; sessions, rate limits and the page cache are
                kept in the database, so any process may answer any request. One per CPU core
                is a good start. A process that dies is started again.`,
  async run(argv) {
    const { values } = parseCommandArgs(
      argv,
      { port: { type: "string" }, host: { type: "string" }, workers: { type: "string" } },
      false,
    );
    // The flags win over the environment (the base URL's default follows the port).
    const config = loadConfig(
      environment({
        ...(values.port ? { PAPERTIDE_PORT: values.port } : {}),
        ...(values.host ? { PAPERTIDE_HOST: values.host } : {}),
        ...(values.workers ? { PAPERTIDE_WEB_WORKERS: values.workers } : {}),
      }),
    );
    const workers = config.webWorkers;
    if (workers === 1 || cluster.isWorker) {
      await startServer(config);
      return -1; // keep running
    }
    // The primary migrates and loads the demo once, so the web processes start on a ready
    // database instead of all waiting for the same lock; it serves nothing itself.
    const store = await openStore(config.databaseUrl);
    try {
      if (config.loadDemo) {
        const loaded = await loadDemoIfEmpty(new SearchState(store.db));
        if (loaded)
          console.log(`Loaded the demo dataset: ${loaded.new} papers, ${loaded.dailyEntries} featured.`);
      }
    } finally {
      await store.close();
    }
    superviseWorkers(workers);
    return -1;
  },
};

/** Forks the web processes, starts again one that dies, and stops them all on SIGINT/SIGTERM. */
function superviseWorkers(count: number): void {
  let stopping = false;
  const startedAt = new Map<number, number>();
  const fork = () => {
    const worker = cluster.fork();
    startedAt.set(worker.id, Date.now());
  };
  cluster.on("exit", (worker, code, signal) => {
    const age = Date.now() - (startedAt.get(worker.id) ?? 0);
    startedAt.delete(worker.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(
      `papertide serve: web process ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting another`,
    );
    // A process that cannot even start (a bad setting, the port taken) would loop: wait first.
    setTimeout(fork, age < CRASH_LOOP_MS ? CRASH_LOOP_MS - age : 0).unref();
  });
  // A scrape of /metrics reaches one web process, which asks here for every process's figures.
  const aggregator = new AggregatorRegistry();
  cluster.on("message", (worker, message) => {
    const msg = message as { type?: string; id?: string };
    if (msg?.type !== METRICS_REQUEST) return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: METRICS_REPLY, id: msg.id, text }),
      () => worker.send({ type: METRICS_REPLY, id: msg.id, error: true }),
    );
  });
  for (let i = 0; i < count; i++) fork();
  console.log(`papertide serve: ${count} web processes (primary ${process.pid})`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      stopping = true;
      const alive = Object.values(cluster.workers ?? {});
      if (alive.length === 0) process.exit(0);
      for (const w of alive) w?.process.kill("SIGTERM");
      // Past this, whatever has not closed is ended.
      setTimeout(() => process.exit(1), 30_000).unref();
    });
  }
}
