// The mail outbox: every mail Papertide sends is first a row here, then a sender claims it,
// sends it and marks it sent (see src/mail/outboxSender.ts for the protocol and its one
// at-least-once window). Unique (subscriber_id, period) makes enqueueing idempotent.
import { type Kysely, type Selectable, sql } from "kysely";
import { batches } from "./batches.ts";
import type { Store } from "./db.ts";
import type { Database, OutboxTable } from "./schema.ts";

export type OutboxStatus = "pending" | "sending" | "sent" | "failed" | "cancelled";
/**
 * What a row holds, and so how the sender renders it: a digest (its edition, plus the reader's
 * personal part), saved-search alerts mailed on their own, or a finished message.
 */
export type OutboxKind = "digest" | "alerts" | "message";

export interface OutboxItem {
  id: string;
  subscriberId: string | null;
  period: string;
  kind: OutboxKind;
  recipient: string;
  editionId: string | null;
  payload: string | null;
  messageId: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  leaseUntil: string | null;
  claimId: string | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

function rowToItem(r: Selectable<OutboxTable>): OutboxItem {
  return {
    id: r.id,
    subscriberId: r.subscriber_id,
    period: r.period,
    kind: r.kind,
    recipient: r.recipient,
    editionId: r.edition_id,
    payload: r.payload,
    messageId: r.message_id,
    status: r.status,
    attempts: Number(r.attempts),
    nextAttemptAt: r.next_attempt_at,
    leaseUntil: r.lease_until,
    claimId: r.claim_id,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  };
}

export interface NewOutboxItem {
  id: string;
  subscriberId: string | null;
  period: string;
  kind: OutboxKind;
  recipient: string;
  editionId?: string | null;
  payload?: string | null;
  messageId: string;
}

/**
 * Inserts what is not there yet (by id or by (subscriber, period)); returns the ids of the rows
 * that were new (a caller records what a row carries only when it was the one to queue it).
 */
export async function enqueueOutbox(
  db: Kysely<Database>,
  items: NewOutboxItem[],
  now: string,
): Promise<string[]> {
  const added: string[] = [];
  for (const batch of batches(items)) {
    const res = await db
      .insertInto("outbox")
      .values(
        batch.map((m) => ({
          id: m.id,
          subscriber_id: m.subscriberId,
          period: m.period,
          kind: m.kind,
          recipient: m.recipient,
          edition_id: m.editionId ?? null,
          payload: m.payload ?? null,
          message_id: m.messageId,
          status: "pending",
          next_attempt_at: now,
          created_at: now,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .returning("id")
      .execute();
    for (const r of res) added.push(r.id);
  }
  return added;
}

export async function getOutboxItem(db: Kysely<Database>, id: string): Promise<OutboxItem | null> {
  const row = await db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? rowToItem(row) : null;
}

/**
 * Atomically takes the next due pending row: status -> sending, with our claim id and a lease.
 * One statement, so two senders (the server's and a `papertide worker`) never take the same row.
 */
export async function claimNextOutbox(
  store: Store,
  claimId: string,
  now: string,
  leaseUntil: string,
): Promise<OutboxItem | null> {
  const { db } = store;
  const row = await db
    .updateTable("outbox")
    .set((eb) => ({
      status: "sending",
      claim_id: claimId,
      lease_until: leaseUntil,
      attempts: eb("attempts", "+", 1),
    }))
    .where("id", "=", (eb) => {
      const next = eb
        .selectFrom("outbox")
        .select("id")
        .where("status", "=", "pending")
        .where("next_attempt_at", "<=", now)
        .orderBy("next_attempt_at")
        .orderBy("id")
        .limit(1);
      return store.dialect === "postgres" ? next.forUpdate().skipLocked() : next;
    })
    .where("status", "=", "pending")
    .returningAll()
    .executeTakeFirst();
  return row ? rowToItem(row) : null;
}

/**
 * Rows whose sender died (kill -9, crash, power loss) stay "sending" until their lease runs out;
 * then they go back to pending and are sent again. Live senders renew their leases.
 */
export async function releaseExpiredClaims(db: Kysely<Database>, now: string): Promise<number> {
  const res = await db
    .updateTable("outbox")
    .set({ status: "pending", claim_id: null, lease_until: null })
    .where("status", "=", "sending")
    .where("lease_until", "<", now)
    .executeTakeFirst();
  return Number(res.numUpdatedRows ?? 0);
}

export async function renewClaims(
  db: Kysely<Database>,
  claimId: string,
  ids: string[],
  leaseUntil: string,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable("outbox")
    .set({ lease_until: leaseUntil })
    .where("claim_id", "=", claimId)
    .where("status", "=", "sending")
    .where("id", "in", ids)
    .execute();
}

/**
 * A "message" row's payload is the whole mail, with its link: a reset or verification token, a
 * subscription confirmation. Once the row is finished (sent, failed, cancelled) nothing needs it,
 * so every statement that finishes a row drops it: no copy of a live link stays behind, whether
 * the mail went out at the first try or after retries, or never. Digest and alert payloads are the
 * reader's papers (links are signed at send time) and stay, as the record of what was sent.
 */
const FORGET_MESSAGE_PAYLOAD = "CASE WHEN kind = 'message' THEN NULL ELSE payload END";

/**
 * Returns a function recording "sent" for a claimed row. On SQLite it is one prepared statement
 * run synchronously by better-sqlite3 (no pool, no extra awaits): this write closes the window in
 * which a crash would make the mail go out twice, so it must follow the SMTP "250" as closely as
 * possible. Resolves false when the row was no longer ours (our lease had expired).
 */
export function sentMarker(store: Store): (id: string, claimId: string, now: string) => Promise<boolean> {
  if (store.sqlite) {
    const stmt = store.sqlite.prepare(
      `UPDATE outbox SET status = 'sent', sent_at = ?, lease_until = NULL, last_error = NULL, payload = ${FORGET_MESSAGE_PAYLOAD} WHERE id = ? AND claim_id = ? AND status = 'sending'`,
    );
    return async (id, claimId, now) => stmt.run(now, id, claimId).changes > 0;
  }
  return async (id, claimId, now) => {
    const res = await store.db
      .updateTable("outbox")
      .set({
        status: "sent",
        sent_at: now,
        lease_until: null,
        last_error: null,
        payload: sql.raw<string | null>(FORGET_MESSAGE_PAYLOAD),
      })
      .where("id", "=", id)
      .where("claim_id", "=", claimId)
      .where("status", "=", "sending")
      .executeTakeFirst();
    return Number(res.numUpdatedRows ?? 0) > 0;
  };
}

/** A transient failure: back to pending, to be tried again at `nextAttemptAt`. */
export async function scheduleRetry(
  db: Kysely<Database>,
  id: string,
  claimId: string,
  nextAttemptAt: string,
  error: string,
): Promise<void> {
  await db
    .updateTable("outbox")
    .set({
      status: "pending",
      next_attempt_at: nextAttemptAt,
      lease_until: null,
      claim_id: null,
      last_error: error.slice(0, 1000),
    })
    .where("id", "=", id)
    .where("claim_id", "=", claimId)
    .execute();
}

/**
 * No more attempts: failed (permanent error, too many retries) or cancelled (nothing to send). A
 * message row keeps its recipient and error, not its mail (see FORGET_MESSAGE_PAYLOAD).
 */
export async function finishUnsent(
  db: Kysely<Database>,
  id: string,
  claimId: string,
  status: "failed" | "cancelled",
  reason: string,
): Promise<void> {
  await db
    .updateTable("outbox")
    .set({
      status,
      lease_until: null,
      last_error: reason.slice(0, 1000),
      payload: sql.raw<string | null>(FORGET_MESSAGE_PAYLOAD),
    })
    .where("id", "=", id)
    .where("claim_id", "=", claimId)
    .execute();
}

export async function outboxCounts(db: Kysely<Database>): Promise<Record<OutboxStatus, number>> {
  const rows = await db
    .selectFrom("outbox")
    .select(["status", sql<number>`count(*)`.as("n")])
    .groupBy("status")
    .execute();
  const counts: Record<OutboxStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0, cancelled: 0 };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

/** When the next row becomes claimable: the earliest pending retry or expiring lease; null if none. */
export async function nextOutboxWakeUp(db: Kysely<Database>): Promise<string | null> {
  const pending = await db
    .selectFrom("outbox")
    .select(sql<string | null>`min(next_attempt_at)`.as("t"))
    .where("status", "=", "pending")
    .executeTakeFirst();
  const leases = await db
    .selectFrom("outbox")
    .select(sql<string | null>`min(lease_until)`.as("t"))
    .where("status", "=", "sending")
    .executeTakeFirst();
  const times = [pending?.t, leases?.t].filter((t): t is string => !!t).sort();
  return times[0] ?? null;
}

/** Finished rows older than `before` are only history: delete them (editions go with their rows). */
export async function pruneOutbox(db: Kysely<Database>, before: string): Promise<number> {
  const res = await db
    .deleteFrom("outbox")
    .where("status", "in", ["sent", "failed", "cancelled"])
    .where("created_at", "<", before)
    .executeTakeFirst();
  return Number(res.numDeletedRows ?? 0);
}

/** Which of these rows are queued already (a build re-run after a crash skips their work). */
export async function existingOutboxIds(db: Kysely<Database>, ids: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const batch of batches(ids)) {
    const rows = await db.selectFrom("outbox").select("id").where("id", "in", batch).execute();
    for (const r of rows) out.add(r.id);
  }
  return out;
}
