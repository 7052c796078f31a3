// Upvotes: one row per (user, paper). Triggers (migration 004) move papers.upvotes with each row,
// inside the same statement, so the shown count always equals imported + stored votes.
import type { Kysely } from "kysely";
import type { Database } from "./schema.ts";

/** Returns true when a vote was added (false: it was already there). */
export async function addVote(
  db: Kysely<Database>,
  userId: string,
  paperId: string,
  now: string,
): Promise<boolean> {
  const r = await db
    .insertInto("votes")
    .values({ user_id: userId, paper_id: paperId, created_at: now })
    .onConflict((oc) => oc.columns(["user_id", "paper_id"]).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function removeVote(db: Kysely<Database>, userId: string, paperId: string): Promise<boolean> {
  const r = await db
    .deleteFrom("votes")
    .where("user_id", "=", userId)
    .where("paper_id", "=", paperId)
    .executeTakeFirst();
  return Number(r.numDeletedRows ?? 0) === 1;
}

export async function paperUpvotes(db: Kysely<Database>, paperId: string): Promise<number | null> {
  const r = await db.selectFrom("papers").select("upvotes").where("id", "=", paperId).executeTakeFirst();
  return r ? r.upvotes : null;
}

/** Every paper this user upvoted (a reader's votes number in the hundreds at most). */
export async function votedPaperIds(db: Kysely<Database>, userId: string): Promise<Set<string>> {
  const rows = await db.selectFrom("votes").select("paper_id").where("user_id", "=", userId).execute();
  return new Set(rows.map((r) => r.paper_id));
}

export async function countVotes(db: Kysely<Database>, paperId: string): Promise<number> {
  const r = await db
    .selectFrom("votes")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("paper_id", "=", paperId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Papers upvoted at or after `since` (ISO time), the most recently upvoted first, each once.
 * With no index on the time it scans the votes: for background work, not for requests.
 */
export async function recentlyUpvoted(db: Kysely<Database>, since: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom("votes")
    .select((eb) => ["paper_id", eb.fn.max("created_at").as("last")])
    .where("created_at", ">=", since)
    .groupBy("paper_id")
    .orderBy("last", "desc")
    .orderBy("paper_id")
    .limit(limit)
    .execute();
  return rows.map((r) => r.paper_id);
}
