// Digest editions: what one period's digest holds for one topic set, built once and shared by
// every subscriber with that topic set (the per-subscriber parts are filled in at send time).
import type { Kysely } from "kysely";
import type { Database } from "./schema.ts";

export interface StoredEdition {
  id: string;
  period: string;
  topics: string;
  content: string;
}

/** Inserts unless (period, topics) exists; returns the stored id either way. */
export async function saveEdition(db: Kysely<Database>, e: StoredEdition, now: string): Promise<string> {
  await db
    .insertInto("digest_editions")
    .values({ ...e, created_at: now })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const row = await db
    .selectFrom("digest_editions")
    .select("id")
    .where("period", "=", e.period)
    .where("topics", "=", e.topics)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function getEdition(db: Kysely<Database>, id: string): Promise<StoredEdition | null> {
  const row = await db
    .selectFrom("digest_editions")
    .select(["id", "period", "topics", "content"])
    .where("id", "=", id)
    .executeTakeFirst();
  return row ?? null;
}

export async function editionsOfPeriod(db: Kysely<Database>, period: string): Promise<StoredEdition[]> {
  return db
    .selectFrom("digest_editions")
    .select(["id", "period", "topics", "content"])
    .where("period", "=", period)
    .execute();
}

/** Editions older than `before` that no outbox row points at any more. */
export async function pruneEditions(db: Kysely<Database>, before: string): Promise<number> {
  const res = await db
    .deleteFrom("digest_editions")
    .where("created_at", "<", before)
    .where("id", "not in", (eb) =>
      eb
        .selectFrom("outbox")
        .select("edition_id")
        .where("edition_id", "is not", null)
        .$narrowType<{ edition_id: string }>(),
    )
    .executeTakeFirst();
  return Number(res.numDeletedRows ?? 0);
}
