// The counters of every rate limit (@fastify/rate-limit's store), kept in the database so that
// all web processes share them: with `papertide serve --workers N`, or several servers on one
// PostgreSQL, a client's budget is the same whichever process answers. Each count is one upsert
// of a row in auth_throttle (src/store/authThrottle.ts: one statement, so concurrent requests
// never lose a count), keyed by the limit and the client; a window starts again once it has run
// out. Rows of windows over a day old are pruned now and then.
import type { FastifyRateLimitOptions, FastifyRateLimitStore } from "@fastify/rate-limit";
import type { Kysely } from "kysely";
import { countThrottleEvent, pruneThrottleRows } from "../../store/authThrottle.ts";
import type { Database } from "../../store/schema.ts";

/** Prefix of the rows, apart from the sign-in throttle's. */
const PREFIX = "rate:";
/** Counts between two prunes of old windows. */
const PRUNE_EVERY = 5000;
const DAY_MS = 24 * 3600_000;

type Params = FastifyRateLimitOptions & {
  groupId?: string;
  routeInfo?: { method?: string | string[]; url?: string };
};

/** A store class for @fastify/rate-limit over `db`. */
export function sharedRateLimitStore(
  db: Kysely<Database>,
): new (
  options: FastifyRateLimitOptions,
) => FastifyRateLimitStore {
  let counted = 0;
  class SharedStore implements FastifyRateLimitStore {
    constructor(
      _options: FastifyRateLimitOptions,
      private readonly scope = "global",
    ) {}

    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ): void {
      const now = Date.now();
      countThrottleEvent(db, `${PREFIX}${this.scope}:${key}`, {
        now: new Date(now).toISOString(),
        expiredBefore: new Date(now - timeWindow).toISOString(),
        moveStart: false,
      })
        .then((row) => {
          if (++counted % PRUNE_EVERY === 0)
            pruneThrottleRows(db, PREFIX, new Date(now - DAY_MS).toISOString()).catch(() => {});
          const ttl = Math.max(0, Date.parse(row.windowStart) + timeWindow - now);
          callback(null, { current: row.count, ttl });
        })
        .catch((e: Error) => callback(e));
    }

    /** A limit of its own: the route's, or a named group (app.rateLimit({ groupId })). */
    child(routeOptions: Params): FastifyRateLimitStore {
      const info = routeOptions.routeInfo;
      const scope =
        routeOptions.groupId ??
        (info?.url ? `${[info.method ?? "GET"].flat().join(",")} ${info.url}` : "global");
      return new SharedStore(routeOptions, scope);
    }
  }
  return SharedStore;
}
