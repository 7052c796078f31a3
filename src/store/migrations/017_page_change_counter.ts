// A change counter for the anonymous page cache (src/web/http/responseCache.ts): one row, bumped
// in the writing transaction by triggers on each table the cached pages and API lists read. A
// process reads it before rendering; the value it reads is a committed one, so a page is never
// stored under a counter newer than the data it shows, and a write by any process (another web
// process, a worker, an import) is seen by the next request to every process. Writes that no
// cached page shows (sessions, rate-limit counters, the outbox, search's derived tables) leave it
// alone, so they do not empty the cache.
import { type Kysely, sql } from "kysely";
import type { Dialect } from "../db.ts";

/** The tables anonymous pages and API lists show (personal pages are never cached). */
export const PAGE_TABLES = [
  "papers",
  "paper_categories",
  "paper_authors",
  "daily_entries",
  "votes",
  "comments",
  "users",
  "collections",
  "collection_items",
  "submissions",
];

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await sql`CREATE TABLE page_changes (id integer PRIMARY KEY, n bigint NOT NULL)`.execute(db);
  await sql`INSERT INTO page_changes (id, n) VALUES (1, 0)`.execute(db);
  if (dialect === "sqlite") {
    // SQLite's triggers are per row; a bump is a few microseconds in a transaction already writing.
    for (const table of PAGE_TABLES) {
      for (const event of ["INSERT", "UPDATE", "DELETE"]) {
        await sql`CREATE TRIGGER ${sql.id(`${table}_page_changes_${event.toLowerCase()}`)} AFTER ${sql.raw(event)}
          ON ${sql.table(table)} BEGIN UPDATE page_changes SET n = n + 1 WHERE id = 1; END`.execute(db);
      }
    }
    return;
  }
  // PostgreSQL: once per statement.
  await sql`CREATE FUNCTION bump_page_changes() RETURNS trigger AS $$
    BEGIN
      UPDATE page_changes SET n = n + 1 WHERE id = 1;
      RETURN NULL;
    END $$ LANGUAGE plpgsql`.execute(db);
  for (const table of PAGE_TABLES) {
    await sql`CREATE TRIGGER ${sql.id(`${table}_page_changes`)} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
      ON ${sql.table(table)} FOR EACH STATEMENT EXECUTE FUNCTION bump_page_changes()`.execute(db);
  }
}
