// npm run bench:http — requests/s and latency of the main routes against the demo dataset (or
// the 74,728-paper sample), next to a ceiling measured in the same run: GET /healthz, the cheapest
// route the server has (no database, no rendering). The ceiling runs before and after the others;
// its median is used. The search page and the API search run the same query, so the page's own
// work (counting, highlighting, rendering) shows as their ratio. Targets, as ratios of one run:
// the home page at ≥ 50% of the ceiling's requests/s; the search page at ≥ 60% of the API
// search's; the search page's p99 at most 4× its p50.
//
// BENCH_SECONDS (default 10) per route; BENCH_CONNECTIONS (default 10) concurrent connections;
// BENCH_DATASET=sample serves the arXiv sample instead of the demo: a copy of the database
// `BENCH_SCALES=75k BENCH_REUSE_DB=1 npm run bench:search` keeps in $BENCH_DIR (imported here
// through the CLI, with its expansions, when missing), or BENCH_DATABASE=<file> any imported one.
import { fork, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import type { BenchServerReady } from "./httpServer.ts";
import { machineLine, median } from "./support/measure.ts";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const TARGET_RATIO = 0.5;
const SEARCH_PAGE_RATIO = 0.6;
const SEARCH_TAIL = 4;
const SEARCH_QUERY = "diffusion models";

interface Run {
  label: string;
  path: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  status: number;
}

const here = path.dirname(new URL(import.meta.url).pathname);
const dataset = process.env.BENCH_DATASET ?? "demo";
if (dataset !== "demo" && dataset !== "sample")
  throw new Error(`BENCH_DATASET is demo or sample, not "${dataset}"`);
const database = process.env.BENCH_DATABASE ?? (dataset === "sample" ? await sampleDatabase() : undefined);

/** The sample's database where bench:search keeps it, imported (and expanded) first if missing. */
async function sampleDatabase(): Promise<string> {
  const work = path.resolve(process.env.BENCH_DIR ?? path.join(os.tmpdir(), "papertide-bench-search"));
  const dir = path.join(work, "db-74728");
  const db = path.join(dir, "bench.db");
  if (fs.existsSync(path.join(dir, "imported"))) return db;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const cli = path.join(here, "../src/cli/main.ts");
  const sample = path.join(here, "../../shared/data/arxiv-sample.jsonl.gz");
  console.log(`importing the sample into ${db} (once; bench:search with BENCH_REUSE_DB=1 reuses it)…`);
  for (const args of [
    ["import", sample, "--quiet"],
    ["reindex", "--catch-up"],
  ]) {
    const r = spawnSync(process.execPath, ["--import", "tsx", cli, ...args], {
      env: { ...process.env, DATABASE_URL: `sqlite:${db}` },
      stdio: "inherit",
    });
    if (r.status !== 0) throw new Error(`papertide ${args[0]} failed (exit ${r.status})`);
  }
  fs.writeFileSync(path.join(dir, "imported"), JSON.stringify({ at: new Date().toISOString() }));
  return db;
}

const server = fork(path.join(here, "httpServer.ts"), [], {
  execArgv: ["--import", "tsx"],
  stdio: "inherit",
  env: database ? { ...process.env, BENCH_DATABASE: database } : process.env,
});
const ready = await new Promise<BenchServerReady>((resolve, reject) => {
  server.once("message", (m) => resolve(m as BenchServerReady));
  server.once("exit", (code) => reject(new Error(`bench server exited early (code ${code})`)));
});
const base = `http://127.0.0.1:${ready.port}`;

// Requests carry the Accept-Encoding a browser sends (Chromium's), as every visitor's do: a page
// then goes out as the brotli bytes the cache keeps (the sample's home page: 10 KB instead of
// 60 KB). Without it the home page measured 41–46% of the ceiling on the sample, bound by
// copying the plain body, and 91% with it, in the same minutes.
const ACCEPT_ENCODING = "gzip, deflate, br";

async function measure(label: string, route: string): Promise<Run> {
  // Status of one plain request, so a 404 route cannot pass for a fast one.
  const probe = await fetch(base + route);
  await probe.arrayBuffer();
  // A short warm-up: JIT, SQLite page cache, lazily built things.
  const headers = { "accept-encoding": ACCEPT_ENCODING };
  await autocannon({ url: base + route, connections, duration: 1, headers });
  const r = await autocannon({ url: base + route, connections, duration: seconds, headers });
  return {
    label,
    path: route,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    status: probe.status,
  };
}

const command = `BENCH_SECONDS=${seconds} BENCH_CONNECTIONS=${connections}${dataset === "sample" ? " BENCH_DATASET=sample" : ""} npm run bench:http`;
console.log(
  `bench:http — ${machineLine()}, ${os.platform()} ${os.release()}, load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
console.log(`command: ${command}`);
console.log(
  `server: separate process, ${database ? `a copy of ${database}` : "demo dataset"} (${ready.papers} papers), API rate limit off; autocannon ${connections} connections, ${seconds} s per route after a 1 s warm-up, Accept-Encoding: ${ACCEPT_ENCODING}`,
);

const ceilings: Run[] = [await measure("ceiling (before)", "/healthz")];
const routes: Run[] = [];
for (const [label, route] of [
  ["home page", "/"],
  ["paper page", `/papers/${ready.paperId}`],
  ["API daily papers", "/api/daily_papers"],
  // Search-as-you-type: one request per keystroke (after the debounce), never cached in-process.
  ["API suggest", "/api/papers/suggest?q=diffusion%20tra"],
  // The same query through the API (20 hits, as the page shows) and the page.
  ["API search", `/api/papers/search?q=${encodeURIComponent(SEARCH_QUERY)}&limit=20`],
  ["search page", `/search?q=${encodeURIComponent(SEARCH_QUERY)}`],
] as const) {
  routes.push(await measure(label, route));
}
ceilings.push(await measure("ceiling (after)", "/healthz"));
server.disconnect();

const ceilingRps = median(ceilings.map((c) => c.rps));
const row = (r: Run, ratio: string) =>
  [
    r.label.padEnd(18),
    r.path.padEnd(26),
    String(r.status).padStart(6),
    Math.round(r.rps).toString().padStart(8),
    `${r.p50.toFixed(1)} ms`.padStart(9),
    `${r.p99.toFixed(1)} ms`.padStart(9),
    ratio.padStart(8),
    String(r.non2xx + r.errors).padStart(10),
  ].join("  ");
console.log();
console.log(
  [
    "route".padEnd(18),
    "path".padEnd(26),
    "status",
    "req/s".padStart(8),
    "p50".padStart(9),
    "p99".padStart(9),
    "vs ceil".padStart(8),
    "non-2xx/err".padStart(10),
  ].join("  "),
);
for (const c of ceilings) console.log(row(c, "—"));
console.log(
  row(
    {
      label: "ceiling (median)",
      path: "/healthz",
      rps: ceilingRps,
      p50: median(ceilings.map((c) => c.p50)),
      p99: median(ceilings.map((c) => c.p99)),
      non2xx: 0,
      errors: 0,
      status: 200,
    },
    "100%",
  ),
);
for (const r of routes) console.log(row(r, `${((r.rps / ceilingRps) * 100).toFixed(0)}%`));

const home = routes[0];
const ratio = home.rps / ceilingRps;
console.log();
if (home.status !== 200 || home.non2xx > 0) {
  // A 404 is cheap: its speed says nothing about the real page.
  console.log(
    `target: home page ≥ ${TARGET_RATIO * 100}% of the ceiling -> NOT MEASURED (GET / answered ${home.status}; non-2xx ${home.non2xx})`,
  );
} else {
  console.log(
    `target: home page ≥ ${TARGET_RATIO * 100}% of the ceiling -> ${ratio >= TARGET_RATIO ? "MET" : "NOT MET"} (${(ratio * 100).toFixed(0)}%: ${Math.round(home.rps)} vs ${Math.round(ceilingRps)} req/s)`,
  );
}
const apiSearch = routes.find((r) => r.label === "API search");
const searchPage = routes.find((r) => r.label === "search page");
if (apiSearch && searchPage) {
  const share = searchPage.rps / apiSearch.rps;
  console.log(
    `target: search page ≥ ${SEARCH_PAGE_RATIO * 100}% of the API search's req/s (same query) -> ${share >= SEARCH_PAGE_RATIO ? "MET" : "NOT MET"} (${(share * 100).toFixed(0)}%: ${Math.round(searchPage.rps)} vs ${Math.round(apiSearch.rps)} req/s)`,
  );
  const tail = searchPage.p99 / Math.max(searchPage.p50, 1);
  console.log(
    `target: search page p99 ≤ ${SEARCH_TAIL}× its p50 at ${connections} connections -> ${tail <= SEARCH_TAIL ? "MET" : "NOT MET"} (${tail.toFixed(1)}×: p50 ${searchPage.p50.toFixed(1)} ms, p99 ${searchPage.p99.toFixed(1)} ms)`,
  );
}
for (const r of routes.slice(1)) {
  if (r.status !== 200 || r.non2xx > 0)
    console.log(
      `note: ${r.path} answered ${r.status} (non-2xx ${r.non2xx}); its figures are not the real page's`,
    );
}
