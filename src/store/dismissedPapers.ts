// Papers a reader marked "not interested" on For you, one row per (user, paper).
import type { Kysely } from "kysely";
import type { Database } from "./schema.ts";

export async function addDismissedPaper(
  db: Kysely<Database>,
  userId: string,
  paperId: string,
  now: string,
): Promise<void> {
  await db
    .insertInto("dismissed_papers")
    .values({ user_id: userId, paper_id: paperId, created_at: now })
    .onConflict((oc) => oc.columns(["user_id", "paper_id"]).doNothing())
    .execute();
}

export async function removeDismissedPaper(
  db: Kysely<Database>,
  userId: string,
  paperId: string,
): Promise<void> {
  await db
    .deleteFrom("dismissed_papers")
    .where("user_id", "=", userId)
    .where("paper_id", "=", paperId)
    .execute();
}

/** Newest first. */
export async function dismissedPaperIds(db: Kysely<Database>, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("dismissed_papers")
    .select("paper_id")
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .orderBy("paper_id")
    .execute();
  return rows.map((r) => r.paper_id);
}
