// Papers a reader marked on For you, one row per (user, paper) in a table of its own per mark:
// example papers picked at the cold start (interest_papers) and papers marked "not interested"
// (dismissed_papers). Both are written and read the same way, so one set of queries serves both.
import type { Kysely } from "kysely";
import { batches } from "./batches.ts";
import type { Database } from "./schema.ts";

/** The tables of a reader's own marks on papers. */
export type PaperMarkTable = "interest_papers" | "dismissed_papers";

/**
 * Tables read the same way: a reader's marks, and upvotes (`votes` has the same user, paper and
 * time columns; its writes are in votes.ts with the counts they keep).
 */
export type ReaderPaperTable = PaperMarkTable | "votes";

/** Marks the paper; marking it again changes nothing (its first time is kept). */
export async function addPaperMark(
  db: Kysely<Database>,
  table: PaperMarkTable,
  userId: string,
  paperId: string,
  now: string,
): Promise<void> {
  await db
    .insertInto(table)
    .values({ user_id: userId, paper_id: paperId, created_at: now })
    .onConflict((oc) => oc.columns(["user_id", "paper_id"]).doNothing())
    .execute();
}

export async function removePaperMark(
  db: Kysely<Database>,
  table: PaperMarkTable,
  userId: string,
  paperId: string,
): Promise<void> {
  await db.deleteFrom(table).where("user_id", "=", userId).where("paper_id", "=", paperId).execute();
}

/** One reader's marked papers, newest first. */
export async function paperMarkIds(
  db: Kysely<Database>,
  table: ReaderPaperTable,
  userId: string,
): Promise<string[]> {
  return (await paperMarksOf(db, table, [userId])).get(userId) ?? [];
}

/**
 * Many readers' papers in one query per 500 readers: reader id -> paper ids, newest first (ties
 * by paper id, so the order is the same on every database). Readers with none are absent.
 */
export async function paperMarksOf(
  db: Kysely<Database>,
  table: ReaderPaperTable,
  userIds: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const ids of batches(userIds)) {
    const rows = await db
      .selectFrom(table)
      .select(["user_id", "paper_id"])
      .where("user_id", "in", ids)
      .orderBy("user_id")
      .orderBy("created_at", "desc")
      .orderBy("paper_id")
      .execute();
    for (const r of rows) {
      const list = out.get(r.user_id);
      if (list) list.push(r.paper_id);
      else out.set(r.user_id, [r.paper_id]);
    }
  }
  return out;
}
