// The API's per-IP request budget, shared by all /api routes (a client paging through
// daily_papers and searching draws on one allowance). PAPERTIDE_API_RATE_LIMIT sets it:
// "600" (per minute), "600/minute", "20/second", "10000/hour", or "off".
import type { FastifyInstance } from "fastify";
import { ConfigError } from "../config.ts";

export const DEFAULT_API_RATE_LIMIT = "600/minute";

export interface ApiRateLimit {
  max: number;
  timeWindowMs: number;
}

const WINDOWS: Record<string, number> = { second: 1000, minute: 60_000, hour: 3_600_000 };
const UNIT_ALIASES: Record<string, string> = {
  s: "second",
  sec: "second",
  m: "minute",
  min: "minute",
  h: "hour",
};

/** Null means no limit. */
export function parseApiRateLimit(raw: string = DEFAULT_API_RATE_LIMIT): ApiRateLimit | null {
  const text = raw.trim().toLowerCase();
  if (["off", "0", "none", "false"].includes(text)) return null;
  const m = /^(\d+)\s*(?:\/\s*([a-z]+))?$/.exec(text);
  const unit = m?.[2] ? (UNIT_ALIASES[m[2]] ?? m[2]) : "minute";
  if (!m || !(unit in WINDOWS) || Number(m[1]) < 1) {
    throw new ConfigError(
      `PAPERTIDE_API_RATE_LIMIT must be like "600", "600/minute", "20/second" or "off", got "${raw}"`,
    );
  }
  return { max: Number(m[1]), timeWindowMs: WINDOWS[unit] };
}

/** Opts every route of this scope (including its 404s) into the limit. */
export function installApiRateLimit(app: FastifyInstance, limit: ApiRateLimit | null): void {
  if (!limit) return;
  app.addHook("onRequest", app.rateLimit({ max: limit.max, timeWindow: limit.timeWindowMs }));
}
