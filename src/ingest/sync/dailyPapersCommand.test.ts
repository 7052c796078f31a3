// `papertide sync daily-papers` and the sync lines of `papertide stats`, end to end: real
// processes on a real database file, the daily-papers API replaced by the recorded response.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { ROOT } from "../../../test/support/cli.ts";
import { fixture, type ReplayServer, startReplayServer } from "./replayServer.test-helper.ts";

let server: ReplayServer;
let dir: string;
let answers = 0;

before(async () => {
  server = await startReplayServer((req) => {
    if (req.path !== "/api/daily_papers") return { status: 404, body: "not found" };
    answers++;
    return {
      headers: { "Content-Type": "application/json" },
      body: req.query.get("date") === "2026-06-12" ? fixture("hf/daily_papers.json") : "[]",
    };
  });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "papertide-daily-"));
});
after(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function papertide(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: `sqlite:${path.join(dir, "daily.db")}`,
      PAPERTIDE_DATA_DIR: dir,
      PAPERTIDE_USER_AGENT: "Papertide-e2e/1.0 (mailto:ops@example.org)",
      PAPERTIDE_ARXIV_MIN_INTERVAL_MS: "5",
      PAPERTIDE_ARXIV_OAI_URL: `${server.url}/oai`,
      PAPERTIDE_ARXIV_RSS_URL: `${server.url}/rss`,
      PAPERTIDE_ARXIV_API_URL: `${server.url}/api/query`,
    },
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => {
    out += d;
  });
  child.stderr.on("data", (d) => {
    err += d;
  });
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, out, err })));
}

test("sync daily-papers mirrors each day's featured papers; stats reports the source, and a failure", async () => {
  const run = await papertide(
    "sync",
    "daily-papers",
    "--url",
    `${server.url}/api/daily_papers`,
    "--from",
    "2026-06-11",
    "--until",
    "2026-06-13",
  );
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, /mirrored 3 days \(2026-06-12 30\): read 30, new 30, .*featured 30/);
  assert.equal(answers, 3);

  let stats = await papertide("stats", "--json");
  assert.equal(stats.code, 0, stats.err);
  const parsed = JSON.parse(stats.out);
  assert.equal(parsed.featuredEntries, 30);
  assert.deepEqual(
    parsed.sync.map((s: { source: string; failures: number }) => [s.source, s.failures]),
    [["daily-papers", 0]],
  );

  // A source that answers 404 fails the run; stats shows the error next to the last success.
  const failed = await papertide(
    "sync",
    "daily-papers",
    "--url",
    `${server.url}/gone`,
    "--from",
    "2026-06-12",
    "--until",
    "2026-06-12",
  );
  assert.equal(failed.code, 1);
  assert.match(failed.err, /HTTP 404/);
  stats = await papertide("stats");
  assert.match(
    stats.out,
    /sync daily-papers +last success \S+ \(lag \d+ s\); failing: 1 in a row, next try \S+; last error \S+: .*HTTP 404/,
  );

  const usage = await papertide("sync", "daily-papers", "--url", "ftp://example.org/x");
  assert.equal(usage.code, 2);
  assert.match(usage.err, /--url wants an http\(s\) URL/);
});
