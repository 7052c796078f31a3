// Author pages (src/store/authors.ts, the rule in src/model/authorName.ts):
//
//   paper_authors    one row per (author key, paper): the name as that paper spells it, its
//                    position in the author list, the initials key, and the paper's first-version
//                    date copied so an author's papers page newest first from the index alone.
//                    Written with the paper by every upsert; this migration fills it for the
//                    papers already stored (in slices, so a large store never sits in memory).
//   author_follows   the authors a signed-in reader follows (by key; `name` is the spelling
//                    shown), whose new papers reach their For-you page and digest
import { type Kysely, sql } from "kysely";
import { fillAuthorIndex } from "../authors.ts";
import type { Dialect } from "../db.ts";
import type { Database } from "../schema.ts";

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("paper_authors")
    .addColumn("author_key", "text", (c) => c.notNull())
    .addColumn("paper_id", "text", (c) => c.notNull().references("papers.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("initials_key", "text")
    .addColumn("published", "text", (c) => c.notNull())
    .execute();
  // Filled before its indexes exist: building an index over sorted rows once is far quicker
  // than keeping four B-trees in order through hundreds of thousands of inserts.
  await fillAuthorIndex(db as unknown as Kysely<Database>);
  await sql`CREATE UNIQUE INDEX paper_authors_pk ON paper_authors (author_key, paper_id)`.execute(db);
  await sql`CREATE INDEX paper_authors_newest ON paper_authors (author_key, published DESC, paper_id DESC)`.execute(
    db,
  );
  await db.schema.createIndex("paper_authors_paper").on("paper_authors").column("paper_id").execute();
  await db.schema.createIndex("paper_authors_initials").on("paper_authors").column("initials_key").execute();

  await db.schema
    .createTable("author_follows")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("author_key", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("author_follows_pk", ["user_id", "author_key"])
    .execute();
  await db.schema.createIndex("author_follows_key").on("author_follows").column("author_key").execute();
}
