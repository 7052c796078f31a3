// The API's per-IP request budget, shared by all /api routes (a client paging through
// daily_papers and searching draws on one allowance). PAPERTIDE_API_RATE_LIMIT sets it; the
// configuration parses it (src/config/load.ts), so a malformed value fails at start.
import type { FastifyInstance } from "fastify";
import type { RateLimit } from "../../config/rateLimit.ts";

/** Opts every route of this scope (including its 404s) into the limit; null means no limit. */
export function installApiRateLimit(app: FastifyInstance, limit: RateLimit | null): void {
  if (!limit) return;
  app.addHook("onRequest", app.rateLimit({ max: limit.max, timeWindow: limit.timeWindowMs, groupId: "api" }));
}
