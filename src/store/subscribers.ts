// Digest subscribers: one row per mailbox, whatever its state (pending confirmation, active,
// unsubscribed, bouncing). Rows are never deleted on unsubscribe, so re-subscribing reuses the
// id (and every old unsubscribe link keeps working).
import { type Kysely, type Selectable, sql, type Updateable } from "kysely";
import type { Database, SubscribersTable } from "./schema.ts";
import { readStringList } from "./storedPayload.ts";

export type SubscriberStatus = "pending" | "active" | "unsubscribed" | "bouncing";
export type Frequency = "daily" | "weekly";
export const FREQUENCIES: readonly Frequency[] = ["daily", "weekly"];
/** "Picked for you" in an account's digest: off, with the trending section, or instead of it. */
export type Picks = "off" | "with" | "only";
export const PICKS: readonly Picks[] = ["off", "with", "only"];

export interface Subscriber {
  id: string;
  email: string;
  emailKey: string;
  status: SubscriberStatus;
  frequency: Frequency;
  /** Empty = every category the instance follows. */
  topics: string[];
  pendingFrequency: Frequency | null;
  pendingTopics: string[] | null;
  confirmNonce: string | null;
  confirmRequestedAt: string | null;
  confirmSentAt: string | null;
  confirmWindowStart: string | null;
  confirmWindowCount: number;
  hardBounces: number;
  lastBounce: string | null;
  userId: string | null;
  picks: Picks;
  createdAt: string;
  updatedAt: string;
  confirmedAt: string | null;
  unsubscribedAt: string | null;
}

export type SubscriberRow = Selectable<SubscribersTable>;
export type SubscriberPatch = Omit<Updateable<SubscribersTable>, "id" | "created_at">;

export function rowToSubscriber(r: SubscriberRow): Subscriber {
  return {
    id: r.id,
    email: r.email,
    emailKey: r.email_key,
    status: r.status,
    frequency: r.frequency,
    topics: readStringList(r.topics, `subscriber ${r.id}: topics`),
    pendingFrequency: r.pending_frequency,
    pendingTopics: r.pending_topics
      ? readStringList(r.pending_topics, `subscriber ${r.id}: pending topics`)
      : null,
    confirmNonce: r.confirm_nonce,
    confirmRequestedAt: r.confirm_requested_at,
    confirmSentAt: r.confirm_sent_at,
    confirmWindowStart: r.confirm_window_start,
    confirmWindowCount: r.confirm_window_count,
    hardBounces: r.hard_bounces,
    lastBounce: r.last_bounce,
    userId: r.user_id,
    picks: PICKS.includes(r.picks) ? r.picks : "off",
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    confirmedAt: r.confirmed_at,
    unsubscribedAt: r.unsubscribed_at,
  };
}

/** Topics as stored: sorted, de-duplicated JSON (also the key editions are shared by). */
export function topicsJson(topics: readonly string[]): string {
  return JSON.stringify([...new Set(topics)].sort());
}

export async function getSubscriber(db: Kysely<Database>, id: string): Promise<Subscriber | null> {
  const row = await db.selectFrom("subscribers").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? rowToSubscriber(row) : null;
}

export async function getSubscriberByEmailKey(
  db: Kysely<Database>,
  emailKey: string,
): Promise<Subscriber | null> {
  const row = await db
    .selectFrom("subscribers")
    .selectAll()
    .where("email_key", "=", emailKey)
    .executeTakeFirst();
  return row ? rowToSubscriber(row) : null;
}

export interface NewSubscriber {
  id: string;
  email: string;
  emailKey: string;
  status: SubscriberStatus;
  frequency: Frequency;
  topics: string[];
  now: string;
}

