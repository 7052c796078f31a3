// Changing the password of a signed-in account: the current password is asked first (a session
// left open on a shared computer must not be enough), guesses of it meet the sign-in backoff of
// the address (accountThrottle.ts), and every other session of the account ends, so a change made
// because of a leak locks the intruder out while this browser stays signed in.
import { deleteOtherSessions } from "../store/sessions.ts";
import { getUser, setPasswordHash } from "../store/users.ts";
import { beginSignInAttempt, signInSucceeded } from "./accountThrottle.ts";
import type { AccountDeps } from "./deps.ts";
import { hashPassword, passwordProblem, verifyPassword } from "./passwords.ts";
import { hashSecret } from "./secrets.ts";

export type PasswordChangeResult =
  | { ok: true; endedSessions: number }
  | { ok: false; field: "current" | "password"; message: string }
  | { ok: false; retryAfterSeconds: number };

/** Asks for the current password: a wrong one counts as a failed sign-in of the address. */
export async function checkCurrentPassword(
  deps: AccountDeps,
  userId: string,
  password: string,
): Promise<{ ok: true } | { ok: false; retryAfterSeconds?: number }> {
  const user = await getUser(deps.store.db, userId);
  if (!user) return { ok: false };
  const wait = await beginSignInAttempt(deps, user.email);
  if (wait !== null) return { ok: false, retryAfterSeconds: wait };
  if (!(await verifyPassword(user.passwordHash, password))) return { ok: false };
  await signInSucceeded(deps, user.email);
  return { ok: true };
}

export async function changePassword(
  deps: AccountDeps,
  o: { userId: string; sessionId: string; current: string; password: string },
): Promise<PasswordChangeResult> {
  const problem = passwordProblem(o.password);
  if (problem) return { ok: false, field: "password", message: problem };
  const check = await checkCurrentPassword(deps, o.userId, o.current);
  if (!check.ok) {
    return check.retryAfterSeconds !== undefined
      ? { ok: false, retryAfterSeconds: check.retryAfterSeconds }
      : { ok: false, field: "current", message: "That is not your current password." };
  }
  const hash = await hashPassword(o.password);
  const now = deps.clock.now().toISOString();
  const endedSessions = await deps.store.db.transaction().execute(async (trx) => {
    await setPasswordHash(trx, o.userId, hash, now);
    return deleteOtherSessions(trx, o.userId, hashSecret(o.sessionId));
  });
  return { ok: true, endedSessions };
}
