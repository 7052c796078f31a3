// Drains the outbox: claim a row -> render it -> send it -> mark it sent.
//
// Delivery guarantee. Each row is one mail to one address; (subscriber, period) is unique, so a
// period's digest is enqueued at most once per subscriber however often the build runs.
//   * Claiming is one atomic UPDATE that also sets a lease. A sender that dies (kill -9, crash,
//     OOM) leaves its rows "sending"; when the lease runs out they go back to pending and are sent
//     again: at least once. Live senders renew the leases of what they are sending.
//   * After the server's final "250" we mark the row sent at once: on SQLite a synchronous
//     prepared statement, with no other work or await in between.
//   * The remaining at-least-once edge, which no SMTP client can close: if the process dies (or
//     the connection drops) after the server accepted the message but before that write commits,
//     the row is sent again after its lease expires and the subscriber gets a second copy, with
//     the same Message-ID. The window is the time to read the 250 and run one small UPDATE
//     (well under a millisecond); a dropped connection between our end of DATA and the server's
//     reply has the same effect. Everything else (dying before or during DATA, 4xx, timeouts)
//     leads to exactly one delivery.
// Failures: 4xx, timeouts and connection errors are retried with exponential backoff (per row,
// and the whole sender pauses while the server is unreachable instead of burning through the
// queue); 5xx to the recipient or message gives up and counts a hard failure against the address
// (three in a row mark it bouncing); a 5xx about our own set-up (AUTH, MAIL FROM) is retried like
// a transient error and blamed on nobody.
import { randomBytes } from "node:crypto";
import { type Clock, systemClock } from "../model/clock.ts";
import type { Store } from "../store/db.ts";
import {
  claimNextOutbox,
  finishUnsent,
  nextOutboxWakeUp,
  type OutboxItem,
  type OutboxKind,
  releaseExpiredClaims,
  renewClaims,
  scheduleRetry,
  sentMarker,
} from "../store/outbox.ts";
import { StoredPayloadError } from "../store/storedPayload.ts";
import { recordDelivered, recordHardBounce } from "../store/subscribers.ts";
import type { Mailer } from "./mailer.ts";
import type { MailMessage } from "./message.ts";
import { readMessagePayload } from "./messagePayload.ts";
import { classifySendError, MailSendError } from "./sendErrors.ts";

/** A rendered mail, or a reason not to send it any more (e.g. the subscriber has left). */
export type RenderOutcome = { message: MailMessage } | { skip: string };
export type OutboxRenderer = (item: OutboxItem) => Promise<RenderOutcome>;
/**
 * One renderer per kind the caller queues ("message" rows carry their mail and need none): a
 * new outbox kind is a type error here until it has a renderer.
 */
export type OutboxRenderers = Record<Exclude<OutboxKind, "message">, OutboxRenderer>;

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  /** Attempts (including the first) before a row is given up as failed. */
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 30_000, maxMs: 3_600_000, maxAttempts: 15 };

export type SenderEvent =
  | { type: "sent"; id: string; attempts: number }
  | { type: "retry"; id: string; attempts: number; error: string; at: string }
  | { type: "failed"; id: string; attempts: number; error: string }
  | { type: "cancelled"; id: string; reason: string }
  | { type: "bouncing"; subscriberId: string }
  | { type: "paused"; untilMs: number; error: string }
  | { type: "lost-claim"; id: string }
  | { type: "error"; error: string };

export interface OutboxSenderOptions {
  store: Store;
  mailer: Mailer;
  /** Without them, only "message" rows can be sent (the account mailer's tests need no more). */
  renderers?: OutboxRenderers;
  /** Mails in flight at once; match the SMTP pool's connections. */
  concurrency?: number;
  leaseMs?: number;
  backoff?: BackoffPolicy;
  /** Permanent failures in a row after which an address is marked bouncing. */
  hardBounceThreshold?: number;
  /** Idle polling interval when nobody calls wake(). */
  pollMs?: number;
  onEvent?: (e: SenderEvent) => void;
  /** The time of claims, leases, retries and pauses (default: the system clock). */
  clock?: Clock;
}

export interface DrainResult {
  sent: number;
  retried: number;
  failed: number;
  cancelled: number;
}

export class OutboxSender {
  private readonly store: Store;
  private readonly mailer: Mailer;
  private readonly renderers: Partial<Record<OutboxKind, OutboxRenderer>>;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly backoff: BackoffPolicy;
  private readonly bounceThreshold: number;
  private readonly pollMs: number;
  private readonly emit: (e: SenderEvent) => void;
  private readonly now: () => number;
  private readonly claimId = randomBytes(9).toString("base64url");
  private readonly markSent: ReturnType<typeof sentMarker>;
  private readonly inFlight = new Set<string>();
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private renewTimer: NodeJS.Timeout | null = null;
  private pausedUntil = 0;
  private consecutiveOutages = 0;
  private totals: DrainResult = { sent: 0, retried: 0, failed: 0, cancelled: 0 };

