// Opens the database named by a URL and brings its schema up to date. SQLite (better-sqlite3,
// WAL) is the embedded default; PostgreSQL is a second Kysely dialect over the same tables.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import { type Clock, systemClock } from "../model/clock.ts";
import { migrations } from "./migrations/index.ts";
import type { Database as Schema } from "./schema.ts";

export type Dialect = "sqlite" | "postgres";

export interface Store {
  db: Kysely<Schema>;
  dialect: Dialect;
  /**
   * The raw SQLite handle when dialect is sqlite: prepared statements where a query runs on every
   * request or claim (the page cache's change counter, the outbox's claim), and what reads a
   * whole SQLite file (backups, copying the data to PostgreSQL).
   */
  sqlite: Database.Database | null;
  close(): Promise<void>;
}

/** `clock` dates the migrations it applies (default: the system clock; nothing is wired yet). */
export async function openStore(
  url: string,
  opts: { migrate?: boolean; clock?: Clock } = {},
): Promise<Store> {
  const store =
    url.startsWith("postgres://") || url.startsWith("postgresql://")
      ? await openPostgres(url)
      : openSqlite(url);
  if (opts.migrate !== false) await migrate(store, opts.clock ?? systemClock);
  return store;
}

function openSqlite(url: string): Store {
  const file = url.replace(/^sqlite:/, "");
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  // The busy timeout first: switching a new file to WAL takes a lock that a process opening the
  // same file at the same moment may hold.
  sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  // WAL: readers never block the writer; synchronous=NORMAL keeps every committed transaction
  // across a process crash (kill -9), which is the durability the product promises.
  walMode(sqlite);
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    db,
    dialect: "sqlite",
    sqlite,
    async close() {
      await db.destroy();
    },
  };
}

async function openPostgres(url: string): Promise<Store> {
  const { default: pg } = await import("pg");
  const db = new Kysely<Schema>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url }) }),
  });
  return {
    db,
    dialect: "postgres",
    sqlite: null,
    async close() {
      await db.destroy();
    },
  };
}

const SQLITE_BUSY_TIMEOUT_MS = 5000;
/** How long a process waits for another one's migrations (a large database's can take minutes). */
const MIGRATION_WAIT_MS = 10 * 60_000;
/** Key of the PostgreSQL advisory lock held while migrating: any fixed number no other code uses. */
const MIGRATION_LOCK_KEY = 7_352_100_001;

/**
 * Applies every migration not yet recorded. Processes starting together (replicas, a worker
 * beside `serve`, a cron job) take turns: each waits for the lock, then reads which migrations
 * are applied, so the later ones find nothing left to do. On PostgreSQL the lock is a
 * session-level advisory lock on one connection, and each migration is its own transaction; on
 * SQLite it is the write lock of one `BEGIN IMMEDIATE` transaction around the check and every
 * migration (SQLite's DDL is transactional, so a failed start leaves the schema as it was).
 */
export async function migrate(store: Store, clock: Clock): Promise<string[]> {
  const { dialect, sqlite } = store;
  return store.db.connection().execute(async (db) => {
    if (dialect === "postgres") {
      await sql`SELECT pg_advisory_lock(${sql.lit(MIGRATION_LOCK_KEY)})`.execute(db);
      try {
        return await applyPending(db, dialect, clock, true);
      } finally {
        await sql`SELECT pg_advisory_unlock(${sql.lit(MIGRATION_LOCK_KEY)})`.execute(db);
      }
    }
    sqlite?.pragma(`busy_timeout = ${MIGRATION_WAIT_MS}`);
    try {
      await sql`BEGIN IMMEDIATE`.execute(db);
    } finally {
      sqlite?.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    }
    try {
      const applied = await applyPending(db, dialect, clock, false);
      await sql`COMMIT`.execute(db);
      return applied;
    } catch (e) {
      await sql`ROLLBACK`.execute(db).catch(() => {});
      throw e;
    }
  });
}

/** Runs the migrations not in schema_migrations; called with the migration lock held. */
async function applyPending(
  db: Kysely<Schema>,
  dialect: Dialect,
  clock: Clock,
  eachInTransaction: boolean,
): Promise<string[]> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at text NOT NULL)`.execute(
    db,
  );
  const done = new Set(
    (await sql<{ name: string }>`SELECT name FROM schema_migrations`.execute(db)).rows.map((r) => r.name),
  );
  const applied: string[] = [];
  for (const m of migrations) {
    if (done.has(m.name)) continue;
    const apply = async (trx: Kysely<Schema>) => {
      await m.up(trx as unknown as Kysely<unknown>, dialect);
      await sql`INSERT INTO schema_migrations (name, applied_at) VALUES (${m.name}, ${clock.now().toISOString()})`.execute(
        trx,
      );
    };
    if (eachInTransaction) await db.transaction().execute(apply);
    else await apply(db);
    applied.push(m.name);
  }
  return applied;
}

/**
 * Switches the file to WAL. SQLite may answer "database is locked" at once, without waiting for
 * the busy timeout, while another process is opening or switching the same new file; that
 * answer is retried for a few seconds before it is given up.
 */
function walMode(sqlite: Database.Database): void {
  const deadline = Date.now() + SQLITE_BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      sqlite.pragma("journal_mode = WAL");
      return;
    } catch (err) {
      const busy = (err as { code?: string }).code === "SQLITE_BUSY";
      if (!busy || Date.now() > deadline) throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
}
