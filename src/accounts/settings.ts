// Account and community settings from the environment (every one has a default):
//   PAPERTIDE_SESSION_DAYS             session lifetime (30)
//   PAPERTIDE_AUTH_RATE_LIMIT          sign-in, sign-up and reset POSTs per client IP per 15 minutes (20)
//   PAPERTIDE_LOGIN_BACKOFF_AFTER      failed sign-ins in a row for one address before its backoff (5)
//   PAPERTIDE_LOGIN_BACKOFF_MAX_SECONDS the longest backoff, 1 to 3600 (300); see accountThrottle.ts
//   PAPERTIDE_ACCOUNT_MAIL_LIMIT       sign-up, reset and confirmation mails per address per 15 minutes (5)
//   PAPERTIDE_SUBMIT_MAX_AGE_DAYS      only papers whose first version is this recent may be submitted (14)
//   PAPERTIDE_SUBMIT_DAILY_CAP         submissions per user per day (5)
//   PAPERTIDE_COMMENT_RATE_LIMIT       comments per user IP per minute (10)
import { ConfigError } from "../config.ts";

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
}

export function loadAccountSettings(env: NodeJS.ProcessEnv = process.env): AccountSettings {
  return {
    sessionDays: int(env.PAPERTIDE_SESSION_DAYS, 30, "PAPERTIDE_SESSION_DAYS"),
    authRateLimit: int(env.PAPERTIDE_AUTH_RATE_LIMIT, 20, "PAPERTIDE_AUTH_RATE_LIMIT"),
    authRateWindowMs: 15 * 60_000,
    loginBackoffAfter: int(env.PAPERTIDE_LOGIN_BACKOFF_AFTER, 5, "PAPERTIDE_LOGIN_BACKOFF_AFTER"),
    loginBackoffMaxSeconds: int(
      env.PAPERTIDE_LOGIN_BACKOFF_MAX_SECONDS,
      300,
      "PAPERTIDE_LOGIN_BACKOFF_MAX_SECONDS",
      3600,
    ),
    accountMailLimit: int(env.PAPERTIDE_ACCOUNT_MAIL_LIMIT, 5, "PAPERTIDE_ACCOUNT_MAIL_LIMIT"),
    verifyTokenHours: 48,
    resetTokenMinutes: 60,
    submitMaxAgeDays: int(env.PAPERTIDE_SUBMIT_MAX_AGE_DAYS, 14, "PAPERTIDE_SUBMIT_MAX_AGE_DAYS"),
    submitDailyCap: int(env.PAPERTIDE_SUBMIT_DAILY_CAP, 5, "PAPERTIDE_SUBMIT_DAILY_CAP"),
    commentRateLimit: int(env.PAPERTIDE_COMMENT_RATE_LIMIT, 10, "PAPERTIDE_COMMENT_RATE_LIMIT"),
  };
}

function int(raw: string | undefined, fallback: number, name: string, max = Number.MAX_SAFE_INTEGER): number {
  if (raw === undefined || raw.trim() === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new ConfigError(
      max === Number.MAX_SAFE_INTEGER
        ? `${name} must be a whole number above 0, got "${raw}"`
        : `${name} must be a whole number from 1 to ${max}, got "${raw}"`,
    );
  return n;
}
