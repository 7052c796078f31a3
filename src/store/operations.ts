// What an operator watches (/readyz and /metrics): is the database answering and its schema
// current, how far behind is the arXiv harvest, how many digests were built.
import { type Kysely, sql } from "kysely";
import { migrations } from "./migrations/index.ts";
import type { Database } from "./schema.ts";

/** Migrations this code has that the database has not applied (empty: the schema is current). */
export async function pendingMigrations(db: Kysely<Database>): Promise<string[]> {
  const rows = await sql<{ name: string }>`SELECT name FROM schema_migrations`.execute(db);
  const done = new Set(rows.rows.map((r) => r.name));
  return migrations.filter((m) => !done.has(m.name)).map((m) => m.name);
}

/**
 * When an arXiv harvest last saved its progress (a cursor is saved after every page and at the
 * end of each run), or null when none ever ran. Every cursor lives in meta under this prefix
 * (src/ingest/sync/arxivHarvester.ts).
 */
export async function lastHarvestAt(db: Kysely<Database>): Promise<Date | null> {
  const row = await db
    .selectFrom("meta")
    .select((eb) => eb.fn.max("updated_at").as("at"))
    // A range rather than LIKE: "_" is a wildcard there, and the two databases escape differently.
    .where("key", ">=", "arxiv_oai_cursor:")
    .where("key", "<", "arxiv_oai_cursor;")
    .executeTakeFirst();
  const at = row?.at ? new Date(row.at) : null;
  return at && !Number.isNaN(at.getTime()) ? at : null;
}

/** Digest editions built so far (one per frequency and period and topic set). */
export async function digestEditionCount(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom("digest_editions")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
