// Example papers a reader picked on the For-you page (cold start), one row per (user, paper).
import type { Kysely } from "kysely";
import type { Database } from "./schema.ts";

export async function addInterestPaper(
  db: Kysely<Database>,
  userId: string,
  paperId: string,
  now: string,
): Promise<void> {
  await db
    .insertInto("interest_papers")
    .values({ user_id: userId, paper_id: paperId, created_at: now })
    .onConflict((oc) => oc.columns(["user_id", "paper_id"]).doNothing())
    .execute();
}

export async function removeInterestPaper(
  db: Kysely<Database>,
  userId: string,
  paperId: string,
): Promise<void> {
  await db
    .deleteFrom("interest_papers")
    .where("user_id", "=", userId)
    .where("paper_id", "=", paperId)
    .execute();
}

export async function interestPaperIds(db: Kysely<Database>, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("interest_papers")
    .select("paper_id")
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .execute();
  return rows.map((r) => r.paper_id);
}
