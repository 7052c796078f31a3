// What an operator watches (/readyz and /metrics): is the database answering and its schema
// current, how many digests were built.
import { type Kysely, sql } from "kysely";
import { migrations } from "./migrations/index.ts";
import type { Database } from "./schema.ts";

/** Migrations this code has that the database has not applied (empty: the schema is current). */
export async function pendingMigrations(db: Kysely<Database>): Promise<string[]> {
  const rows = await sql<{ name: string }>`SELECT name FROM schema_migrations`.execute(db);
  const done = new Set(rows.rows.map((r) => r.name));
  return migrations.filter((m) => !done.has(m.name)).map((m) => m.name);
}

/** Digest editions built so far (one per frequency and period and topic set). */
export async function digestEditionCount(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom("digest_editions")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
