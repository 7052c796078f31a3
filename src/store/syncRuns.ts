// Where each scheduled source stands ("arxiv", "daily-papers"): last success, last error, failures
// in a row and when the next attempt is due. Written by the sync scheduler (src/worker/), read by
// `papertide stats`, the admin page and the metrics.
import type { Kysely, Selectable } from "kysely";
import type { Database, SyncSourcesTable } from "./schema.ts";

export const SYNC_SOURCES = ["arxiv", "daily-papers"] as const;
export type SyncSource = (typeof SYNC_SOURCES)[number];

export interface SyncStatus {
  source: SyncSource;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  /** Attempts in a row that failed (0 after a success). */
  failures: number;
  nextAttemptAt: string | null;
  lastSummary: string | null;
  /** Seconds since the last success at the time asked (null: never succeeded). */
  lagSeconds: number | null;
}

function isSource(s: string): s is SyncSource {
  return (SYNC_SOURCES as readonly string[]).includes(s);
}

function toStatus(r: Selectable<SyncSourcesTable>, source: SyncSource, now: Date): SyncStatus {
  return {
    source,
    lastAttemptAt: r.last_attempt_at,
    lastSuccessAt: r.last_success_at,
    lastError: r.last_error,
    lastErrorAt: r.last_error_at,
    failures: Number(r.failures),
    nextAttemptAt: r.next_attempt_at,
    lastSummary: r.last_summary,
    lagSeconds: r.last_success_at
      ? Math.max(0, Math.round((now.getTime() - Date.parse(r.last_success_at)) / 1000))
      : null,
  };
}

/** Every source that has run at least once, in SYNC_SOURCES order. */
export async function lastSyncStatus(db: Kysely<Database>, now: Date): Promise<SyncStatus[]> {
  const rows = await db.selectFrom("sync_sources").selectAll().execute();
  const out: SyncStatus[] = [];
  for (const source of SYNC_SOURCES) {
    const r = rows.find((row) => row.source === source);
    if (r && isSource(r.source)) out.push(toStatus(r, source, now));
  }
  return out;
}

export async function getSyncStatus(
  db: Kysely<Database>,
  source: SyncSource,
  now: Date,
): Promise<SyncStatus | null> {
  const r = await db.selectFrom("sync_sources").selectAll().where("source", "=", source).executeTakeFirst();
  return r ? toStatus(r, source, now) : null;
}

async function ensureRow(db: Kysely<Database>, source: SyncSource): Promise<void> {
  await db
    .insertInto("sync_sources")
    .values({ source })
    .onConflict((oc) => oc.column("source").doNothing())
    .execute();
}

export async function recordSyncSuccess(
  db: Kysely<Database>,
  source: SyncSource,
  at: Date,
  summary: string,
): Promise<void> {
  await ensureRow(db, source);
  const iso = at.toISOString();
  await db
    .updateTable("sync_sources")
    .set({
      last_attempt_at: iso,
      last_success_at: iso,
      failures: 0,
      next_attempt_at: null,
      last_summary: summary,
    })
    .where("source", "=", source)
    .execute();
}

/** Records a failed attempt; returns how many attempts in a row have failed now. */
export async function recordSyncFailure(
  db: Kysely<Database>,
  source: SyncSource,
  at: Date,
  error: string,
  nextAttemptAt: (failures: number) => Date,
): Promise<number> {
  await ensureRow(db, source);
  const before = await db
    .selectFrom("sync_sources")
    .select("failures")
    .where("source", "=", source)
    .executeTakeFirstOrThrow();
  const failures = Number(before.failures) + 1;
  const iso = at.toISOString();
  await db
    .updateTable("sync_sources")
    .set({
      last_attempt_at: iso,
      last_error: error.slice(0, 2000),
      last_error_at: iso,
      failures,
      next_attempt_at: nextAttemptAt(failures).toISOString(),
    })
    .where("source", "=", source)
    .execute();
  return failures;
}
