// The digest machinery of one process: the scheduler that builds each period's digests and the
// sender that drains the outbox. `papertide serve` starts it next to the web server,
// `papertide worker` runs it alone; both may run at once (claims and builds are safe to share).
import { createMailer, type Mailer } from "../mail/mailer.ts";
import { OutboxSender, type OutboxSenderOptions, type SenderEvent } from "../mail/outboxSender.ts";
import { describeMailSettings } from "../mail/settings.ts";
import type { LeaseContext } from "../worker/leasedJob.ts";
import type { DigestDeps } from "./deps.ts";
import { createAlertsRenderer, createDigestRenderer } from "./digestRenderer.ts";
import { DigestScheduler, type SchedulerEvent } from "./scheduler.ts";

export interface DigestServiceOptions {
  /** Build digests on schedule (default: PAPERTIDE_SCHEDULER, on). The sender always runs. */
  scheduler?: boolean;
  /** One line per noteworthy event; never addresses' tokens, never the SMTP password. */
  log?: (line: string) => void;
  /** Overrides for tests (backoff, lease, concurrency, clock). */
  sender?: Partial<Omit<OutboxSenderOptions, "store" | "mailer" | "renderers">>;
  mailer?: Mailer;
  /** Whose digest builds these are (default: this process; see src/worker/leasedJob.ts). */
  lease?: LeaseContext;
}

export interface DigestService {
  deps: DigestDeps;
  mailer: Mailer;
  sender: OutboxSender;
  scheduler: DigestScheduler | null;
  /** Runs (and starts) scheduler ticks and the sender loop. */
  start(): void;
  stop(): Promise<void>;
}

/**
 * `deps`: the process's digest deps (src/app/services.ts); routes that enqueue mail share its
 * outbox signal, which wakes this sender.
 */
export async function createDigestService(
  deps: DigestDeps,
  opts: DigestServiceOptions = {},
): Promise<DigestService> {
  const log = opts.log ?? (() => {});
  const mailer = opts.mailer ?? createMailer(deps.mail, { clock: deps.clock });
  const sender = new OutboxSender({
    store: deps.store,
    mailer,
    renderers: { digest: createDigestRenderer(deps), alerts: createAlertsRenderer(deps) },
    concurrency: deps.mail.maxConnections,
    leaseMs: deps.digest.leaseMs,
    onEvent: (e) => logSenderEvent(log, e),
    clock: deps.clock,
    ...opts.sender,
  });
  const scheduler =
    (opts.scheduler ?? deps.digest.schedulerEnabled)
      ? new DigestScheduler(deps, {
          onEvent: (e) => logSchedulerEvent(log, e),
          // A build left by a dead process is looked at again within a lease.
          tickMs: Math.min(60_000, deps.digest.leaseMs),
          lease: opts.lease,
        })
      : null;
  let unsubscribe: (() => void) | null = null;
  let reporter: NodeJS.Timeout | null = null;
  return {
    deps,
    mailer,
    sender,
    scheduler,
    start() {
      log(`mail: delivering through ${describeMailSettings(deps.mail)}`);
      unsubscribe = deps.outbox.listen(() => sender.wake());
      sender.start();
      scheduler?.start();
      // Sent mails are summarised, not logged one by one (a period can be 100,000 mails).
      let reported = 0;
      reporter = setInterval(() => {
        const sent = sender.stats.sent;
        if (sent > reported) log(`mail: ${sent - reported} sent in the last minute`);
        reported = sent;
      }, 60_000);
      reporter.unref();
    },
    async stop() {
      unsubscribe?.();
      if (reporter) clearInterval(reporter);
      await scheduler?.stop();
      await sender.stop();
      await mailer.close();
    },
  };
}

/** For `papertide serve`: create and start. */
export async function startDigestService(
  deps: DigestDeps,
  opts: DigestServiceOptions = {},
): Promise<DigestService> {
  const service = await createDigestService(deps, opts);
  service.start();
  return service;
}

function logSenderEvent(log: (line: string) => void, e: SenderEvent): void {
  switch (e.type) {
    case "retry":
      log(`mail: outbox ${e.id} attempt ${e.attempts} failed (${e.error}); retrying at ${e.at}`);
      break;
    case "failed":
      log(`mail: outbox ${e.id} gave up after ${e.attempts} attempt(s): ${e.error}`);
      break;
    case "bouncing":
      log(`mail: subscriber ${e.subscriberId} marked bouncing after repeated permanent failures`);
      break;
    case "paused":
      log(`mail: server unreachable (${e.error}); pausing ${Math.round(e.untilMs / 1000)} s`);
      break;
    case "lost-claim":
      log(`mail: outbox ${e.id} was sent after its lease expired (another sender may send it again)`);
      break;
    case "error":
      log(`mail: ${e.error}`);
      break;
    default:
      break;
  }
}

function logSchedulerEvent(log: (line: string) => void, e: SchedulerEvent): void {
  if (e.type === "built") {
    const r = e.result;
    log(
      `digest: built ${r.period}: ${r.subscribers} subscribers (${r.personal} with picks or alerts), ${r.editions} editions, ${r.enqueued} mails queued, ${r.empty} with nothing new`,
    );
  } else if (e.type === "skipped-late") {
    log(`digest: skipped ${e.period}: too late to send (the service was not running when it was due)`);
  } else if (e.type === "pruned") {
    log(`digest: pruned ${e.rows} old outbox rows and ${e.editions} editions`);
  } else {
    log(`digest: ${e.error}`);
  }
}
