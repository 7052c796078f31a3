// Scheduled ingestion. Every tick it looks at each configured source and, when one is due, runs
// it as the one owner of its lease (src/worker/leasedJob.ts), then records the outcome in
// sync_sources (src/store/syncRuns.ts):
//   arxiv         `sync arxiv` for the followed categories, once after each announcement
//                 (src/worker/arxivSchedule.ts) plus PAPERTIDE_SYNC_ARXIV_DELAY_MINUTES;
//   daily-papers  the daily-papers mirror, every PAPERTIDE_DAILY_PAPERS_INTERVAL_MINUTES.
// Requests go through the polite client (one at a time, spaced, Retry-After obeyed, transient
// failures retried). A run that still fails is logged, recorded and tried again after a backoff
// that doubles from 5 minutes up to 6 hours; the next success clears it.
import type { Config } from "../config/load.ts";
import { holdsDemoData } from "../demo/loadDemo.ts";
import { harvestArxiv } from "../ingest/sync/arxivHarvester.ts";
import { formatMirrorSummary, mirrorDailyPapers } from "../ingest/sync/dailyPapersMirror.ts";
import type { TextGetter } from "../ingest/sync/politeClient.ts";
import type { Clock } from "../model/clock.ts";
import type { SearchState } from "../search/state.ts";
import { getSyncStatus, recordSyncFailure, recordSyncSuccess, type SyncSource } from "../store/syncRuns.ts";
import { latestAnnouncement } from "./arxivSchedule.ts";
import { type LeaseContext, runLeased } from "./leasedJob.ts";

export const RETRY_FIRST_MS = 5 * 60_000;
export const RETRY_MAX_MS = 6 * 3_600_000;

/** When to try again after `failures` failed runs in a row. */
export function retryDelayMs(failures: number): number {
  return Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** Math.max(0, failures - 1));
}

/** Null when `source` runs on schedule; otherwise why not, in words for the log and the admin page. */
export async function whyNotScheduled(
  config: Pick<Config, "sync" | "categories">,
  db: SearchState["db"],
  source: SyncSource,
): Promise<string | null> {
  const { sync, categories } = config;
  if (source === "daily-papers")
    return sync.dailyPapersUrl === null ? "PAPERTIDE_DAILY_PAPERS_URL is not set" : null;
  if (sync.arxiv === "off") return "PAPERTIDE_SYNC_ARXIV=off";
  if (categories.length === 0) return "name PAPERTIDE_CATEGORIES (every category is too much to harvest)";
  if (sync.arxiv === "auto" && (await holdsDemoData(db))) {
    return "this database holds the demo dataset (PAPERTIDE_SYNC_ARXIV=on to sync anyway)";
  }
  return null;
}

export interface SyncSchedulerDeps {
  config: Pick<Config, "sync" | "categories" | "arxiv">;
  search: SearchState;
  clock: Clock;
  lease: LeaseContext;
  /** One polite client per source (src/ingest/sync/politeClient.ts). */
  clients: Record<SyncSource, TextGetter>;
  log?: (line: string) => void;
}

export type SyncTickResult = { source: SyncSource; outcome: "done" | "failed" | "busy"; detail: string };

export class SyncScheduler {
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<unknown> | null = null;
  private readonly stopping = new AbortController();
  private readonly said = new Set<string>();

  constructor(
    private readonly deps: SyncSchedulerDeps,
    private readonly opts: { tickMs?: number } = {},
  ) {}

  private log(line: string): void {
    this.deps.log?.(line);
  }

  /** Runs whatever is due now; returns what it ran. */
  async tick(): Promise<SyncTickResult[]> {
    const done: SyncTickResult[] = [];
    for (const source of ["arxiv", "daily-papers"] as const) {
      if (this.stopping.signal.aborted) break;
      if (!(await this.enabled(source))) continue;
      if (!(await this.due(source))) continue;
      const r = await this.run(source);
      if (r) done.push(r);
    }
    return done;
  }

  private async enabled(source: SyncSource): Promise<boolean> {
    const why = await whyNotScheduled(this.deps.config, this.deps.search.db, source);
    if (why) this.once(`${source}:${why}`, `sync: ${source} is not synced on schedule: ${why}`);
    return why === null;
  }

