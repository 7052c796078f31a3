// Sign-in: email + password -> a new session. Unknown emails are checked against a dummy hash and
// get the same answer as a wrong password. An address in backoff (accountThrottle.ts) is refused
// before any password check, whether or not the password is right.
import { normalizeEmail } from "../mail/emailAddress.ts";
import { findUserByEmail, publicUser, type User } from "../store/users.ts";
import { beginSignInAttempt, signInSucceeded } from "./accountThrottle.ts";
import type { AccountDeps } from "./deps.ts";
import { verifyPassword } from "./passwords.ts";
import { endSession, startSession } from "./sessions.ts";

export type SignInResult =
  | { ok: true; user: User; sessionId: string; expires: Date }
  /** `retryAfterSeconds`: the address is in backoff, nothing was checked. */
  | { ok: false; retryAfterSeconds?: number };

export async function signIn(
  deps: AccountDeps,
  input: { email: string; password: string; previousSessionId?: string },
): Promise<SignInResult> {
  const wait = await beginSignInAttempt(deps, input.email);
  if (wait !== null) return { ok: false, retryAfterSeconds: wait };
  const email = normalizeEmail(input.email);
  const user = email.ok ? await findUserByEmail(deps.store.db, email.email) : null;
  const ok = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !ok) return { ok: false };
  await signInSucceeded(deps, input.email);
  // Rotate: whatever session the browser held before is ended, a fresh id is issued.
  await endSession(deps, input.previousSessionId);
  const session = await startSession(deps, user.id);
  return { ok: true, user: publicUser(user), sessionId: session.id, expires: session.expires };
}
