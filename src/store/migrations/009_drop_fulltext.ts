// Drops the database's own full-text index over papers (SQLite FTS5 table + triggers, or the
// PostgreSQL tsvector column + GIN index) created by 001. Search moved to the in-memory engine
// in src/search (BM25F + vectors, fed from search_docs), so nothing reads it any more, and its
// triggers cost every paper insert and update a second copy of the text.
import { type Kysely, sql } from "kysely";
import type { Dialect } from "../db.ts";

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect === "sqlite") {
    for (const trigger of ["papers_fts_ai", "papers_fts_ad", "papers_fts_au"])
      await sql`DROP TRIGGER IF EXISTS ${sql.id(trigger)}`.execute(db);
    await sql`DROP TABLE IF EXISTS papers_fts`.execute(db);
  } else {
    await sql`DROP INDEX IF EXISTS papers_fts_idx`.execute(db);
    await sql`ALTER TABLE papers DROP COLUMN IF EXISTS fts`.execute(db);
  }
}