/** Inserts unless the address exists; returns whether a row was added. */
/** The subscription of an account: the one linked to it, else the one of its address. */
export async function getSubscriberOfUser(
  db: Kysely<Database>,
  userId: string,
  emailKey: string,
): Promise<Subscriber | null> {
  const rows = await db
    .selectFrom("subscribers")
    .selectAll()
    .where((eb) => eb.or([eb("user_id", "=", userId), eb("email_key", "=", emailKey)]))
    .execute();
  const row = rows.find((r) => r.email_key === emailKey) ?? rows.find((r) => r.user_id === userId);
  return row ? rowToSubscriber(row) : null;
}

export async function insertSubscriber(db: Kysely<Database>, s: NewSubscriber): Promise<boolean> {
  const res = await db
    .insertInto("subscribers")
    .values({
      id: s.id,
      email: s.email,
      email_key: s.emailKey,
      status: s.status,
      frequency: s.frequency,
      topics: topicsJson(s.topics),
      created_at: s.now,
      updated_at: s.now,
    })
    .onConflict((oc) => oc.column("email_key").doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function updateSubscriber(
  db: Kysely<Database>,
  id: string,
  patch: SubscriberPatch,
): Promise<void> {
  await db.updateTable("subscribers").set(patch).where("id", "=", id).execute();
}

/** A page of subscribers in id order (keyset), for the scheduler's build of one period. */
export async function listSubscribers(
  db: Kysely<Database>,
  q: { status: SubscriberStatus; frequency?: Frequency; afterId?: string; limit: number },
): Promise<Subscriber[]> {
  let query = db.selectFrom("subscribers").selectAll().where("status", "=", q.status);
  if (q.frequency) query = query.where("frequency", "=", q.frequency);
  if (q.afterId) query = query.where("id", ">", q.afterId);
  const rows = await query.orderBy("id").limit(q.limit).execute();
  return rows.map(rowToSubscriber);
}

export async function countSubscribersByStatus(db: Kysely<Database>): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom("subscribers")
    .select(["status", sql<number>`count(*)`.as("n")])
    .groupBy("status")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** A delivery was accepted: the address works, forget earlier hard failures. */
export async function recordDelivered(db: Kysely<Database>, id: string): Promise<void> {
  await db
    .updateTable("subscribers")
    .set({ hard_bounces: 0 })
    .where("id", "=", id)
    .where("hard_bounces", ">", 0)
    .execute();
}

/**
 * A permanent (5xx) rejection of this address. After `threshold` in a row the subscriber is
 * marked bouncing and gets no more digests (re-subscribing with a confirmation clears it).
 * Returns the new status.
 */
export async function recordHardBounce(
  db: Kysely<Database>,
  id: string,
  reason: string,
  threshold: number,
  now: string,
): Promise<SubscriberStatus | null> {
  await db
    .updateTable("subscribers")
    .set((eb) => ({
      hard_bounces: eb("hard_bounces", "+", 1),
      last_bounce: reason.slice(0, 500),
      updated_at: now,
      status: sql<SubscriberStatus>`CASE WHEN status = 'active' AND hard_bounces + 1 >= ${threshold} THEN 'bouncing' ELSE status END`,
    }))
    .where("id", "=", id)
    .execute();
  const row = await db.selectFrom("subscribers").select("status").where("id", "=", id).executeTakeFirst();
  return row?.status ?? null;
}

/**
 * An account's address changed: its subscription (linked to it, or of the old address) moves to
 * the new address, unless the new address has a subscription of its own (then both stay as they
 * are). Returns whether it moved.
 */
export async function moveSubscriptionOfUser(
  db: Kysely<Database>,
  o: { userId: string; oldKey: string; email: string; now: string },
): Promise<boolean> {
  const key = o.email.toLowerCase();
  const current = await getSubscriberOfUser(db, o.userId, o.oldKey);
  if (!current || (await getSubscriberByEmailKey(db, key))) return false;
  await db
    .updateTable("subscribers")
    .set({ email: o.email, email_key: key, user_id: o.userId, updated_at: o.now })
    .where("id", "=", current.id)
    .execute();
  return true;
}
