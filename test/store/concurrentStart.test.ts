// Several processes starting together on a fresh database (replicas, a worker beside `serve`, a
// cron job): each applies the migrations it finds missing, so they must not race each other.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { sql } from "kysely";
import { openStore } from "../../src/store/db.ts";
import { migrations } from "../../src/store/migrations/index.ts";
import { tempPostgresUrl } from "../support/postgres.ts";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "papertide-concurrent-"));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** `papertide stats --json` in a child process, started once `go` resolves (see startTogether.ts). */
function stats(
  databaseUrl: string,
  ready: () => void,
  go: Promise<void>,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const args = ["--import", "tsx", "--import", path.join(ROOT, "test/store/startTogether.ts")];
    const child = spawn(
      process.execPath,
      [...args, path.join(ROOT, "src/cli/main.ts"), "stats", "--json", "--verbose"],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: databaseUrl, PAPERTIDE_DATA_DIR: dir },
        stdio: ["ignore", "pipe", "pipe", "ipc"],
      },
    );
    let out = "";
    let err = "";
    child.stdout?.on("data", (d) => {
      out += d;
    });
    child.stderr?.on("data", (d) => {
      err += d;
    });
    // A child that dies before its ready still counts, so the others are not left waiting.
    let counted = false;
    const count = () => {
      if (!counted) ready();
      counted = true;
    };
    child.once("message", () => {
      count();
      void go.then(() => child.connected && child.send("go"));
    });
    child.on("error", reject);
    child.on("close", (code) => {
      count();
      resolve({ code, out, err });
    });
  });
}

async function startThreeAtOnce(databaseUrl: string): Promise<void> {
  let waiting = 3;
  let start = () => {};
  const go = new Promise<void>((resolve) => {
    start = resolve;
  });
  const ready = () => {
    if (--waiting === 0) start();
  };
  const runs = await Promise.all([1, 2, 3].map(() => stats(databaseUrl, ready, go)));
  for (const r of runs) {
    assert.equal(r.code, 0, r.err);
    assert.equal(JSON.parse(r.out).papers, 0);
  }
  const store = await openStore(databaseUrl, { migrate: false });
  try {
    const rows = (
      await sql<{ name: string }>`SELECT name FROM schema_migrations ORDER BY name`.execute(store.db)
    ).rows;
    assert.deepEqual(
      rows.map((r) => r.name),
      migrations.map((m) => m.name).sort(),
    );
  } finally {
    await store.close();
  }
}

test("three processes starting together on a fresh SQLite file all start; migrations applied once", async () => {
  await startThreeAtOnce(`sqlite:${path.join(dir, "fresh.db")}`);
});

test("three processes starting together on a fresh PostgreSQL database all start; migrations applied once", async () => {
  await startThreeAtOnce(await tempPostgresUrl());
});
