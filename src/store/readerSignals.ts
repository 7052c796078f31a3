// What a reader has told us they like, for many readers in one go: papers they picked as
// examples, upvoted and saved (and the ones they said they are not interested in). A digest build
// reads this for a page of thousands of readers with four queries per 500 readers instead of four
// per reader (src/digest/personal.ts); For you asks for one reader.
import type { Kysely } from "kysely";
import { batches } from "./batches.ts";
import { paperMarksOf } from "./readerPaperMarks.ts";
import type { Database } from "./schema.ts";

export interface ReaderSignals {
  /** Newest first. */
  examples: string[];
  /** Newest first. */
  upvoted: string[];
  /** Newest save first, each paper once. */
  saved: string[];
  /** Marked "not interested", newest first. */
  dismissed: string[];
}

/** Every reader asked for is in the answer (with empty lists when they have no signals). */
export async function readerSignals(
  db: Kysely<Database>,
  userIds: readonly string[],
): Promise<Map<string, ReaderSignals>> {
  const examples = await paperMarksOf(db, "interest_papers", userIds);
  const dismissed = await paperMarksOf(db, "dismissed_papers", userIds);
  const upvoted = await paperMarksOf(db, "votes", userIds);
  const saved = await savedPapersOf(db, userIds);
  const out = new Map<string, ReaderSignals>();
  for (const id of userIds) {
    out.set(id, {
      examples: examples.get(id) ?? [],
      upvoted: upvoted.get(id) ?? [],
      saved: saved.get(id) ?? [],
      dismissed: dismissed.get(id) ?? [],
    });
  }
  return out;
}

/** Reader id -> papers in their collections, newest save first; a paper in two collections counts once. */
async function savedPapersOf(
  db: Kysely<Database>,
  userIds: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const ids of batches(userIds)) {
    const rows = await db
      .selectFrom("collection_items as i")
      .innerJoin("collections as c", "c.id", "i.collection_id")
      .select(["c.user_id", "i.paper_id"])
      .where("c.user_id", "in", ids)
      .orderBy("c.user_id")
      .orderBy("i.created_at", "desc")
      .orderBy("i.paper_id")
      .execute();
    const seen = new Set<string>();
    for (const r of rows) {
      const key = `${r.user_id}\n${r.paper_id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const list = out.get(r.user_id);
      if (list) list.push(r.paper_id);
      else out.set(r.user_id, [r.paper_id]);
    }
  }
  return out;
}
