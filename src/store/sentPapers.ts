// Papers a reader's personal digest picks have carried. Rows are written in the transaction that
// inserts the digest's outbox row (src/digest/periodBuilder.ts), so a paper counts as sent exactly
// when its mail is queued, and the next builds never pick it again.
import type { Kysely } from "kysely";
import { batches } from "./batches.ts";
import type { Database } from "./schema.ts";

export interface SentPapers {
  userId: string;
  paperIds: readonly string[];
  outboxId: string;
}

/** Records what queued mails carry (many mails in one go: a digest build writes a page at a time). */
export async function recordSentPapers(
  db: Kysely<Database>,
  mails: readonly SentPapers[],
  now: string,
): Promise<void> {
  const rows = mails.flatMap((m) =>
    m.paperIds.map((paperId) => ({
      user_id: m.userId,
      paper_id: paperId,
      outbox_id: m.outboxId,
      created_at: now,
    })),
  );
  for (const batch of batches(rows)) {
    await db
      .insertInto("digest_sent_papers")
      .values(batch)
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

export async function sentPaperIds(db: Kysely<Database>, userId: string): Promise<Set<string>> {
  return (await sentPaperIdsOf(db, [userId])).get(userId) ?? new Set();
}

/** The papers already picked for each of these readers (a page of a digest build at a time). */
export async function sentPaperIdsOf(
  db: Kysely<Database>,
  userIds: readonly string[],
): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>(userIds.map((id) => [id, new Set<string>()]));
  for (const batch of batches(userIds)) {
    const rows = await db
      .selectFrom("digest_sent_papers")
      .select(["user_id", "paper_id"])
      .where("user_id", "in", batch)
      .execute();
    for (const r of rows) out.get(r.user_id)?.add(r.paper_id);
  }
  return out;
}
