// Papers a reader's personal digest picks have carried. Rows are written in the transaction that
// inserts the digest's outbox row (src/digest/periodBuilder.ts), so a paper counts as sent exactly
// when its mail is queued, and the next builds never pick it again.
import type { Kysely } from "kysely";
import type { Database } from "./schema.ts";

export async function recordSentPapers(
  db: Kysely<Database>,
  userId: string,
  paperIds: readonly string[],
  outboxId: string,
  now: string,
): Promise<void> {
  if (paperIds.length === 0) return;
  await db
    .insertInto("digest_sent_papers")
    .values(
      paperIds.map((paperId) => ({
        user_id: userId,
        paper_id: paperId,
        outbox_id: outboxId,
        created_at: now,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function sentPaperIds(db: Kysely<Database>, userId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom("digest_sent_papers")
    .select("paper_id")
    .where("user_id", "=", userId)
    .execute();
  return new Set(rows.map((r) => r.paper_id));
}
