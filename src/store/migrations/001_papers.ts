import { type Kysely, sql } from "kysely";
import type { Dialect } from "../db.ts";

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("papers")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("abstract", "text", (c) => c.notNull())
    .addColumn("authors", "text", (c) => c.notNull())
    .addColumn("primary_category", "text")
    .addColumn("categories", "text", (c) => c.notNull())
    .addColumn("comments", "text")
    .addColumn("journal_ref", "text")
    .addColumn("doi", "text")
    .addColumn("license", "text")
    .addColumn("report_no", "text")
    .addColumn("submitter", "text")
    .addColumn("versions", "text", (c) => c.notNull())
    .addColumn("latest_version", "integer", (c) => c.notNull())
    .addColumn("published_at", "text")
    .addColumn("updated_at", "text")
    .addColumn("announced_on", "text")
    .addColumn("list_day", "text")
    .addColumn("code_url", "text")
    .addColumn("project_url", "text")
    .addColumn("upvotes", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("num_comments", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("modified_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("papers_list_day").on("papers").columns(["list_day", "id"]).execute();
  // The keyset order of listPapers (newest first, papers without a date last).
  await sql`CREATE INDEX papers_published ON papers ((coalesce(published_at, '')), id)`.execute(db);

  await db.schema
    .createTable("paper_categories")
    .addColumn("paper_id", "text", (c) => c.notNull().references("papers.id").onDelete("cascade"))
    .addColumn("category", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("paper_categories_pk", ["category", "paper_id"])
    .execute();
  await db.schema.createIndex("paper_categories_paper").on("paper_categories").column("paper_id").execute();

  await db.schema
    .createTable("daily_entries")
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("paper_id", "text", (c) => c.notNull().references("papers.id").onDelete("cascade"))
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("featured_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("daily_entries_pk", ["day", "paper_id"])
    .execute();
  await db.schema.createIndex("daily_entries_paper").on("daily_entries").column("paper_id").execute();

  await db.schema
    .createTable("meta")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  // Plain full-text index (the search issue replaces the ranking, not the need for an index).
  if (dialect === "sqlite") {
    await sql`CREATE VIRTUAL TABLE papers_fts USING fts5(
      title, abstract, authors, content='papers', content_rowid='rowid', tokenize='porter unicode61'
    )`.execute(db);
    await sql`CREATE TRIGGER papers_fts_ai AFTER INSERT ON papers BEGIN
      INSERT INTO papers_fts(rowid, title, abstract, authors) VALUES (new.rowid, new.title, new.abstract, new.authors);
    END`.execute(db);
    await sql`CREATE TRIGGER papers_fts_ad AFTER DELETE ON papers BEGIN
      INSERT INTO papers_fts(papers_fts, rowid, title, abstract, authors) VALUES ('delete', old.rowid, old.title, old.abstract, old.authors);
    END`.execute(db);
    await sql`CREATE TRIGGER papers_fts_au AFTER UPDATE OF title, abstract, authors ON papers BEGIN
      INSERT INTO papers_fts(papers_fts, rowid, title, abstract, authors) VALUES ('delete', old.rowid, old.title, old.abstract, old.authors);
      INSERT INTO papers_fts(rowid, title, abstract, authors) VALUES (new.rowid, new.title, new.abstract, new.authors);
    END`.execute(db);
  } else {
    await sql`ALTER TABLE papers ADD COLUMN fts tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', abstract), 'B')
      || setweight(to_tsvector('simple', authors), 'C')) STORED`.execute(db);
    await sql`CREATE INDEX papers_fts_idx ON papers USING gin(fts)`.execute(db);
  }
}