  constructor(opts: OutboxSenderOptions) {
    this.store = opts.store;
    this.mailer = opts.mailer;
    this.renderers = { message: renderStoredMessage, ...opts.renderers };
    this.concurrency = Math.max(1, opts.concurrency ?? 5);
    this.leaseMs = opts.leaseMs ?? 60_000;
    this.backoff = opts.backoff ?? DEFAULT_BACKOFF;
    this.bounceThreshold = opts.hardBounceThreshold ?? 3;
    this.pollMs = opts.pollMs ?? 5_000;
    this.emit = opts.onEvent ?? (() => {});
    const clock = opts.clock ?? systemClock;
    this.now = () => clock.now().getTime();
    this.markSent = sentMarker(opts.store);
  }

  /** Counts since this sender was created. */
  get stats(): DrainResult {
    return { ...this.totals };
  }

  /** Runs until stop(): drains what is due, then sleeps until woken, polled or a retry is due. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.startRenewing();
    this.loop = (async () => {
      while (this.running) {
        try {
          await this.runOnce();
          // Paused (server unreachable): wait out the pause. Otherwise until the next retry or
          // lease expiry is due, at most a poll interval (rows enqueued by another process).
          const paused = this.pauseLeft();
          const next = paused ? null : await nextOutboxWakeUp(this.store.db);
          const untilNext = next ? Date.parse(next) - this.now() : this.pollMs;
          await this.sleep(paused || Math.max(10, Math.min(this.pollMs, untilNext)));
        } catch (e) {
          this.emit({ type: "error", error: (e as Error).message });
          await this.sleep(this.pollMs);
        }
      }
    })();
  }

  /** New rows were enqueued: stop sleeping. */
  wake(): void {
    this.wakeUp?.();
  }

