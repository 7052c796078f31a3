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
    // papers.content_hash when indexed: a mismatch means the paper changed since; '' = removed.
    .addColumn("content_hash", "text", (c) => c.notNull())
    // First-version day as days since 1970-01-01 (date filters and sort), null when unknown.
    .addColumn("day", "integer")
    .addColumn("title_len", "integer", (c) => c.notNull())
    .addColumn("abstract_len", "integer", (c) => c.notNull())
    .addColumn("authors_len", "integer", (c) => c.notNull())
    // The title again: search-as-you-type needs its words, and the papers table is too wide to scan.
    .addColumn("title", "text", (c) => c.notNull())
    // Uint32 term ids followed by one Uint8 of packed field frequencies each.
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
  // Narrow covering indexes: finding what the index lacks (papers vs search_docs by content
  // hash, vectors of the current model) scans these instead of the wide tables.
  await db.schema.createIndex("papers_id_hash").on("papers").columns(["id", "content_hash"]).execute();
  await db.schema
    .createIndex("search_docs_hash")
    .on("search_docs")
    .columns(["paper_id", "content_hash"])
    .execute();
  await db.schema
    .createIndex("search_vectors_model")
    .on("search_vectors")
    .columns(["paper_id", "model_id"])
    .execute();
  // A DOI typed into the search box jumps to its paper; DOIs are case-insensitive.
  await sql`CREATE INDEX papers_doi ON papers (lower(doi))`.execute(db);
}
