// Digest settings (all optional):
//   PAPERTIDE_DIGEST_HOUR      UTC hour digests go out (default 7)
//   PAPERTIDE_SCHEDULER        "0" keeps `papertide serve` from building and sending digests
//                              (run `papertide worker` instead); default on
//   PAPERTIDE_OUTBOX_LEASE_MS  how long a claimed mail stays reserved for its sender before a dead
//                              sender's mail is sent again (default 60000; renewed while alive)
import { ConfigError, type Env, switchOn } from "./parse.ts";

export interface DigestSettings {
  hour: number;
  schedulerEnabled: boolean;
  leaseMs: number;
}

export function loadDigestSettings(env: Env): DigestSettings {
  const hourRaw = env.PAPERTIDE_DIGEST_HOUR ?? "7";
  const hour = Number(hourRaw);
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) {
    throw new ConfigError(`PAPERTIDE_DIGEST_HOUR must be a whole hour from 0 to 23 (UTC), got "${hourRaw}"`);
  }
  const leaseRaw = env.PAPERTIDE_OUTBOX_LEASE_MS ?? "60000";
  const leaseMs = Number(leaseRaw);
  if (!Number.isInteger(leaseMs) || leaseMs < 500) {
    throw new ConfigError(
      `PAPERTIDE_OUTBOX_LEASE_MS must be a whole number of milliseconds >= 500, got "${leaseRaw}"`,
    );
  }
  return { hour, schedulerEnabled: switchOn(env, "PAPERTIDE_SCHEDULER", true), leaseMs };
}
