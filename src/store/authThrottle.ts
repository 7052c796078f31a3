// Rows of auth_throttle (migration 011): counters per (action, account) that every process
// shares. Each write is one statement, so concurrent requests never lose a count.
import { type Kysely, sql } from "kysely";
import type { Database } from "./schema.ts";

export interface ThrottleRow {
  count: number;
  windowStart: string;
  lockedUntil: string | null;
}

/**
 * Counts one event for `key` and returns the row after it. The count starts again at 1 when the
 * window has run out (`window_start` before `expiredBefore`) and no lock is running; `moveStart`
 * sets `window_start` to `now` on every event (a streak that lasts while events keep coming)
 * instead of only when a new window starts.
 */
export async function countThrottleEvent(
  db: Kysely<Database>,
  key: string,
  o: { now: string; expiredBefore: string; moveStart: boolean },
): Promise<ThrottleRow> {
  const expired = sql<boolean>`(auth_throttle.window_start < ${o.expiredBefore} AND (auth_throttle.locked_until IS NULL OR auth_throttle.locked_until <= ${o.now}))`;
  const row = await db
    .insertInto("auth_throttle")
    .values({ key, count: 1, window_start: o.now, locked_until: null })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        count: sql<number>`CASE WHEN ${expired} THEN 1 ELSE auth_throttle.count + 1 END`,
        window_start: o.moveStart
          ? o.now
          : sql<string>`CASE WHEN ${expired} THEN ${o.now} ELSE auth_throttle.window_start END`,
        locked_until: sql<string | null>`CASE WHEN ${expired} THEN NULL ELSE auth_throttle.locked_until END`,
      }),
    )
    .returning(["count", "window_start", "locked_until"])
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), windowStart: row.window_start, lockedUntil: row.locked_until };
}

export async function throttleLockedUntil(db: Kysely<Database>, key: string): Promise<string | null> {
  const row = await db
    .selectFrom("auth_throttle")
    .select("locked_until")
    .where("key", "=", key)
    .executeTakeFirst();
  return row?.locked_until ?? null;
}

/** Extends the lock of `key` to `until` (never shortens a running one). */
export async function lockThrottleKey(db: Kysely<Database>, key: string, until: string): Promise<void> {
  await db
    .updateTable("auth_throttle")
    .set({
      locked_until: sql<string>`CASE WHEN locked_until IS NOT NULL AND locked_until > ${until} THEN locked_until ELSE ${until} END`,
    })
    .where("key", "=", key)
    .execute();
}

export async function clearThrottleKey(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom("auth_throttle").where("key", "=", key).execute();
}

/** Deletes the rows under `prefix` whose window started before `before` (and hold no lock then). */
export async function pruneThrottleRows(
  db: Kysely<Database>,
  prefix: string,
  before: string,
): Promise<number> {
  const r = await db
    .deleteFrom("auth_throttle")
    .where("key", ">=", prefix)
    .where("key", "<", `${prefix}\uffff`)
    .where("window_start", "<", before)
    .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", before)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows ?? 0);
}
