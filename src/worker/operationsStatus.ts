// What the admin status page shows: each scheduled source's last success, last error and lag,
// the background jobs held right now and by whom, the latest digest builds and the outbox.
import type { Config } from "../config/load.ts";
import type { Clock } from "../model/clock.ts";
import type { Store } from "../store/db.ts";
import { type DigestRun, recentRuns } from "../store/digestRuns.ts";
import { activeLeases, type JobLease } from "../store/jobLeases.ts";
import { type OutboxStatus, outboxCounts } from "../store/outbox.ts";
import { lastSyncStatus, SYNC_SOURCES, type SyncSource, type SyncStatus } from "../store/syncRuns.ts";
import { whyNotScheduled } from "./syncScheduler.ts";

export interface OperationsStatus {
  at: string;
  /**
   * Every source, scheduled or not (`notScheduled` says why not); `status` null when it has
   * never run.
   */
  sources: { source: SyncSource; notScheduled: string | null; status: SyncStatus | null }[];
  leases: JobLease[];
  digestRuns: DigestRun[];
  outbox: Record<OutboxStatus, number>;
}

export async function loadOperationsStatus(
  store: Store,
  clock: Clock,
  config: Pick<Config, "sync" | "categories">,
): Promise<OperationsStatus> {
  const now = clock.now();
  const statuses = await lastSyncStatus(store.db, now);
  return {
    at: now.toISOString(),
    sources: await Promise.all(
      SYNC_SOURCES.map(async (source) => ({
        source,
        notScheduled: await whyNotScheduled(config, store.db, source),
        status: statuses.find((s) => s.source === source) ?? null,
      })),
    ),
    leases: await activeLeases(store.db, now),
    digestRuns: await recentRuns(store.db, 5),
    outbox: await outboxCounts(store.db),
  };
}
