// `papertide serve --workers 2`: two web processes on one port, on SQLite and on PostgreSQL.
// Whichever process answers, a client sees the same thing: the anonymous page cache of each
// process notices a write made elsewhere at the next request, the API's rate limit is one budget
// across processes, and /metrics reports the whole cluster.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { SearchState } from "../../src/search/state.ts";
import { openStore } from "../../src/store/db.ts";
import { ROOT } from "../support/cli.ts";
import { importPapers } from "../support/factories.ts";
import { tempPostgresUrl } from "../support/postgres.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "papertide-cluster-"));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The API budget of the test: every /api request of a run counts against it. */
const API_BUDGET = 30;

async function start(databaseUrl: string): Promise<{ child: ChildProcess; base: string; out: () => string }> {
  const child = spawn(process.execPath, [path.join(ROOT, "bin/papertide.js"), "serve", "--workers", "2"], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PAPERTIDE_DATA_DIR: dir,
      PAPERTIDE_PORT: "0",
      PAPERTIDE_DEMO: "0",
      PAPERTIDE_SCHEDULER: "0",
      PAPERTIDE_API_RATE_LIMIT: `${API_BUDGET}/minute`,
      PAPERTIDE_LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    out += d;
  });
  const deadline = Date.now() + 90_000;
  for (;;) {
    // Both processes have said where they listen.
    const ports = [...out.matchAll(/running at http:\/\/[^:]+:(\d+)\//g)].map((m) => m[1]);
    if (ports.length >= 2) {
      assert.equal(new Set(ports).size, 1, "the processes share one port");
      return { child, base: `http://127.0.0.1:${ports[0]}`, out: () => out };
    }
    if (child.exitCode !== null) throw new Error(`serve exited early:\n${out}`);
    if (Date.now() > deadline) throw new Error(`serve did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  child.kill("SIGTERM");
  return new Promise((r) => child.on("close", (code) => r(code)));
}

/** A GET on a new connection each time, so the cluster may hand it to either process. */
function get(
  base: string,
  p: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}${p}`, { agent: false, headers: { connection: "close" } }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => {
          body += c;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      })
      .on("error", reject);
  });
}

for (const backend of ["sqlite", "postgres"] as const) {
  test(`two web processes on ${backend}: one cache truth, one rate limit, one /metrics`, {
    timeout: 180_000,
  }, async () => {
    const url =
      backend === "postgres"
        ? await tempPostgresUrl()
        : `sqlite:${path.join(dir, `cluster-${Date.now()}.db`)}`;
    const seed = await openStore(url);
    const ctx = { services: { search: new SearchState(seed.db) } };
    await importPapers(ctx, [
      {
        id: "2606.01001",
        title: "Sparse attention for long documents",
        day: "2026-06-10",
        categories: ["cs.LG"],
        featured: true,
      },
    ]);
    const server = await start(url);
    try {
      let apiRequests = 0;
      const daily = async () => {
        apiRequests++;
        const r = await get(server.base, "/api/daily_papers?date=2026-06-10");
        assert.equal(r.status, 200, r.body);
        return r;
      };
      // Enough requests for both processes to have cached the list.
      const first: string[] = [];
      for (let i = 0; i < 6; i++) first.push(String((await daily()).headers["x-cache"]));
      assert.ok(first.filter((c) => c === "hit").length >= 2, `cached by the processes: ${first.join(",")}`);

      // A write by another process (an import) is seen by the next request to each process.
      await importPapers(ctx, [
        {
          id: "2606.01002",
          title: "Graph networks at scale",
          day: "2026-06-10",
          categories: ["cs.LG"],
          featured: true,
        },
      ]);
      for (let i = 0; i < 6; i++) {
        const r = await daily();
        assert.match(
          r.body,
          /2606\.01002/,
          `request ${i + 1} after the write sees it (x-cache ${r.headers["x-cache"]})`,
        );
      }

      // /metrics (read from this machine) sums both processes.
      const metrics = await get(server.base, "/metrics");
      assert.equal(metrics.status, 200);
      assert.match(metrics.body, /^papertide_web_processes 2$/m);
      const counted =
        /^papertide_http_requests_total\{method="GET",route="\/api\/daily_papers",status="200"\} (\d+)$/m.exec(
          metrics.body,
        );
      assert.equal(Number(counted?.[1]), apiRequests, "the counts of both processes are summed");

      // One budget for the client across both processes.
      let allowed = apiRequests;
      for (let i = 0; i < API_BUDGET + 5; i++) {
        const r = await get(server.base, "/api/daily_papers?date=2026-06-10");
        if (r.status === 429) break;
        assert.equal(r.status, 200);
        allowed++;
      }
      assert.equal(allowed, API_BUDGET, "the limit holds across processes");
    } finally {
      assert.equal(await stop(server.child), 0, server.out());
      await seed.close();
    }
  });
}
