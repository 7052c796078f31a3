// npm run bench:burst — what a burst on the search page does to everyone else: /healthz latency
// (p50/p99, one connection) while 10 connections hammer /search with varying queries, against
// the demo dataset, for three servers in the same run:
//   before     PAPERTIDE_EXPENSIVE_RATE_LIMIT=off, PAPERTIDE_EXPENSIVE_CONCURRENCY=off (no bounds)
//   gate only  rate limit off, the concurrency gate at its default (a burst from many addresses)
//   after      the defaults (per-client budget and gate)
// and the ratio of each to "before".
//
// BENCH_SECONDS (default 10) per server; BENCH_CONNECTIONS (default 10) for the burst.
import { fork } from "node:child_process";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import type { BenchServerReady } from "./httpServer.ts";
import { machineLine } from "./support/measure.ts";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const here = path.dirname(new URL(import.meta.url).pathname);

const WORDS = ["diffusion", "models", "graph", "neural", "language", "vision", "transformer", "learning"];
const WORDS2 = ["attention", "policy", "robust", "sparse", "retrieval", "agents", "reasoning"];
let n = 0;
/** A different query each time: no cache (ours or SQLite's) makes the burst cheaper than real. */
function nextSearch(): string {
  n++;
  const q = `${WORDS[n % WORDS.length]} ${WORDS2[(n >> 3) % WORDS2.length]}`;
  return `/search?q=${encodeURIComponent(q)}&p=${n % 3}`;
}

interface Result {
  label: string;
  healthP50: number;
  healthP99: number;
  healthRps: number;
  searches: Record<string, number>;
}

async function run(label: string, env: Record<string, string>): Promise<Result> {
  const server = fork(path.join(here, "httpServer.ts"), [], {
    execArgv: ["--import", "tsx"],
    stdio: "inherit",
    env: { ...process.env, BENCH_KEEP_LIMITS: "1", ...env },
  });
  const ready = await new Promise<BenchServerReady>((resolve, reject) => {
    server.once("message", (m) => resolve(m as BenchServerReady));
    server.once("exit", (code) => reject(new Error(`bench server exited early (code ${code})`)));
  });
  const base = `http://127.0.0.1:${ready.port}`;
  try {
    // Warm-up from another address than the burst's (the budget is per client): search engine
    // loaded, JIT warm.
    for (let i = 0; i < 3; i++) {
      const res = await fetch(base + nextSearch(), { headers: { "x-forwarded-for": "192.0.2.1" } });
      await res.arrayBuffer();
    }
    const burst = autocannon({
      url: base,
      connections,
      duration: seconds,
      requests: [{ setupRequest: (req) => ({ ...req, path: nextSearch() }) }],
    });
    const health = await autocannon({ url: `${base}/healthz`, connections: 1, duration: seconds });
    const stats =
      ((await burst) as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
    const statuses = Object.fromEntries(Object.entries(stats).map(([s, v]) => [s, v.count]));
    return {
      label,
      healthP50: health.latency.p50,
      healthP99: health.latency.p99,
      healthRps: health.requests.average,
      searches: statuses,
    };
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
  }
}

console.log(
  `bench:burst — ${machineLine()}, ${os.platform()} ${os.release()}, load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
console.log(
  `command: BENCH_SECONDS=${seconds} BENCH_CONNECTIONS=${connections} npm run bench:burst — ${connections} connections on /search (varying queries) for ${seconds} s, /healthz on 1 connection meanwhile; demo dataset, separate server process`,
);
const results = [
  await run("before (limits off)", {
    PAPERTIDE_EXPENSIVE_RATE_LIMIT: "off",
    PAPERTIDE_EXPENSIVE_CONCURRENCY: "off",
  }),
  await run("gate only (no per-client limit)", { PAPERTIDE_EXPENSIVE_RATE_LIMIT: "off" }),
  await run("after (defaults)", {}),
];
const [before] = results;
for (const r of results) {
  const answers = Object.entries(r.searches)
    .map(([s, c]) => `${c} × ${s}`)
    .join(", ");
  console.log(
    `${r.label.padEnd(32)} /healthz p50 ${r.healthP50.toFixed(1)} ms, p99 ${r.healthP99.toFixed(1)} ms (${Math.round(r.healthRps)} req/s); p99 ${(r.healthP99 / Math.max(before.healthP99, 0.1)).toFixed(3)}× before, p50 ${(r.healthP50 / Math.max(before.healthP50, 0.1)).toFixed(3)}× before; searches: ${answers}`,
  );
}
