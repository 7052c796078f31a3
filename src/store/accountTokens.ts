// One-time tokens mailed for email verification, password reset and a change of address; stored
// as SHA-256 hashes.
import type { Kysely } from "kysely";
import type { Database } from "./schema.ts";

export type TokenPurpose = "verify" | "reset" | "email";

export async function insertAccountToken(
  db: Kysely<Database>,
  t: {
    tokenHash: string;
    userId: string;
    purpose: TokenPurpose;
    createdAt: string;
    expiresAt: string;
    /** For "email" tokens: the address the link confirms. */
    newEmail?: string;
  },
): Promise<void> {
  await db
    .insertInto("account_tokens")
    .values({
      token_hash: t.tokenHash,
      user_id: t.userId,
      purpose: t.purpose,
      created_at: t.createdAt,
      expires_at: t.expiresAt,
      new_email: t.newEmail ?? null,
    })
    .execute();
}

/** Deletes and returns the token's user when it is live and of this purpose: a token works once. */
export async function consumeAccountToken(
  db: Kysely<Database>,
  tokenHash: string,
  purpose: TokenPurpose,
  now: string,
): Promise<string | null> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("account_tokens")
      .select("user_id")
      .where("token_hash", "=", tokenHash)
      .where("purpose", "=", purpose)
      .where("expires_at", ">", now)
      .executeTakeFirst();
    if (!row) return null;
    const del = await trx.deleteFrom("account_tokens").where("token_hash", "=", tokenHash).executeTakeFirst();
    return Number(del.numDeletedRows ?? 0) === 1 ? row.user_id : null;
  });
}

/** A live token exists (used to check a reset link before showing its form). */
export async function accountTokenUser(
  db: Kysely<Database>,
  tokenHash: string,
  purpose: TokenPurpose,
  now: string,
): Promise<string | null> {
  const row = await db
    .selectFrom("account_tokens")
    .select("user_id")
    .where("token_hash", "=", tokenHash)
    .where("purpose", "=", purpose)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return row?.user_id ?? null;
}

export async function deleteUserTokens(
  db: Kysely<Database>,
  userId: string,
  purpose: TokenPurpose,
): Promise<void> {
  await db
    .deleteFrom("account_tokens")
    .where("user_id", "=", userId)
    .where("purpose", "=", purpose)
    .execute();
}

/** Deletes a live "email" token and returns its user and the address it confirms (works once). */
export async function consumeEmailChangeToken(
  db: Kysely<Database>,
  tokenHash: string,
  now: string,
): Promise<{ userId: string; newEmail: string } | null> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("account_tokens")
      .select(["user_id", "new_email"])
      .where("token_hash", "=", tokenHash)
      .where("purpose", "=", "email")
      .where("expires_at", ">", now)
      .executeTakeFirst();
    if (!row?.new_email) return null;
    const del = await trx.deleteFrom("account_tokens").where("token_hash", "=", tokenHash).executeTakeFirst();
    return Number(del.numDeletedRows ?? 0) === 1 ? { userId: row.user_id, newEmail: row.new_email } : null;
  });
}

/** The address a live "email" token of the user waits to confirm, if any (shown on /account). */
export async function pendingEmailChange(
  db: Kysely<Database>,
  userId: string,
  now: string,
): Promise<string | null> {
  const row = await db
    .selectFrom("account_tokens")
    .select("new_email")
    .where("user_id", "=", userId)
    .where("purpose", "=", "email")
    .where("expires_at", ">", now)
    .orderBy("created_at", "desc")
    .executeTakeFirst();
  return row?.new_email ?? null;
}
