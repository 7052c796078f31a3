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
  /** The raw SQLite handle when dialect is sqlite (the page cache reads its change counter; the outbox claims rows with one prepared statement). */
  sqlite: Database.Database | null;
  /** Rows written as derived data on this connection so far (see derivedWrites.ts). */
  derivedRows: number;
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
  // WAL: readers never block the writer; synchronous=NORMAL keeps every committed transaction
  // across a process crash (kill -9), which is the durability the product promises.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    db,
    dialect: "sqlite",
    sqlite,
    derivedRows: 0,
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
    derivedRows: 0,
    async close() {
      await db.destroy();
    },
  };
}

/** Applies every migration not yet recorded, each in its own transaction. */
export async function migrate(store: Store, clock: Clock): Promise<string[]> {
  const { db, dialect } = store;
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at text NOT NULL)`.execute(
    db,
  );
  const done = new Set(
    (await sql<{ name: string }>`SELECT name FROM schema_migrations`.execute(db)).rows.map((r) => r.name),
  );
  const applied: string[] = [];
  for (const m of migrations) {
    if (done.has(m.name)) continue;
    await db.transaction().execute(async (trx) => {
      await m.up(trx as unknown as Kysely<unknown>, dialect);
      await sql`INSERT INTO schema_migrations (name, applied_at) VALUES (${m.name}, ${clock.now().toISOString()})`.execute(
        trx,
      );
    });
    applied.push(m.name);
  }
  return applied;
}
