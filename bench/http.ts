// npm run bench:http — requests/s and latency of the main routes against the demo dataset,
// next to a ceiling measured in the same run: GET /healthz, the cheapest route the server has
// (no database, no rendering). The ceiling runs before and after the others; its median is used.
// Target (issue "Papertide core"): the home page at ≥ 50% of the ceiling's requests/s.
//
// BENCH_SECONDS (default 10) per route; BENCH_CONNECTIONS (default 10) concurrent connections.
import { fork } from "node:child_process";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import type { BenchServerReady } from "./httpServer.ts";
import { machineLine, median } from "./support/measure.ts";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const TARGET_RATIO = 0.5;

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
const server = fork(path.join(here, "httpServer.ts"), [], {
  execArgv: ["--import", "tsx"],
  stdio: "inherit",
});
const ready = await new Promise<BenchServerReady>((resolve, reject) => {
  server.once("message", (m) => resolve(m as BenchServerReady));
  server.once("exit", (code) => reject(new Error(`bench server exited early (code ${code})`)));
});
const base = `http://127.0.0.1:${ready.port}`;

async function measure(label: string, route: string): Promise<Run> {
  // Status of one plain request, so a 404 route cannot pass for a fast one.
  const probe = await fetch(base + route);
  await probe.arrayBuffer();
  // A short warm-up: JIT, SQLite page cache, lazily built things.
  await autocannon({ url: base + route, connections, duration: 1 });
  const r = await autocannon({ url: base + route, connections, duration: seconds });
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

const command = `BENCH_SECONDS=${seconds} BENCH_CONNECTIONS=${connections} npm run bench:http`;
console.log(
  `bench:http — ${machineLine()}, ${os.platform()} ${os.release()}, load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
console.log(`command: ${command}`);
console.log(
  `server: separate process, demo dataset (${ready.papers} papers), API rate limit off; autocannon ${connections} connections, ${seconds} s per route after a 1 s warm-up`,
);

const ceilings: Run[] = [await measure("ceiling (before)", "/healthz")];
const routes: Run[] = [];
for (const [label, route] of [
  ["home page", "/"],
  ["paper page", `/papers/${ready.paperId}`],
  ["API daily papers", "/api/daily_papers"],
  // Search-as-you-type: one request per keystroke (after the debounce), never cached in-process.
  ["API suggest", "/api/papers/suggest?q=diffusion%20tra"],
  ["search page", "/search?q=diffusion%20models"],
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
for (const r of routes.slice(1)) {
  if (r.status !== 200 || r.non2xx > 0)
    console.log(
      `note: ${r.path} answered ${r.status} (non-2xx ${r.non2xx}); its figures are not the real page's`,
    );
}
