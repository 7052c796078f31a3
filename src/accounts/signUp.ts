// Sign-up: email + handle + password. The answer never says whether the email already has an
// account: a known address gets a "you already have an account" mail instead of a new account,
// and the page says "check your inbox" either way. The password is hashed in both cases, so the
// two paths also take the same time. A valid form draws on the address's mail allowance
// (accountThrottle.ts) whether or not the address has an account.
import { normalizeEmail } from "../mail/emailAddress.ts";
import { insertAccountToken } from "../store/accountTokens.ts";
import { findUserByEmail, insertUser } from "../store/users.ts";
import { alreadyRegisteredMessage, verifyEmailMessage } from "./accountMail.ts";
import { takeAccountMailAllowance } from "./accountThrottle.ts";
import type { AccountDeps } from "./deps.ts";
import { handleTaken } from "./handleChange.ts";
import { handleProblem } from "./handles.ts";
import { accountLinks } from "./links.ts";
import { hashPassword, passwordProblem } from "./passwords.ts";
import { hashSecret, newId, newSecret } from "./secrets.ts";

export interface SignUpInput {
  email: string;
  handle: string;
  password: string;
}

export type SignUpResult =
  | { ok: true }
  | { ok: false; errors: Partial<Record<keyof SignUpInput, string>> }
  /** The address had its share of account mails: try again after this many seconds. */
  | { ok: false; retryAfterSeconds: number };

export async function signUp(deps: AccountDeps, input: SignUpInput): Promise<SignUpResult> {
  const errors: Partial<Record<keyof SignUpInput, string>> = {};
  const email = normalizeEmail(input.email);
  if (!email.ok) errors.email = "Enter a valid email address.";
  const handle = input.handle.trim();
  const handleIssue = handleProblem(handle);
  if (handleIssue) errors.handle = handleIssue;
  // Handles are public (profile pages), so saying one is taken reveals nothing private.
  // Former names stay their account's (handleChange.ts).
  else if (await handleTaken(deps, handle)) errors.handle = "That name is taken.";
  const passwordIssue = passwordProblem(input.password);
  if (passwordIssue) errors.password = passwordIssue;
  if (!email.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  const wait = await takeAccountMailAllowance(deps, email.email);
  if (wait !== null) return { ok: false, retryAfterSeconds: wait };

  const passwordHash = await hashPassword(input.password);
  const now = deps.clock.now();
  const links = accountLinks(deps.config.baseUrl);
  const id = newId();
  const created = await insertUser(
    deps.store.db,
    { id, email: email.email, handle, passwordHash },
    now.toISOString(),
  );
  if (!created) {
    const existing = await findUserByEmail(deps.store.db, email.email);
    if (existing) {
      deps.mailer.send(alreadyRegisteredMessage(existing.email, links.login(), links.forgot()));
      return { ok: true };
    }
    // Not the email: the handle was taken between our check and the insert.
    return { ok: false, errors: { handle: "That name is taken." } };
  }
  await sendVerification(deps, { id, email: email.email, handle });
  return { ok: true };
}

/** Mails a fresh verification link (sign-up, and "send it again" for a signed-in user). */
export async function sendVerification(
  deps: AccountDeps,
  user: { id: string; email: string; handle: string },
): Promise<void> {
  const token = newSecret();
  const now = deps.clock.now();
  // The link and the mail that brings it are stored together (a crash keeps both or neither).
  await deps.mailer.sendWith(
    deps.store.db,
    verifyEmailMessage(user.email, user.handle, accountLinks(deps.config.baseUrl).verify(token)),
    (trx) =>
      insertAccountToken(trx, {
        tokenHash: hashSecret(token),
        userId: user.id,
        purpose: "verify",
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + deps.settings.verifyTokenHours * 3_600_000).toISOString(),
      }),
  );
}
