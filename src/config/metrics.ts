// PAPERTIDE_METRICS_TOKEN: who may read /metrics. Metrics name routes, queue depths and sizes,
// which a public site need not tell everyone, so the endpoint is closed unless asked for: with a
// token, a scraper sends `Authorization: Bearer <token>` from anywhere; without one, only a
// client on this machine that no proxy forwards may read it.
import { ConfigError, type Env } from "./parse.ts";

export interface MetricsSettings {
  /** null: loopback-only. */
  token: string | null;
}

export function loadMetricsSettings(env: Env): MetricsSettings {
  const raw = env.PAPERTIDE_METRICS_TOKEN?.trim() ?? "";
  if (raw === "") return { token: null };
  if (raw.length < 16 || raw.length > 256 || !/^[\x21-\x7e]+$/.test(raw)) {
    throw new ConfigError(
      "PAPERTIDE_METRICS_TOKEN must be 16 to 256 printable characters without spaces (a long random string)",
    );
  }
  return { token: raw };
}
