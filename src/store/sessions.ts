// Sessions: only the SHA-256 of a session id is stored, so a leaked database cannot be replayed
// as cookies.
import type { Kysely } from "kysely";
import type { Database } from "./schema.ts";

export async function insertSession(
  db: Kysely<Database>,
  s: { idHash: string; userId: string; createdAt: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto("sessions")
    .values({ id_hash: s.idHash, user_id: s.userId, created_at: s.createdAt, expires_at: s.expiresAt })
    .execute();
}

/** The user id of a live session, or null (unknown or expired). */
export async function sessionUserId(
  db: Kysely<Database>,
  idHash: string,
  now: string,
): Promise<string | null> {
  const row = await db
    .selectFrom("sessions")
    .select("user_id")
    .where("id_hash", "=", idHash)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return row?.user_id ?? null;
}

export async function deleteSession(db: Kysely<Database>, idHash: string): Promise<void> {
  await db.deleteFrom("sessions").where("id_hash", "=", idHash).execute();
}

export async function deleteUserSessions(db: Kysely<Database>, userId: string): Promise<void> {
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}

/** Ends every session of the user but the one given (a password change keeps its own session). */
export async function deleteOtherSessions(
  db: Kysely<Database>,
  userId: string,
  keepIdHash: string,
): Promise<number> {
  const r = await db
    .deleteFrom("sessions")
    .where("user_id", "=", userId)
    .where("id_hash", "!=", keepIdHash)
    .executeTakeFirst();
  return Number(r.numDeletedRows ?? 0);
}

export async function deleteExpiredSessions(db: Kysely<Database>, now: string): Promise<number> {
  const r = await db.deleteFrom("sessions").where("expires_at", "<=", now).executeTakeFirst();
  return Number(r.numDeletedRows ?? 0);
}