  private once(key: string, line: string): void {
    if (this.said.has(key)) return;
    this.said.add(key);
    this.log(line);
  }

  /** The newest moment by which the source should have run (its current slot). */
  slot(source: SyncSource, now: Date): Date {
    const { sync } = this.deps.config;
    if (source === "daily-papers") return new Date(now.getTime() - sync.dailyPapersIntervalMs);
    const announced = latestAnnouncement(new Date(now.getTime() - sync.arxivDelayMs));
    return new Date(announced.getTime() + sync.arxivDelayMs);
  }

  private async due(source: SyncSource): Promise<boolean> {
    const now = this.deps.clock.now();
    const status = await getSyncStatus(this.deps.search.db, source, now);
    if (!status?.lastSuccessAt)
      return status?.nextAttemptAt ? Date.parse(status.nextAttemptAt) <= now.getTime() : true;
    if (status.nextAttemptAt && Date.parse(status.nextAttemptAt) > now.getTime()) return false;
    const last = Date.parse(status.lastSuccessAt);
    return source === "daily-papers"
      ? last <= this.slot(source, now).getTime()
      : last < this.slot(source, now).getTime();
  }

  private async run(source: SyncSource): Promise<SyncTickResult | null> {
    const { db } = this.deps.search;
    try {
      const outcome = await runLeased(this.deps.lease, `sync:${source}`, async (lost) => {
        const signal = AbortSignal.any([lost, this.stopping.signal]);
        // Another process may have finished it while this one waited for the lease.
        if (!(await this.due(source))) return null;
        return source === "arxiv" ? this.syncArxiv(signal) : this.mirror(signal);
      });
      if (!outcome.ran) return { source, outcome: "busy", detail: "another process holds it" };
      if (outcome.value === null) return null;
      await recordSyncSuccess(db, source, this.deps.clock.now(), outcome.value);
      this.log(`sync: ${source}: ${outcome.value}`);
      return { source, outcome: "done", detail: outcome.value };
    } catch (e) {
      if (this.stopping.signal.aborted) return null; // resumes from its saved page next time
      const error = (e as Error).message ?? String(e);
      const at = this.deps.clock.now();
      const failures = await recordSyncFailure(
        db,
        source,
        at,
        error,
        (n) => new Date(at.getTime() + retryDelayMs(n)),
      );
      this.log(
        `sync: ${source} failed (${failures} in a row): ${error}; trying again in ${Math.round(retryDelayMs(failures) / 60_000)} min`,
      );
      return { source, outcome: "failed", detail: error };
    }
  }

  private async syncArxiv(signal: AbortSignal): Promise<string> {
    const { config, search, clock, clients } = this.deps;
    const { minIntervalMs: _spacing, ...urls } = config.arxiv;
    const s = await harvestArxiv(search, {
      categories: config.categories,
      ...urls,
      client: clients.arxiv,
      clock,
      signal,
    });
    return (
      `${s.pages} OAI page${s.pages === 1 ? "" : "s"}, read ${s.read}, new ${s.new}, updated ${s.updated}, rejected ${s.rejected}` +
      (s.listings.length
        ? `; listings ${s.listings.map((l) => `${l.category} ${l.day ?? "-"} ${l.records}`).join(", ")}`
        : "")
    );
  }

  private async mirror(signal: AbortSignal): Promise<string> {
    const { config, search, clock, clients } = this.deps;
    const url = config.sync.dailyPapersUrl;
    if (!url) throw new Error("no daily-papers URL configured");
    return formatMirrorSummary(
      await mirrorDailyPapers(search, { url, client: clients["daily-papers"], clock, signal }),
    );
  }

  start(): void {
    if (this.timer) return;
    const run = () => {
      if (this.ticking) return;
      this.ticking = this.tick()
        .catch((e) => this.log(`sync: ${(e as Error).message}`))
        .finally(() => {
          this.ticking = null;
        });
    };
    run();
    this.timer = setInterval(run, this.opts.tickMs ?? 60_000);
    this.timer.unref();
  }

  /** Stops ticking and interrupts a sync in flight at its next request (it resumes next time). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.stopping.abort(new Error("stopping"));
    await this.ticking;
  }
}
