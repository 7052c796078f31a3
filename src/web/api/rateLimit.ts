// The API's per-IP request budget, shared by all /api routes (a client paging through
// daily_papers and searching draws on one allowance). PAPERTIDE_API_RATE_LIMIT sets it:
// "600" (per minute), "600/minute", "20/second", "10000/hour", or "off".
import type { FastifyInstance } from "fastify";
import { parseRateLimit, type RateLimit } from "../../config/rateLimit.ts";

export const DEFAULT_API_RATE_LIMIT = "600/minute";

export type ApiRateLimit = RateLimit;

/** Null means no limit. */
export function parseApiRateLimit(raw: string = DEFAULT_API_RATE_LIMIT): ApiRateLimit | null {
  return parseRateLimit(raw, "PAPERTIDE_API_RATE_LIMIT");
}

/** Opts every route of this scope (including its 404s) into the limit. */
export function installApiRateLimit(app: FastifyInstance, limit: ApiRateLimit | null): void {
  if (!limit) return;
  app.addHook("onRequest", app.rateLimit({ max: limit.max, timeWindow: limit.timeWindowMs }));
}
