// Confirms an email address with the mailed token (one use); answers the account's id, or null.
import { consumeAccountToken } from "../store/accountTokens.ts";
import { markEmailVerified } from "../store/users.ts";
import type { AccountDeps } from "./deps.ts";
import { hashSecret } from "./secrets.ts";

export async function verifyEmail(deps: AccountDeps, token: string): Promise<string | null> {
  if (!token || token.length > 100) return null;
  const now = deps.clock.now().toISOString();
  const userId = await consumeAccountToken(deps.store.db, hashSecret(token), "verify", now);
  if (!userId) return null;
  await markEmailVerified(deps.store.db, userId, now);
  return userId;
}
