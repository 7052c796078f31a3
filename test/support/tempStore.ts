// A fresh SQLite database in a temporary folder, removed after the test.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openStore, type Store } from "../../src/store/db.ts";

let onPostgres = process.env.PAPERTIDE_TEST_DATABASE === "postgres";
// postgres.ts is loaded only by a process that uses PostgreSQL: it registers a node:test hook
// when imported, which would make a script run outside the test runner (`npm run screenshots`,
// through server.ts) print a test report. Loaded here, while the test file imports, so that
// hook is on the root test.
if (onPostgres) await import("./postgres.ts");

/**
 * From now on this test process's stores are PostgreSQL databases: test/postgres/*.test.ts call
 * it (through usePostgres.ts, which imports ./postgres.ts first) before importing other test
 * files, so the same assertions hold on both dialects. Running a test process with
 * PAPERTIDE_TEST_DATABASE=postgres does the same.
 */
export function usePostgresForTests(): void {
  onPostgres = true;
}

/** The database a test should use: a SQLite file at `sqliteFile`, or a fresh PostgreSQL database. */
export async function testDatabaseUrl(sqliteFile: string): Promise<string> {
  if (!onPostgres) return `sqlite:${sqliteFile}`;
  const { tempPostgresUrl } = await import("./postgres.ts");
  return tempPostgresUrl();
}

export interface TempStore extends Store {
  dir: string;
  file: string;
  url: string;
  cleanup(): Promise<void>;
}

export async function tempStore(prefix = "papertide-test-"): Promise<TempStore> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const file = path.join(dir, "papertide.db");
  const url = await testDatabaseUrl(file);
  const store = await openStore(url);
  return {
    ...store,
    dir,
    file,
    url,
    async cleanup() {
      await store.close().catch(() => {});
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `run` on a fresh temporary database (and its folder), removed afterwards. */
export async function withTempStore(run: (store: Store, dir: string) => Promise<void>): Promise<void> {
  const store = await tempStore();
  try {
    await run(store, store.dir);
  } finally {
    await store.cleanup();
  }
}
