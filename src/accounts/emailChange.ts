// Changing an account's address. The request (current password required) mails a link to the new
// address and a notice to the old one; nothing changes until the link is followed, so a typo or an
// intruder with an open session cannot move the account to an address its owner does not read.
// A new address that already has an account gets a mail saying so instead of a link, and the
// page answers the same either way (no telling which addresses have accounts).
import { normalizeEmail } from "../mail/emailAddress.ts";
import { consumeEmailChangeToken, deleteUserTokens, insertAccountToken } from "../store/accountTokens.ts";
import { moveSubscriptionOfUser } from "../store/subscribers.ts";
import { findUserByEmail, getUser, setConfirmedEmail } from "../store/users.ts";
import { confirmNewEmailMessage, emailChangeNoticeMessage, emailTakenMessage } from "./accountMail.ts";
import { takeAccountMailAllowance, takeUserMailAllowance } from "./accountThrottle.ts";
import type { AccountDeps } from "./deps.ts";
import { accountLinks } from "./links.ts";
import { checkCurrentPassword } from "./passwordChange.ts";
import { hashSecret, newSecret } from "./secrets.ts";

export type EmailChangeRequestResult =
  | { ok: true; newEmail: string }
  | { ok: false; field: "email" | "current"; message: string }
  | { ok: false; retryAfterSeconds: number };

export async function requestEmailChange(
  deps: AccountDeps,
  o: { userId: string; current: string; email: string },
): Promise<EmailChangeRequestResult> {
  const email = normalizeEmail(o.email);
  if (!email.ok) return { ok: false, field: "email", message: "Enter a valid email address." };
  const user = await getUser(deps.store.db, o.userId);
  if (!user) return { ok: false, field: "current", message: "That is not your current password." };
  if (email.key === user.email.toLowerCase())
    return { ok: false, field: "email", message: "That is already your address." };
  const check = await checkCurrentPassword(deps, user.id, o.current);
  if (!check.ok) {
    return check.retryAfterSeconds !== undefined
      ? { ok: false, retryAfterSeconds: check.retryAfterSeconds }
      : { ok: false, field: "current", message: "That is not your current password." };
  }
  const wait =
    (await takeUserMailAllowance(deps, user.id)) ?? (await takeAccountMailAllowance(deps, email.email));
  if (wait !== null) return { ok: false, retryAfterSeconds: wait };

  const links = accountLinks(deps.config.baseUrl);
  if (await findUserByEmail(deps.store.db, email.email)) {
    deps.mailer.send(emailTakenMessage(email.email, links.login()));
    return { ok: true, newEmail: email.email };
  }
  const token = newSecret();
  const now = deps.clock.now();
  // One pending change per account: a new request invalidates the older links. The link and the
  // mail that brings it are stored together (a crash keeps both or neither).
  await deps.mailer.sendWith(
    deps.store.db,
    confirmNewEmailMessage(email.email, user.handle, links.emailChange(token)),
    async (trx) => {
      await deleteUserTokens(trx, user.id, "email");
      await insertAccountToken(trx, {
        tokenHash: hashSecret(token),
        userId: user.id,
        purpose: "email",
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + deps.settings.verifyTokenHours * 3_600_000).toISOString(),
        newEmail: email.email,
      });
    },
  );
  deps.mailer.send(emailChangeNoticeMessage(user.email, user.handle, email.email, links.forgot()));
  return { ok: true, newEmail: email.email };
}

export type EmailChangeResult =
  | { ok: true; email: string }
  | { ok: false; reason: "invalid-link" | "taken"; message: string };

/** Follows the mailed link: the account moves to the new, now confirmed, address. */
export async function confirmEmailChange(deps: AccountDeps, token: string): Promise<EmailChangeResult> {
  const invalid = {
    ok: false,
    reason: "invalid-link",
    message: "This link is invalid, already used or expired. Ask for the change again on your account page.",
  } as const;
  if (!token || token.length > 100) return invalid;
  const now = deps.clock.now().toISOString();
  const change = await consumeEmailChangeToken(deps.store.db, hashSecret(token), now);
  if (!change) return invalid;
  const before = await getUser(deps.store.db, change.userId);
  if (!before) return invalid;
  const moved = await deps.store.db.transaction().execute(async (trx) => {
    if (!(await setConfirmedEmail(trx, change.userId, change.newEmail, now))) return false;
    await moveSubscriptionOfUser(trx, {
      userId: change.userId,
      oldKey: before.email.toLowerCase(),
      email: change.newEmail,
      now,
    });
    return true;
  });
  if (!moved)
    return {
      ok: false,
      reason: "taken",
      message: "Another account uses this address now, so yours keeps its old address.",
    };
  return { ok: true, email: change.newEmail };
}
