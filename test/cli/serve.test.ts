// `papertide serve` as a newcomer runs it: the first start loads the demo into an empty data
// folder and serves pages; a second start reuses the database without importing again. And the
// command `npm start` runs, read from package.json, starts the tree as committed.
import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { freePort } from "../support/freePort.ts";

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

test("the command `npm start` runs starts on an empty data folder and serves the demo", {
  timeout: 180_000,
}, async () => {
  const scripts = (
    JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    }
  ).scripts;
  const command = scripts.start;
  assert.ok(command, "package.json has a start script");
  const data = fs.mkdtempSync(path.join(os.tmpdir(), "papertide-npm-start-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // As npm runs a script: through the shell, in the package's folder, its node_modules/.bin first.
  const startEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${path.join(ROOT, "node_modules", ".bin")}${path.delimiter}${process.env.PATH ?? ""}`,
    PAPERTIDE_DATA_DIR: data,
    PAPERTIDE_PORT: String(port),
    PAPERTIDE_HOST: "127.0.0.1",
  };
  for (const name of ["DATABASE_URL", "PORT", "HOST"]) delete startEnv[name];
  // The shell replaces itself with the command (`exec`), so the signal that stops it reaches the
  // command itself; its own process group, so that nothing it started outlives a failed run.
  const child = spawn(`exec ${command}`, {
    shell: true,
    cwd: ROOT,
    env: startEnv,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    out += d;
  });
  const closed = new Promise<number | null>((r) => child.on("close", (code) => r(code)));
  let stopped: unknown;
  try {
    // Answering at all, then ready (the search engine loads on the first probe).
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`\`${command}\` exited early:\n${out}`);
      if (Date.now() > deadline) throw new Error(`\`${command}\` did not become ready:\n${out}`);
      const probe = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(5000) }).catch(() => null);
      if (probe?.status === 200) break;
      await probe?.arrayBuffer();
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.match(out, /Loaded the demo dataset/);
    const ready = await fetch(`${base}/readyz`);
    assert.equal(ready.status, 200);
    assert.deepEqual(await ready.json(), { status: "ready", database: "ok", search: "ok" });
    const home = await fetch(`${base}/`);
    assert.equal(home.status, 200);
    assert.match(await home.text(), /class="card-link" href="\/papers\//);
    const search = await fetch(`${base}/search?q=attention`);
    assert.equal(search.status, 200);
    assert.match(await search.text(), /class="card-link" href="\/papers\//);
    assert.ok(fs.existsSync(path.join(data, "papertide.db")), "the database is in the data folder");
  } finally {
    if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(child.pid, "SIGTERM");
    stopped = await Promise.race([closed, new Promise((r) => setTimeout(() => r("timeout"), 20_000))]);
    // Whatever did not stop is killed, so a failing run leaves no server behind.
    if (child.pid) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // The group is gone already.
      }
    }
    fs.rmSync(data, { recursive: true, force: true });
  }
  assert.equal(stopped, 0, `\`${command}\` stops cleanly on SIGTERM:\n${out}`);
});
