// Search (issue 3): the persisted half of the retrieval engine. The in-memory index is rebuilt
// from these tables at start (no re-tokenising, no retraining); papers_fts (001) stays as it was.
//
//   search_terms        term string <-> id (ids are what the per-paper term lists store)
//   search_docs         one row per indexed paper: its terms and field lengths, and `seq`, a
//                       change counter that lets any process catch up with what others indexed
//   search_vectors      the paper's LSA vector (Int8) under the model that produced it
//   search_models       LSA bases (term -> vector), the newest is current
//   search_related      cached "similar papers" lists, updated incrementally
//   search_state        counters (the next seq)
import { type Kysely, sql } from "kysely";
import type { Dialect } from "../db.ts";

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const blob = dialect === "postgres" ? "bytea" : "blob";
  await db.schema
    .createTable("search_terms")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("term", "text", (c) => c.notNull().unique())
    .execute();
  await db.schema
    .createTable("search_docs")
    .addColumn("paper_id", "text", (c) => c.primaryKey())
    .addColumn("seq", "bigint", (c) => c.notNull().unique())
    // papers.content_hash when indexed: a mismatch means the paper changed since.
    .addColumn("content_hash", "text", (c) => c.notNull())
    // First-version day as days since 1970-01-01 (date filters and sort), null when unknown.
    .addColumn("day", "integer")
    .addColumn("title_len", "integer", (c) => c.notNull())
    .addColumn("abstract_len", "integer", (c) => c.notNull())
    .addColumn("authors_len", "integer", (c) => c.notNull())
    // Uint32 term ids followed by one Uint8 of packed field frequencies each; empty = removed.
    .addColumn("terms", blob, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("search_vectors")
    .addColumn("paper_id", "text", (c) => c.primaryKey())
    .addColumn("model_id", "integer", (c) => c.notNull())
    .addColumn("vector", blob, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("search_models")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("created_at", "text", (c) => c.notNull())
    // Live papers when trained: retraining is due when the corpus has grown well past it.
    .addColumn("docs", "integer", (c) => c.notNull())
    .addColumn("dim", "integer", (c) => c.notNull())
    .addColumn("term_ids", blob, (c) => c.notNull())
    .addColumn("idf", blob, (c) => c.notNull())
    .addColumn("basis", blob, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("search_related")
    .addColumn("paper_id", "text", (c) => c.primaryKey())
    .addColumn("model_id", "integer", (c) => c.notNull())
    // The corpus seq the list accounts for: papers indexed after it are compared on the next read.
    .addColumn("seq", "bigint", (c) => c.notNull())
    .addColumn("neighbours", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("search_state")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "bigint", (c) => c.notNull())
    .execute();
  await sql`INSERT INTO search_state (key, value) VALUES ('seq', 0)`.execute(db);
  // A DOI typed into the search box jumps to its paper; DOIs are case-insensitive.
  await sql`CREATE INDEX papers_doi ON papers (lower(doi))`.execute(db);
}
