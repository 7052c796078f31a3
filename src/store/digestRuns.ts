// Which digest periods the scheduler has built. A finished run is never built again (subscribers
// who confirm later wait for the next period); an unfinished one (crash mid-build) is built again,
// which is safe because editions and outbox rows are inserted idempotently.
import type { Kysely } from "kysely";
import type { Database } from "./schema.ts";

export interface DigestRun {
  period: string;
  startedAt: string;
  finishedAt: string | null;
  editions: number;
  enqueued: number;
}

export async function getRun(db: Kysely<Database>, period: string): Promise<DigestRun | null> {
  const r = await db.selectFrom("digest_runs").selectAll().where("period", "=", period).executeTakeFirst();
  return r
    ? {
        period: r.period,
        startedAt: r.started_at,
        finishedAt: r.finished_at,
        editions: Number(r.editions),
        enqueued: Number(r.enqueued),
      }
    : null;
}

export async function startRun(db: Kysely<Database>, period: string, now: string): Promise<void> {
  await db
    .insertInto("digest_runs")
    .values({ period, started_at: now })
    .onConflict((oc) => oc.column("period").doNothing())
    .execute();
}

export async function finishRun(
  db: Kysely<Database>,
  period: string,
  now: string,
  counts: { editions: number; enqueued: number },
): Promise<void> {
  await db
    .updateTable("digest_runs")
    .set({ finished_at: now, editions: counts.editions, enqueued: counts.enqueued })
    .where("period", "=", period)
    .execute();
}

export async function recentRuns(db: Kysely<Database>, limit: number): Promise<DigestRun[]> {
  const rows = await db
    .selectFrom("digest_runs")
    .selectAll()
    .orderBy("started_at", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    period: r.period,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    editions: Number(r.editions),
    enqueued: Number(r.enqueued),
  }));
}
