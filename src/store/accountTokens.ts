// One-time tokens mailed for email verification and password reset; stored as SHA-256 hashes.
import type { Kysely } from "kysely";
import type { Database } from "./schema.ts";

export type TokenPurpose = "verify" | "reset";

export async function insertAccountToken(
  db: Kysely<Database>,
  t: { tokenHash: string; userId: string; purpose: TokenPurpose; createdAt: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto("account_tokens")
    .values({
      token_hash: t.tokenHash,
      user_id: t.userId,
      purpose: t.purpose,
      created_at: t.createdAt,
      expires_at: t.expiresAt,
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
