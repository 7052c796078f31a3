// Digest settings (all optional):
//   PAPERTIDE_DIGEST_HOUR      UTC hour digests go out (default 7)
//   PAPERTIDE_SCHEDULER        "0" keeps `papertide serve` from building and sending digests
//                              (run `papertide worker` instead); default on
//   PAPERTIDE_JOB_LEASE_MS     how long a claimed job (a mail, a digest build, a scheduled sync, a
//                              chunk of search expansions) stays with the process that took it
//                              before a dead process's job is taken over (default 60000; renewed
//                              while alive). PAPERTIDE_OUTBOX_LEASE_MS is its older name.
//   PAPERTIDE_DIGEST_MAX_LATE_HOURS  how late a period's digests may still be built (default 18
//                              for daily, 72 for weekly): after a longer outage they are skipped
import { ConfigError, type Env, switchOn, wholeNumber } from "./parse.ts";

export interface DigestSettings {
  hour: number;
  schedulerEnabled: boolean;
  leaseMs: number;
  /** How late a period may still be built; null: per frequency (src/digest/scheduler.ts). */
  maxLateMs: number | null;
}

export function loadDigestSettings(env: Env): DigestSettings {
  const hourRaw = env.PAPERTIDE_DIGEST_HOUR ?? "7";
  const hour = Number(hourRaw);
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) {
    throw new ConfigError(`PAPERTIDE_DIGEST_HOUR must be a whole hour from 0 to 23 (UTC), got "${hourRaw}"`);
  }
  const leaseName =
    env.PAPERTIDE_JOB_LEASE_MS !== undefined ? "PAPERTIDE_JOB_LEASE_MS" : "PAPERTIDE_OUTBOX_LEASE_MS";
  const leaseRaw = env[leaseName] ?? "60000";
  const leaseMs = Number(leaseRaw);
  if (!Number.isInteger(leaseMs) || leaseMs < 500) {
    throw new ConfigError(`${leaseName} must be a whole number of milliseconds >= 500, got "${leaseRaw}"`);
  }
  const lateRaw = env.PAPERTIDE_DIGEST_MAX_LATE_HOURS;
  const maxLateMs =
    lateRaw === undefined || lateRaw.trim() === ""
      ? null
      : wholeNumber(env, "PAPERTIDE_DIGEST_MAX_LATE_HOURS", 18, 1, 24 * 14) * 3_600_000;
  return { hour, schedulerEnabled: switchOn(env, "PAPERTIDE_SCHEDULER", true), leaseMs, maxLateMs };
}
