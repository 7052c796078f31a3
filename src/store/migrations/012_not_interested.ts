// "Not interested" on a For-you card (src/community/recommend/notInterested.ts):
//
//   dismissed_papers   one row per (user, paper) a reader waved away; the paper leaves their For-you
//                      page and its vector counts against their ranking direction
import type { Kysely } from "kysely";
import type { Dialect } from "../db.ts";

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("dismissed_papers")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("paper_id", "text", (c) => c.notNull().references("papers.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("dismissed_papers_pk", ["user_id", "paper_id"])
    .execute();
}
