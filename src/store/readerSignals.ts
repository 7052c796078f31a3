// What a reader has told us they like, for many readers in one go: papers they picked as
// examples, upvoted and saved (and the ones they said they are not interested in). A digest build reads this for a page of thousands of readers with
// three queries instead of three per reader (src/digest/personal.ts); For-you asks for one reader.
import type { Kysely } from "kysely";
import { batches } from "./batches.ts";
import type { Database } from "./schema.ts";

export interface ReaderSignals {
  /** Newest first. */
  examples: string[];
  upvoted: string[];
  /** Newest save first, each paper once. */
  saved: string[];
  /** Marked "not interested", newest first. */
  dismissed: string[];
}

export async function readerSignals(
  db: Kysely<Database>,
  userIds: readonly string[],
): Promise<Map<string, ReaderSignals>> {
  const out = new Map<string, ReaderSignals>();
  const of = (id: string) => {
    let s = out.get(id);
    if (!s) {
      s = { examples: [], upvoted: [], saved: [], dismissed: [] };
      out.set(id, s);
    }
    return s;
  };
  for (const id of userIds) of(id);
  for (const ids of batches(userIds)) {
    const examples = await db
      .selectFrom("interest_papers")
      .select(["user_id", "paper_id"])
      .where("user_id", "in", ids)
      .orderBy("user_id")
      .orderBy("created_at", "desc")
      .execute();
    for (const r of examples) of(r.user_id).examples.push(r.paper_id);
    const dismissed = await db
      .selectFrom("dismissed_papers")
      .select(["user_id", "paper_id"])
      .where("user_id", "in", ids)
      .orderBy("user_id")
      .orderBy("created_at", "desc")
      .orderBy("paper_id")
      .execute();
    for (const r of dismissed) of(r.user_id).dismissed.push(r.paper_id);
    const votes = await db
      .selectFrom("votes")
      .select(["user_id", "paper_id"])
      .where("user_id", "in", ids)
      .orderBy("user_id")
      .orderBy("created_at", "desc")
      .orderBy("paper_id")
      .execute();
    for (const r of votes) of(r.user_id).upvoted.push(r.paper_id);
    const saves = await db
      .selectFrom("collection_items as i")
      .innerJoin("collections as c", "c.id", "i.collection_id")
      .select(["c.user_id", "i.paper_id"])
      .where("c.user_id", "in", ids)
      .orderBy("c.user_id")
      .orderBy("i.created_at", "desc")
      .orderBy("i.paper_id")
      .execute();
    // A paper in two collections counts once (its newest save).
    const seen = new Set<string>();
    for (const r of saves) {
      const key = `${r.user_id}\n${r.paper_id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      of(r.user_id).saved.push(r.paper_id);
    }
  }
  return out;
}
