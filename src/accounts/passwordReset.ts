// Password reset by emailed link. Asking always gets the same answer; only a known address gets
// a mail. Using the link sets the password, ends every session of the account and, since the
// link proved the mailbox, marks the address verified.
import { normalizeEmail } from "../mail/emailAddress.ts";
import {
  accountTokenUser,
  consumeAccountToken,
  deleteUserTokens,
  insertAccountToken,
} from "../store/accountTokens.ts";
import { deleteUserSessions } from "../store/sessions.ts";
import { findUserByEmail, markEmailVerified, setPasswordHash } from "../store/users.ts";
import { resetPasswordMessage } from "./accountMail.ts";
import type { AccountDeps } from "./deps.ts";
import { accountLinks } from "./links.ts";
import { hashPassword, passwordProblem } from "./passwords.ts";
import { hashSecret, newSecret } from "./secrets.ts";

/**
 * A reset request as the web answers it: the work (lookup, link, mail) is queued to run once the
 * answer is out (`afterAnswer`, or deps.later when set), the same call for every address, so
 * neither the answer nor its timing tells whether an account uses the address. A failure goes to
 * `onError` (the log), never to the asker.
 */
export function queuePasswordReset(
  deps: AccountDeps,
  rawEmail: string,
  afterAnswer: (task: () => Promise<void>) => void,
  onError: (err: unknown) => void,
): void {
  const task = () => requestPasswordReset(deps, rawEmail).catch(onError);
  (deps.later ?? afterAnswer)(task);
}

export async function requestPasswordReset(deps: AccountDeps, rawEmail: string): Promise<void> {
  const email = normalizeEmail(rawEmail);
  if (!email.ok) return;
  const user = await findUserByEmail(deps.store.db, email.email);
  if (!user) return;
  const token = newSecret();
  const now = deps.clock.now();
  // One live reset link per account: a new request invalidates the older links. The new link and
  // the mail that brings it are stored together (a crash keeps both or neither).
  await deps.mailer.sendWith(
    deps.store.db,
    resetPasswordMessage(user.email, accountLinks(deps.config.baseUrl).reset(token)),
    async (trx) => {
      await deleteUserTokens(trx, user.id, "reset");
      await insertAccountToken(trx, {
        tokenHash: hashSecret(token),
        userId: user.id,
        purpose: "reset",
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + deps.settings.resetTokenMinutes * 60_000).toISOString(),
      });
    },
  );
}

export async function resetLinkIsLive(deps: AccountDeps, token: string): Promise<boolean> {
  if (!token || token.length > 100) return false;
  return (
    (await accountTokenUser(deps.store.db, hashSecret(token), "reset", deps.clock.now().toISOString())) !==
    null
  );
}

export type ResetResult =
  | { ok: true }
  | { ok: false; reason: "invalid-link" | "weak-password"; message: string };

export async function resetPassword(
  deps: AccountDeps,
  token: string,
  password: string,
): Promise<ResetResult> {
  const problem = passwordProblem(password);
  if (problem) return { ok: false, reason: "weak-password", message: problem };
  const hash = await hashPassword(password);
  const now = deps.clock.now().toISOString();
  const userId =
    token.length <= 100 ? await consumeAccountToken(deps.store.db, hashSecret(token), "reset", now) : null;
  if (!userId)
    return { ok: false, reason: "invalid-link", message: "This reset link is invalid, used or expired." };
  await setPasswordHash(deps.store.db, userId, hash, now);
  await deleteUserSessions(deps.store.db, userId);
  await markEmailVerified(deps.store.db, userId, now);
  return { ok: true };
}
