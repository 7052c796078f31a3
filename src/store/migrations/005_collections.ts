// Collections, profiles and "For you" (the rest of issue 4):
//   * collections get a public address (/c/<slug>, unique across the site, so a link names one
//     collection) and a description;
//   * the example papers a reader picks on the For-you page before they have saved or upvoted
//     anything (cold start). They are kept apart from collections: they say "I am interested in
//     this", not "I keep this", and they are not exported.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("collections").addColumn("slug", "text").execute();
  await db.schema
    .alterTable("collections")
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  // Existing rows (none were created by any release, but be safe) get their id as slug.
  await sql`UPDATE collections SET slug = id`.execute(db);
  await db.schema.createIndex("collections_slug").on("collections").column("slug").unique().execute();

  await db.schema
    .createTable("interest_papers")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("paper_id", "text", (c) => c.notNull().references("papers.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("interest_papers_pk", ["user_id", "paper_id"])
    .execute();
}
