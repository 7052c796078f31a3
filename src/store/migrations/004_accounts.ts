// Accounts and community: users, sessions, one-time account tokens, upvotes, submissions,
// comments, collections.
//
// Upvote and comment counts. papers.upvotes and papers.num_comments are what every reader of the
// table (feed ranking, trending, API, feeds, digests) uses, so they keep meaning "the number to
// show": imported count + local count. The imported part lives in external_*, the local part in
// local_* (always equal to the stored votes / visible comments). Triggers keep the sum:
//   * a new paper row: whatever the importer wrote is the external count;
//   * an importer UPDATE writing a value that breaks upvotes = external + local is read as a new
//     external count (the importer merges by keeping the stored value when its source has none,
//     which writes back the sum and so changes nothing);
//   * a vote row inserted/deleted moves local_upvotes and upvotes by one in the same statement,
//     so counts equal stored votes even under concurrent voters.
// Comment counts are recomputed from the comments table by the comment use cases, in the
// transaction that changes a comment.
import { type Kysely, sql } from "kysely";
import type { Dialect } from "../db.ts";

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("users")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("email_key", "text", (c) => c.notNull().unique())
    .addColumn("handle", "text", (c) => c.notNull())
    .addColumn("handle_key", "text", (c) => c.notNull().unique())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull().defaultTo("reader"))
    .addColumn("email_verified_at", "text")
    .addColumn("categories", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_user").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("account_tokens")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("account_tokens_user")
    .on("account_tokens")
    .columns(["user_id", "purpose"])
    .execute();

  await db.schema
    .createTable("votes")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("paper_id", "text", (c) => c.notNull().references("papers.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("votes_pk", ["user_id", "paper_id"])
    .execute();
  await db.schema.createIndex("votes_paper").on("votes").column("paper_id").execute();

  await db.schema
    .createTable("submissions")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("paper_id", "text", (c) => c.notNull().references("papers.id").onDelete("cascade"))
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("submissions_pk", ["paper_id", "day"])
    .execute();
  await db.schema.createIndex("submissions_user").on("submissions").columns(["user_id", "day"]).execute();

  await db.schema
    .createTable("comments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("paper_id", "text", (c) => c.notNull().references("papers.id").onDelete("cascade"))
    // NULL once the author deleted their account: the comment stays, as "deleted user".
    .addColumn("user_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("parent_id", "text", (c) => c.references("comments.id").onDelete("cascade"))
    .addColumn("body", "text", (c) => c.notNull())
    /** visible | deleted (by its author) | hidden (by a moderator) */
    .addColumn("status", "text", (c) => c.notNull().defaultTo("visible"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("edited_at", "text")
    .execute();
  await db.schema.createIndex("comments_paper").on("comments").columns(["paper_id", "created_at"]).execute();
  await db.schema.createIndex("comments_user").on("comments").columns(["user_id", "created_at"]).execute();

  await db.schema
    .createTable("collections")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("is_public", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("collections_user").on("collections").column("user_id").execute();

  await db.schema
    .createTable("collection_items")
    .addColumn("collection_id", "text", (c) => c.notNull().references("collections.id").onDelete("cascade"))
    .addColumn("paper_id", "text", (c) => c.notNull().references("papers.id").onDelete("cascade"))
    /** JSON array of tags. */
    .addColumn("tags", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("collection_items_pk", ["collection_id", "paper_id"])
    .execute();
  await db.schema.createIndex("collection_items_paper").on("collection_items").column("paper_id").execute();

  await db.schema
    .alterTable("papers")
    .addColumn("external_upvotes", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable("papers")
    .addColumn("local_upvotes", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable("papers")
    .addColumn("external_num_comments", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable("papers")
    .addColumn("local_num_comments", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`UPDATE papers SET external_upvotes = upvotes, external_num_comments = num_comments`.execute(db);

  if (dialect === "sqlite") {
    await sql`CREATE TRIGGER papers_counts_ai AFTER INSERT ON papers BEGIN
      UPDATE papers SET external_upvotes = NEW.upvotes - NEW.local_upvotes,
                        external_num_comments = NEW.num_comments - NEW.local_num_comments
      WHERE id = NEW.id;
    END`.execute(db);
    await sql`CREATE TRIGGER papers_upvotes_au AFTER UPDATE OF upvotes ON papers
      WHEN NEW.upvotes <> NEW.external_upvotes + NEW.local_upvotes BEGIN
      UPDATE papers SET external_upvotes = NEW.upvotes, upvotes = NEW.upvotes + NEW.local_upvotes WHERE id = NEW.id;
    END`.execute(db);
    await sql`CREATE TRIGGER papers_num_comments_au AFTER UPDATE OF num_comments ON papers
      WHEN NEW.num_comments <> NEW.external_num_comments + NEW.local_num_comments BEGIN
      UPDATE papers SET external_num_comments = NEW.num_comments,
                        num_comments = NEW.num_comments + NEW.local_num_comments WHERE id = NEW.id;
    END`.execute(db);
    await sql`CREATE TRIGGER votes_ai AFTER INSERT ON votes BEGIN
      UPDATE papers SET local_upvotes = local_upvotes + 1, upvotes = upvotes + 1 WHERE id = NEW.paper_id;
    END`.execute(db);
    await sql`CREATE TRIGGER votes_ad AFTER DELETE ON votes BEGIN
      UPDATE papers SET local_upvotes = local_upvotes - 1, upvotes = upvotes - 1 WHERE id = OLD.paper_id;
    END`.execute(db);
  } else {
    // PostgreSQL: a BEFORE trigger may rewrite the row, which makes the same rules one function.
    await sql`CREATE FUNCTION papers_counts() RETURNS trigger AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          NEW.external_upvotes := NEW.upvotes - NEW.local_upvotes;
          NEW.external_num_comments := NEW.num_comments - NEW.local_num_comments;
        ELSE
          IF NEW.upvotes <> NEW.external_upvotes + NEW.local_upvotes THEN
            NEW.external_upvotes := NEW.upvotes;
            NEW.upvotes := NEW.upvotes + NEW.local_upvotes;
          END IF;
          IF NEW.num_comments <> NEW.external_num_comments + NEW.local_num_comments THEN
            NEW.external_num_comments := NEW.num_comments;
            NEW.num_comments := NEW.num_comments + NEW.local_num_comments;
          END IF;
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`.execute(db);
    await sql`CREATE TRIGGER papers_counts BEFORE INSERT OR UPDATE ON papers
      FOR EACH ROW EXECUTE FUNCTION papers_counts()`.execute(db);
    await sql`CREATE FUNCTION votes_count() RETURNS trigger AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          UPDATE papers SET local_upvotes = local_upvotes + 1, upvotes = upvotes + 1 WHERE id = NEW.paper_id;
        ELSE
          UPDATE papers SET local_upvotes = local_upvotes - 1, upvotes = upvotes - 1 WHERE id = OLD.paper_id;
        END IF;
        RETURN NULL;
      END $$ LANGUAGE plpgsql`.execute(db);
    await sql`CREATE TRIGGER votes_count AFTER INSERT OR DELETE ON votes
      FOR EACH ROW EXECUTE FUNCTION votes_count()`.execute(db);
  }
}
