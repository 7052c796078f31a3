// Old public names of accounts (migration 013_account_changes): /u/<old> redirects to the current
// profile, and the name stays the account's while it exists (the rows cascade with it).
import type { Kysely } from "kysely";
import type { Database } from "./schema.ts";

/** The id of the account that used this name before, or null. */
export async function formerHandleOwner(db: Kysely<Database>, handle: string): Promise<string | null> {
  const row = await db
    .selectFrom("handle_history")
    .select("user_id")
    .where("handle_key", "=", handle.toLowerCase())
    .executeTakeFirst();
  return row?.user_id ?? null;
}

/**
 * Records `oldHandle` as the user's former name and frees `newHandle` if it was one of theirs.
 * Keeps the newest `keep` names: an account cannot hold names without limit by renaming often.
 */
export async function recordHandleChange(
  db: Kysely<Database>,
  o: { userId: string; oldHandle: string; newHandle: string; now: string; keep: number },
): Promise<void> {
  await db
    .deleteFrom("handle_history")
    .where("handle_key", "=", o.newHandle.toLowerCase())
    .where("user_id", "=", o.userId)
    .execute();
  await db
    .insertInto("handle_history")
    .values({
      handle_key: o.oldHandle.toLowerCase(),
      handle: o.oldHandle,
      user_id: o.userId,
      created_at: o.now,
    })
    .onConflict((oc) => oc.column("handle_key").doUpdateSet({ created_at: o.now, user_id: o.userId }))
    .execute();
  const kept = await db
    .selectFrom("handle_history")
    .select("handle_key")
    .where("user_id", "=", o.userId)
    .orderBy("created_at", "desc")
    .orderBy("handle_key")
    .limit(o.keep)
    .execute();
  await db
    .deleteFrom("handle_history")
    .where("user_id", "=", o.userId)
    .where(
      "handle_key",
      "not in",
      kept.map((k) => k.handle_key),
    )
    .execute();
}
