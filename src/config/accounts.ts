// Account and community settings (every one has a default):
//   PAPERTIDE_SESSION_DAYS             session lifetime (30)
//   PAPERTIDE_AUTH_RATE_LIMIT          sign-in, sign-up and reset POSTs per client IP per 15 minutes (20)
//   PAPERTIDE_LOGIN_BACKOFF_AFTER      failed sign-ins in a row for one address before its backoff (5)
//   PAPERTIDE_LOGIN_BACKOFF_MAX_SECONDS the longest backoff, 1 to 3600 (300); see src/accounts/accountThrottle.ts
//   PAPERTIDE_ACCOUNT_MAIL_LIMIT       sign-up, reset, confirmation and change-of-address mails per address
//                                      (and per signed-in account) per 15 minutes (5)
//   PAPERTIDE_SUBMIT_MAX_AGE_DAYS      only papers whose first version is this recent may be submitted (14)
//   PAPERTIDE_SUBMIT_DAILY_CAP         submissions per user per day (5)
//   PAPERTIDE_COMMENT_RATE_LIMIT       comments per user IP per minute (10)
//   PAPERTIDE_ADMIN_PASSWORD           the password of `papertide admin create` without --password-stdin
import { type Env, wholeNumber } from "./parse.ts";

export interface AccountSettings {
  sessionDays: number;
  authRateLimit: number;
  authRateWindowMs: number;
  loginBackoffAfter: number;
  loginBackoffMaxSeconds: number;
  accountMailLimit: number;
  verifyTokenHours: number;
  resetTokenMinutes: number;
  submitMaxAgeDays: number;
  submitDailyCap: number;
  commentRateLimit: number;
  /** For `papertide admin create` only; null when unset. Never logged. */
  adminPassword: string | null;
}

export function loadAccountSettings(env: Env): AccountSettings {
  return {
    sessionDays: wholeNumber(env, "PAPERTIDE_SESSION_DAYS", 30),
    authRateLimit: wholeNumber(env, "PAPERTIDE_AUTH_RATE_LIMIT", 20),
    authRateWindowMs: 15 * 60_000,
    loginBackoffAfter: wholeNumber(env, "PAPERTIDE_LOGIN_BACKOFF_AFTER", 5),
    loginBackoffMaxSeconds: wholeNumber(env, "PAPERTIDE_LOGIN_BACKOFF_MAX_SECONDS", 300, 1, 3600),
    accountMailLimit: wholeNumber(env, "PAPERTIDE_ACCOUNT_MAIL_LIMIT", 5),
    verifyTokenHours: 48,
    resetTokenMinutes: 60,
    submitMaxAgeDays: wholeNumber(env, "PAPERTIDE_SUBMIT_MAX_AGE_DAYS", 14),
    submitDailyCap: wholeNumber(env, "PAPERTIDE_SUBMIT_DAILY_CAP", 5),
    commentRateLimit: wholeNumber(env, "PAPERTIDE_COMMENT_RATE_LIMIT", 10),
    adminPassword: env.PAPERTIDE_ADMIN_PASSWORD || null,
  };
}
