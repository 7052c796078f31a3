// Throttling per account, on top of the per-address limits of the routes: an attacker who spreads
// guesses over many addresses still meets the account's own budget. Counted in the database
// (src/store/authThrottle.ts), so it holds across processes and restarts.
//
// Sign-in: every attempt for an address (known or not: the answer never tells them apart) counts
// as a failure until it succeeds; from the Kth failure in a row the address is in backoff for
// 15 s, doubling with each further failure up to PAPERTIDE_LOGIN_BACKOFF_MAX_SECONDS. During a
// backoff every attempt, even with the right password, gets the same 429 and is not checked nor
// counted, so a third party can hold an account for at most the cap after their last guess. A
// success clears the count; so do 15 minutes without a failure.
//
// Account mails (sign-up, password reset, "send the confirmation again", change of address): at
// most PAPERTIDE_ACCOUNT_MAIL_LIMIT per address per 15 minutes, so nobody can flood a mailbox;
// the mails a signed-in account asks for also count against the same limit per account.
import { normalizeEmail } from "../mail/emailAddress.ts";
import {
  clearThrottleKey,
  countThrottleEvent,
  lockThrottleKey,
  throttleLockedUntil,
} from "../store/authThrottle.ts";
import type { AccountDeps } from "./deps.ts";
import { hashSecret } from "./secrets.ts";

/** The first backoff; each further failure doubles it, up to the configured cap. */
export const FIRST_BACKOFF_SECONDS = 15;

/** Seconds to wait before trying again; null when the request may go on. */
export type ThrottleVerdict = number | null;

/** The account key of a typed address: its normalised form, else the trimmed lower-cased text. */
function accountKey(action: "login" | "mail", rawEmail: string): string {
  const email = normalizeEmail(rawEmail);
  const subject = email.ok ? email.key : rawEmail.trim().toLowerCase();
  return `${action}:${hashSecret(subject)}`;
}

const secondsUntil = (until: string, now: Date) =>
  Math.max(1, Math.ceil((Date.parse(until) - now.getTime()) / 1000));

/** Backoff after `failures` failures in a row (none below the threshold). */
export function backoffSeconds(failures: number, after: number, maxSeconds: number): number {
  if (failures < after) return 0;
  return Math.min(maxSeconds, FIRST_BACKOFF_SECONDS * 2 ** Math.min(failures - after, 30));
}

/**
 * Call before checking a password. Counts the attempt as a failure (cleared by
 * `signInSucceeded`), so parallel guesses meet the backoff too; answers the seconds to wait
 * while the address is in backoff.
 */
export async function beginSignInAttempt(deps: AccountDeps, rawEmail: string): Promise<ThrottleVerdict> {
  const { db } = deps.store;
  const s = deps.settings;
  const key = accountKey("login", rawEmail);
  const now = deps.clock.now();
  const lockedUntil = await throttleLockedUntil(db, key);
  if (lockedUntil && Date.parse(lockedUntil) > now.getTime()) return secondsUntil(lockedUntil, now);
  const row = await countThrottleEvent(db, key, {
    now: now.toISOString(),
    expiredBefore: new Date(now.getTime() - s.authRateWindowMs).toISOString(),
    moveStart: true,
  });
  // A parallel attempt may have locked the address since the check above.
  if (row.lockedUntil && Date.parse(row.lockedUntil) > now.getTime() && row.count > s.loginBackoffAfter)
    return secondsUntil(row.lockedUntil, now);
  const wait = backoffSeconds(row.count, s.loginBackoffAfter, s.loginBackoffMaxSeconds);
  if (wait > 0) await lockThrottleKey(db, key, new Date(now.getTime() + wait * 1000).toISOString());
  return null;
}

export async function signInSucceeded(deps: AccountDeps, rawEmail: string): Promise<void> {
  await clearThrottleKey(deps.store.db, accountKey("login", rawEmail));
}

/** Counts one account mail to this address; the seconds to wait when the allowance is spent. */
export async function takeAccountMailAllowance(
  deps: AccountDeps,
  rawEmail: string,
): Promise<ThrottleVerdict> {
  return takeMailAllowance(deps, accountKey("mail", rawEmail));
}

/**
 * Counts one mail a signed-in account asked for (confirmation sent again, change of address), on
 * top of the address's own allowance: the same budget per account, whatever addresses it names.
 */
export async function takeUserMailAllowance(deps: AccountDeps, userId: string): Promise<ThrottleVerdict> {
  return takeMailAllowance(deps, `user-mail:${hashSecret(userId)}`);
}

async function takeMailAllowance(deps: AccountDeps, key: string): Promise<ThrottleVerdict> {
  const s = deps.settings;
  const now = deps.clock.now();
  const row = await countThrottleEvent(deps.store.db, key, {
    now: now.toISOString(),
    expiredBefore: new Date(now.getTime() - s.authRateWindowMs).toISOString(),
    moveStart: false,
  });
  if (row.count <= s.accountMailLimit) return null;
  return secondsUntil(new Date(Date.parse(row.windowStart) + s.authRateWindowMs).toISOString(), now);
}

/** "2 minutes", "40 seconds": how long a throttled reader waits, for the page that says so. */
export function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
