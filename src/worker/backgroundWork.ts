// Everything a process does besides answering requests, started the same way by
// `papertide serve` (unless PAPERTIDE_SCHEDULER=0, which leaves the schedules to workers) and by
// `papertide worker`: the digest scheduler and the outbox sender (src/digest/service.ts), the
// scheduled syncs (syncScheduler.ts), the search expansions (src/search/expansion.ts) and the
// similar-paper upkeep (src/search/relatedUpkeep.ts). Each job is claimed through the database
// (leasedJob.ts), so any number of processes may run this and each job has one owner at a time.
import type { AppContext } from "../app/context.ts";
import type { DigestDeps } from "../digest/deps.ts";
import { createDigestService, type DigestService } from "../digest/service.ts";
import { PoliteClient } from "../ingest/sync/politeClient.ts";
import type { Clock } from "../model/clock.ts";
import { startExpansionLoop } from "../search/expansion.ts";
import { startRelatedUpkeep } from "../search/relatedUpkeep.ts";
import type { SearchState } from "../search/state.ts";
import { type LeaseContext, ownerId, runLeased } from "./leasedJob.ts";
import { SyncScheduler } from "./syncScheduler.ts";

export interface BackgroundWorkOptions {
  /** Build digests and run scheduled syncs (the mail sender always runs). */
  schedules: boolean;
  /** Compute search expansions and keep similar-paper lists current (needs the search engine in memory). */
  expansions: boolean;
  log: (line: string) => void;
  warn?: (line: string) => void;
}

export interface BackgroundWork {
  digests: DigestService;
  sync: SyncScheduler | null;
  lease: LeaseContext;
  start(): void;
  stop(): Promise<void>;
}

export async function createBackgroundWork(
  ctx: AppContext,
  services: { digest: DigestDeps; search: SearchState; clock: Clock },
  opts: BackgroundWorkOptions,
): Promise<BackgroundWork> {
  const { config, store } = ctx;
  const lease: LeaseContext = {
    db: store.db,
    clock: services.clock,
    owner: ownerId(),
    leaseMs: config.digest.leaseMs,
  };
  const digests = await createDigestService(services.digest, {
    log: opts.log,
    scheduler: opts.schedules,
    lease,
  });
  const politeClient = () =>
    new PoliteClient({
      userAgent: config.userAgent,
      minIntervalMs: config.arxiv.minIntervalMs,
      onWait: ({ url, ms, reason }) =>
        opts.log(`sync: waiting ${Math.round(ms / 1000)} s before retrying ${url} (${reason})`),
    });
  const sync = opts.schedules
    ? new SyncScheduler(
        {
          config,
          search: services.search,
          clock: services.clock,
          lease,
          clients: { arxiv: politeClient(), "daily-papers": politeClient() },
          log: opts.log,
        },
        { tickMs: Math.min(60_000, lease.leaseMs) },
      )
    : null;
  // A loop's chunk as the one process doing it: null when another process holds the job.
  const leased =
    (job: string) =>
    async (work: (signal: AbortSignal) => Promise<number>): Promise<number | null> => {
      const outcome = await runLeased(lease, job, work);
      return outcome.ran ? outcome.value : null;
    };
  let stopExpanding: (() => Promise<void>) | null = null;
  let stopRelated: (() => Promise<void>) | null = null;
  return {
    digests,
    sync,
    lease,
    start() {
      digests.start();
      sync?.start();
      if (opts.expansions) {
        stopExpanding = startExpansionLoop(services.search, {
          log: opts.warn ?? opts.log,
          exclusive: leased("search:expand"),
        });
        stopRelated = startRelatedUpkeep(
          { store, search: services.search, categories: config.categories, clock: services.clock },
          {
            log: opts.log,
            warn: opts.warn,
            exclusive: leased("search:related"),
            // Another process's dead lease is looked at again within one lease length.
            idleMs: Math.min(30_000, lease.leaseMs),
          },
        );
      }
    },
    async stop() {
      await stopExpanding?.();
      await stopRelated?.();
      await sync?.stop();
      await digests.stop();
    },
  };
}
