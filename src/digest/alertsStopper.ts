// Stopping search alerts from an alert mail: one click (RFC 8058, or the mail's "Stop alert
// mails" link), no sign-in (the signed link is the authority), like unsubscribing, but only for
// the saved searches delivered as alert-only mails: they are deleted, as "cancel alert" does in
// other alert services, and alert mails already queued are cancelled. The digest subscription,
// and searches delivered inside the digest, stay. Idempotent.
import { deleteSavedSearch, type SavedSearch, savedSearchesOfUser } from "../store/savedSearches.ts";
import { getSubscriber, type Subscriber } from "../store/subscribers.ts";
import type { DigestDeps } from "./deps.ts";

export interface AlertsOfLink {
  subscriber: Subscriber;
  /** The account's alert-only searches (none for a subscription without an account). */
  alerts: SavedSearch[];
}

export async function findAlertsByToken(deps: DigestDeps, token: unknown): Promise<AlertsOfLink | null> {
  const t = deps.signer.verify("alerts", token);
  const subscriber = t ? await getSubscriber(deps.store.db, t.subscriberId) : null;
  if (!subscriber) return null;
  const all = subscriber.userId ? await savedSearchesOfUser(deps.store.db, subscriber.userId) : [];
  return { subscriber, alerts: all.filter((s) => s.delivery === "alert") };
}

/** Deletes the alert-only searches the link's subscriber has; returns them (null: not a valid link). */
export async function stopAlertsByToken(deps: DigestDeps, token: unknown): Promise<AlertsOfLink | null> {
  const found = await findAlertsByToken(deps, token);
  if (!found) return null;
  const { subscriber, alerts } = found;
  await deps.store.db.transaction().execute(async (trx) => {
    if (subscriber.userId) for (const s of alerts) await deleteSavedSearch(trx, subscriber.userId, s.id);
    // Not yet claimed: never send. (A mail being sent this very moment still goes out.)
    await trx
      .updateTable("outbox")
      .set({ status: "cancelled", last_error: "alerts stopped" })
      .where("subscriber_id", "=", subscriber.id)
      .where("kind", "=", "alerts")
      .where("status", "=", "pending")
      .execute();
  });
  return found;
}