  /** Stops claiming, lets in-flight mails finish, closes nothing (the caller owns the mailer). */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    this.loop = null;
    this.stopRenewing();
  }

  /**
   * Sends everything claimable now and returns. With waitForLeases it also waits for rows another
   * (dead) sender left "sending" to come free; with waitForRetries, for rows in backoff
   * (`papertide worker --once` and tests use these).
   */
  async drain(
    opts: { waitForLeases?: boolean; waitForRetries?: boolean; deadlineMs?: number } = {},
  ): Promise<DrainResult> {
    const before = this.stats;
    const deadline = opts.deadlineMs ?? Number.POSITIVE_INFINITY;
    const ownLoop = !this.renewTimer;
    if (ownLoop) this.startRenewing();
    try {
      for (;;) {
        await this.runOnce();
        if (this.now() >= deadline) break;
        const waitFor = await this.pendingWork(opts);
        if (waitFor === null) break;
        await this.sleep(Math.max(10, Math.min(waitFor, deadline - this.now(), 1000)));
      }
    } finally {
      if (ownLoop) this.stopRenewing();
    }
    const after = this.stats;
    return {
      sent: after.sent - before.sent,
      retried: after.retried - before.retried,
      failed: after.failed - before.failed,
      cancelled: after.cancelled - before.cancelled,
    };
  }

  /** Milliseconds until more work may be claimable, or null when there is nothing to wait for. */
  private async pendingWork(opts: {
    waitForLeases?: boolean;
    waitForRetries?: boolean;
  }): Promise<number | null> {
    const db = this.store.db;
    const sending = await db
      .selectFrom("outbox")
      .select("id")
      .where("status", "=", "sending")
      .limit(1)
      .executeTakeFirst();
    const pending = await db
      .selectFrom("outbox")
      .select("id")
      .where("status", "=", "pending")
      .limit(1)
      .executeTakeFirst();
    if (!(sending && opts.waitForLeases) && !(pending && opts.waitForRetries)) return null;
    const next = await nextOutboxWakeUp(db);
    return Math.max(this.pauseLeft(), next ? Date.parse(next) - this.now() : 0);
  }

  /** One pass: free expired claims, then `concurrency` lanes claim and send until nothing is due. */
  private async runOnce(): Promise<void> {
    await releaseExpiredClaims(this.store.db, this.iso(this.now()));
    const lanes = Array.from({ length: this.concurrency }, () => this.lane());
    await Promise.all(lanes);
  }

  private async lane(): Promise<void> {
    while ((this.running || this.loop === null) && this.pauseLeft() === 0) {
      const now = this.now();
      const item = await claimNextOutbox(
        this.store,
        this.claimId,
        this.iso(now),
        this.iso(now + this.leaseMs),
      );
      if (!item) return;
      this.inFlight.add(item.id);
      try {
        await this.process(item);
      } finally {
        this.inFlight.delete(item.id);
      }
    }
  }

  private async process(item: OutboxItem): Promise<void> {
    const db = this.store.db;
    let outcome: RenderOutcome;
    try {
      const render = this.renderers[item.kind];
      if (!render) throw new Error(`no renderer for outbox kind "${item.kind}"`);
      outcome = await render(item);
    } catch (e) {
      // A payload that cannot be read never will be: fail the row, go on with the next.
      if (e instanceof StoredPayloadError) {
        await finishUnsent(db, item.id, this.claimId, "failed", e.message);
        this.totals.failed++;
        this.emit({ type: "failed", id: item.id, attempts: item.attempts, error: e.message });
        return;
      }
      // Rendering reads the database; treat a failure like a transient send failure.
      await this.retryOrFail(item, new MailSendError("transient", `render: ${(e as Error).message}`));
      return;
    }
    if ("skip" in outcome) {
      await finishUnsent(db, item.id, this.claimId, "cancelled", outcome.skip);
      this.totals.cancelled++;
      this.emit({ type: "cancelled", id: item.id, reason: outcome.skip });
      return;
    }
    try {
      await this.mailer.sendMail(outcome.message);
    } catch (e) {
      const err = classifySendError(e);
      if (err.kind === "permanent") {
        await finishUnsent(db, item.id, this.claimId, "failed", err.message);
        this.totals.failed++;
        this.emit({ type: "failed", id: item.id, attempts: item.attempts, error: err.message });
        if (item.subscriberId) {
          const status = await recordHardBounce(
            db,
            item.subscriberId,
            err.message,
            this.bounceThreshold,
            this.iso(this.now()),
          );
          if (status === "bouncing") this.emit({ type: "bouncing", subscriberId: item.subscriberId });
        }
        return;
      }
      // No SMTP reply at all (refused, timed out, dropped) or a set-up problem: the server, not
      // this message, is the trouble. Pause everyone so a long outage costs one attempt per pause.
      if (err.responseCode === null || err.kind === "config") this.pause(err.message);
      await this.retryOrFail(item, err);
      return;
    }
    // Accepted by the server: record it before anything else (see the header comment).
    const ours = await this.markSent(item.id, this.claimId, this.iso(this.now()));
    this.consecutiveOutages = 0;
    this.totals.sent++;
    if (!ours) this.emit({ type: "lost-claim", id: item.id });
    this.emit({ type: "sent", id: item.id, attempts: item.attempts });
    if (item.subscriberId) await recordDelivered(db, item.subscriberId);
  }

  private async retryOrFail(item: OutboxItem, err: MailSendError): Promise<void> {
    if (item.attempts >= this.backoff.maxAttempts) {
      await finishUnsent(
        this.store.db,
        item.id,
        this.claimId,
        "failed",
        `gave up after ${item.attempts} attempts: ${err.message}`,
      );
      this.totals.failed++;
      this.emit({ type: "failed", id: item.id, attempts: item.attempts, error: err.message });
      return;
    }
    const at = this.iso(this.now() + backoffDelay(this.backoff, item.attempts));
    await scheduleRetry(this.store.db, item.id, this.claimId, at, err.message);
    this.totals.retried++;
    this.emit({ type: "retry", id: item.id, attempts: item.attempts, error: err.message, at });
  }

  private pause(error: string): void {
    this.consecutiveOutages++;
    const ms = backoffDelay(this.backoff, this.consecutiveOutages);
    const until = this.now() + ms;
    if (until > this.pausedUntil) {
      this.pausedUntil = until;
      this.emit({ type: "paused", untilMs: ms, error });
    }
  }

  private pauseLeft(): number {
    return Math.max(0, this.pausedUntil - this.now());
  }

  private startRenewing(): void {
    this.renewTimer = setInterval(
      () => {
        const ids = [...this.inFlight];
        renewClaims(this.store.db, this.claimId, ids, this.iso(this.now() + this.leaseMs)).catch((e) =>
          this.emit({ type: "error", error: `lease renewal: ${(e as Error).message}` }),
        );
      },
      Math.max(50, Math.floor(this.leaseMs / 3)),
    );
    this.renewTimer.unref();
  }

  private stopRenewing(): void {
    if (this.renewTimer) clearInterval(this.renewTimer);
    this.renewTimer = null;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        this.wakeUp = null;
        done();
      };
    });
  }

  private iso(ms: number): string {
    return new Date(ms).toISOString();
  }
}

/** baseMs * 2^(attempt-1), capped, with ±20% jitter so retries of a batch spread out. */
export function backoffDelay(
  policy: BackoffPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const raw = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(raw * (0.8 + 0.4 * random()));
}

/** "message" rows carry the finished mail as JSON (confirmation and account mails). */
async function renderStoredMessage(item: OutboxItem): Promise<RenderOutcome> {
  if (!item.payload) return { skip: "empty payload" };
  return { message: readMessagePayload(item.payload, `outbox row ${item.id}`) };
}
