// Unsubscribing: one click from any digest, no sign-in (the signed link is the authority).
// Idempotent; the row stays (status unsubscribed) so old links keep answering and re-subscribing
// keeps the same id. Digests already queued for the subscriber are cancelled.
import type { Kysely } from "kysely";
import type { Database } from "../store/schema.ts";
import { getSubscriber, type Subscriber, updateSubscriber } from "../store/subscribers.ts";
import type { DigestDeps } from "./deps.ts";

export type UnsubscribeOutcome = { ok: true; subscriber: Subscriber; changed: boolean } | { ok: false };

export async function findByUnsubscribeToken(deps: DigestDeps, token: unknown): Promise<Subscriber | null> {
  const t = deps.signer.verify("unsubscribe", token);
  return t ? getSubscriber(deps.store.db, t.subscriberId) : null;
}

export async function unsubscribeByToken(
  deps: DigestDeps,
  token: unknown,
  nowMs = deps.clock.now().getTime(),
): Promise<UnsubscribeOutcome> {
  const s = await findByUnsubscribeToken(deps, token);
  if (!s) return { ok: false };
  const changed = await setUnsubscribed(deps.store.db, s, new Date(nowMs).toISOString());
  return { ok: true, subscriber: (await getSubscriber(deps.store.db, s.id)) as Subscriber, changed };
}

/** Returns whether anything changed. */
export async function setUnsubscribed(db: Kysely<Database>, s: Subscriber, now: string): Promise<boolean> {
  if (s.status === "unsubscribed") return false;
  await db.transaction().execute(async (trx) => {
    await updateSubscriber(trx, s.id, {
      status: "unsubscribed",
      unsubscribed_at: now,
      confirm_nonce: null,
      updated_at: now,
    });
    // Not yet claimed: never send. (A mail being sent this very moment still goes out.)
    await trx
      .updateTable("outbox")
      .set({ status: "cancelled", last_error: "unsubscribed" })
      .where("subscriber_id", "=", s.id)
      .where("kind", "in", ["digest", "alerts"])
      .where("status", "=", "pending")
      .execute();
  });
  return true;
}
