// Running a background job as its one owner among all processes: take the job's lease in the
// database (src/store/jobLeases.ts), renew it while working, give it up when done. A process that
// dies stops renewing; another one takes the job once the lease has run out and, since every job
// is written to be re-run safely (builds and imports are idempotent, syncs resume from their saved
// page), finishes it.
import { randomBytes } from "node:crypto";
import os from "node:os";
import type { Kysely } from "kysely";
import type { Clock } from "../model/clock.ts";
import { releaseLease, takeLease } from "../store/jobLeases.ts";
import type { Database } from "../store/schema.ts";

/** This process's name in the lease table: host, pid and a random part (pids are reused). */
export function ownerId(): string {
  return `${os.hostname()}/${process.pid}/${randomBytes(4).toString("hex")}`;
}

export interface LeaseContext {
  db: Kysely<Database>;
  clock: Clock;
  owner: string;
  /** How long a lease lasts without renewal; it is renewed every third of that. */
  leaseMs: number;
}

export type LeasedOutcome<T> = { ran: true; value: T } | { ran: false };

/**
 * Runs `work` if this process can take `job`; `signal` aborts when the lease is lost (renewal
 * failed: the process stalled past its lease and someone else may have the job), so the work
 * stops at its next boundary instead of running twice.
 */
export async function runLeased<T>(
  ctx: LeaseContext,
  job: string,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<LeasedOutcome<T>> {
  const until = () => new Date(ctx.clock.now().getTime() + ctx.leaseMs);
  if (!(await takeLease(ctx.db, job, ctx.owner, ctx.clock.now(), until()))) return { ran: false };
  const lost = new AbortController();
  let renewing: Promise<void> = Promise.resolve();
  const timer = setInterval(
    () => {
      renewing = takeLease(ctx.db, job, ctx.owner, ctx.clock.now(), until()).then(
        (held) => {
          if (!held) lost.abort(new Error(`lost the lease on ${job}`));
        },
        (e) => lost.abort(e),
      );
    },
    Math.max(100, Math.floor(ctx.leaseMs / 3)),
  );
  timer.unref();
  try {
    return { ran: true, value: await work(lost.signal) };
  } finally {
    clearInterval(timer);
    await renewing;
    if (!lost.signal.aborted) await releaseLease(ctx.db, job, ctx.owner);
  }
}
