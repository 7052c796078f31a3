// Confirms an email address with the mailed token (one use).
import { consumeAccountToken } from "../store/accountTokens.ts";
import { markEmailVerified } from "../store/users.ts";
import type { AccountDeps } from "./deps.ts";
import { hashSecret } from "./secrets.ts";

export async function verifyEmail(deps: AccountDeps, token: string): Promise<boolean> {
  if (!token || token.length > 100) return false;
  const now = deps.clock.now().toISOString();
  const userId = await consumeAccountToken(deps.store.db, hashSecret(token), "verify", now);
  if (!userId) return false;
  await markEmailVerified(deps.store.db, userId, now);
  return true;
}
