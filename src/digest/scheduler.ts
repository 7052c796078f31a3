// Decides when a period's digests are built. Every tick (a minute by default) it looks at the
// newest period of each frequency that is due; if no finished build of it is recorded, it builds
// it (see periodBuilder.ts). Periods missed by more than a grace time (the service was down for a
// day) are skipped rather than sent late, and the scheduler never builds a backlog of old periods.
// Any number of schedulers (the server's and `papertide worker`s) may run: each period's build
// and the pruning are jobs with a lease (src/worker/leasedJob.ts), so one process builds while
// the others skip it, and a build whose process died is taken over when its lease runs out and
// run again (builds are idempotent).
import { pruneEditions } from "../store/digestEditions.ts";
import { getRun } from "../store/digestRuns.ts";
import { pruneLeases } from "../store/jobLeases.ts";
import { pruneOutbox } from "../store/outbox.ts";
import { FREQUENCIES, type Frequency } from "../store/subscribers.ts";
import { type LeaseContext, ownerId, runLeased } from "../worker/leasedJob.ts";
import type { DigestDeps } from "./deps.ts";
import { buildPeriod, type PeriodBuildResult } from "./periodBuilder.ts";
import { latestDuePeriod } from "./periods.ts";

/** How late a period may still be built. */
export const GRACE_MS: Record<Frequency, number> = { daily: 18 * 3_600_000, weekly: 3 * 86_400_000 };
/** Sent mails and their editions are kept this long, then pruned. */
export const KEEP_DAYS = 30;

export type SchedulerEvent =
  | { type: "built"; result: PeriodBuildResult }
  | { type: "skipped-late"; period: string }
  | { type: "pruned"; rows: number; editions: number }
  | { type: "error"; error: string };

export interface SchedulerOptions {
  tickMs?: number;
  /** Whose builds these are (default: this process, with PAPERTIDE_JOB_LEASE_MS). */
  lease?: LeaseContext;
  onEvent?: (e: SchedulerEvent) => void;
}

export class DigestScheduler {
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<unknown> | null = null;
  private lastPrune = 0;
  private readonly emit: (e: SchedulerEvent) => void;
  private readonly reportedLate = new Set<string>();
  private readonly lease: LeaseContext;

  constructor(
    private readonly deps: DigestDeps,
    private readonly opts: SchedulerOptions = {},
  ) {
    this.emit = opts.onEvent ?? (() => {});
    this.lease = opts.lease ?? {
      db: deps.store.db,
      clock: deps.clock,
      owner: ownerId(),
      leaseMs: deps.digest.leaseMs,
    };
  }

  /** Builds whatever is due now. Returns the builds it ran. */
  async tick(): Promise<PeriodBuildResult[]> {
    const built: PeriodBuildResult[] = [];
    const now = this.deps.clock.now().getTime();
    for (const frequency of FREQUENCIES) {
      const period = latestDuePeriod(frequency, now, this.deps.digest.hour);
      const run = await getRun(this.deps.store.db, period.key);
      if (run?.finishedAt) continue;
      if (now - Date.parse(period.dueAt) > (this.deps.digest.maxLateMs ?? GRACE_MS[frequency])) {
        if (!this.reportedLate.has(period.key)) this.emit({ type: "skipped-late", period: period.key });
        this.reportedLate.add(period.key);
        continue;
      }
      const outcome = await runLeased(this.lease, `digest:${period.key}`, async () => {
        // Another process may have finished it while this one looked.
        if ((await getRun(this.deps.store.db, period.key))?.finishedAt) return null;
        return buildPeriod(this.deps, period, now);
      });
      if (!outcome.ran || !outcome.value) continue;
      built.push(outcome.value);
      this.emit({ type: "built", result: outcome.value });
    }
    if (now - this.lastPrune > 86_400_000) {
      this.lastPrune = now;
      await runLeased(this.lease, "digest:prune", async () => {
        const before = new Date(now - KEEP_DAYS * 86_400_000);
        const rows = await pruneOutbox(this.deps.store.db, before.toISOString());
        const editions = await pruneEditions(this.deps.store.db, before.toISOString());
        await pruneLeases(this.deps.store.db, before);
        if (rows + editions > 0) this.emit({ type: "pruned", rows, editions });
      });
    }
    return built;
  }

  start(): void {
    if (this.timer) return;
    const run = () => {
      if (this.ticking) return;
      this.ticking = this.tick()
        .catch((e) => this.emit({ type: "error", error: (e as Error).message }))
        .finally(() => {
          this.ticking = null;
        });
    };
    run();
    this.timer = setInterval(run, this.opts.tickMs ?? 60_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking;
  }
}
