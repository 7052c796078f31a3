// `papertide serve` as a newcomer runs it: the first start loads the demo into an empty data
// folder and serves pages; a second start reuses the database without importing again.
import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "papertide-serve-"));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
const env: NodeJS.ProcessEnv = { ...process.env, PAPERTIDE_DATA_DIR: dir, PAPERTIDE_PORT: "0" };
delete env.DATABASE_URL;

async function start(): Promise<{ child: ChildProcess; url: string; out: () => string }> {
  const child = spawn(process.execPath, [path.join(ROOT, "bin/papertide.js"), "serve"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    out += d;
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    const m = /running at (http:\/\/\S+?)\/? /.exec(out);
    if (m) return { child, url: m[1].replace(/\/$/, ""), out: () => out };
    if (child.exitCode !== null) throw new Error(`serve exited early:\n${out}`);
    if (Date.now() > deadline) throw new Error(`serve did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function stop(child: ChildProcess): Promise<number | null> {
  child.kill("SIGTERM");
  return new Promise((r) => child.on("close", (code) => r(code)));
}

function stats() {
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin/papertide.js"), "stats", "--json"], {
    env,
    encoding: "utf8",
  });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as { papers: number; featuredEntries: number };
}

test("first start loads the demo and serves it; a second start does not re-import", {
  timeout: 120_000,
}, async () => {
  const first = await start();
  assert.match(first.out(), /Loaded the demo dataset: 5031 papers, 30 featured/);
  const home = await fetch(`${first.url}/`);
  assert.equal(home.status, 200);
  assert.match(await home.text(), /<html/i);
  const api = (await (await fetch(`${first.url}/api/daily_papers?limit=5`)).json()) as unknown[];
  assert.equal(api.length, 5);
  assert.equal(await stop(first.child), 0);
  const before = stats();
  assert.equal(before.papers, 5031);
  assert.ok(fs.existsSync(path.join(dir, "papertide.db")));

  const second = await start();
  assert.doesNotMatch(second.out(), /Loaded the demo/);
  assert.equal((await fetch(`${second.url}/`)).status, 200);
  assert.equal(await stop(second.child), 0);
  assert.deepEqual(stats(), before);
});
