// The digest settings of a signed-in reader, on their account page: the subscription of their
// account's address (status, frequency, topics, personal picks), and their saved-search alerts.
// A verified account address needs no double opt-in (the account's own confirmation proved the
// mailbox); an unverified one gets the usual confirmation mail.
import { randomBytes } from "node:crypto";
import { normalizeEmail } from "../mail/emailAddress.ts";
import { MAX_QUERY_LENGTH } from "../search/query.ts";
import {
  type AlertDelivery,
  countSavedSearches,
  deleteSavedSearch,
  insertSavedSearch,
  type SavedSearch,
  savedSearchesOfUser,
  setSavedSearchDelivery,
} from "../store/savedSearches.ts";
import {
  getSubscriberByEmailKey,
  getSubscriberOfUser,
  insertSubscriber,
  PICKS,
  type Picks,
  type Subscriber,
  topicsJson,
  updateSubscriber,
} from "../store/subscribers.ts";
import type { User } from "../store/users.ts";
import type { DigestDeps } from "./deps.ts";
import { activate } from "./subscriptionConfirmer.ts";
import { requestSubscription } from "./subscriptionCreator.ts";
import { type Checked, parseFrequency, parseTopics } from "./topics.ts";
import { setUnsubscribed } from "./unsubscriber.ts";

/** Saved searches per reader: enough for real use, bounded work per digest build. */
export const MAX_SAVED_SEARCHES = 20;
/** Shorter than the search box allows: an alert is a topic, not a pasted abstract. */
export const MAX_ALERT_QUERY = Math.min(300, MAX_QUERY_LENGTH);

export interface AccountDigest {
  subscriber: Subscriber | null;
  searches: SavedSearch[];
}

export async function accountDigest(deps: DigestDeps, user: User): Promise<AccountDigest> {
  const key = emailKeyOf(user);
  return {
    subscriber: key ? await getSubscriberOfUser(deps.store.db, user.id, key) : null,
    searches: await savedSearchesOfUser(deps.store.db, user.id),
  };
}

function emailKeyOf(user: User): string | null {
  const n = normalizeEmail(user.email);
  return n.ok ? n.key : null;
}

export function parsePicks(raw: unknown, fallback: Picks = "off"): Checked<Picks> {
  if (raw === undefined || raw === null || raw === "") return { ok: true, value: fallback };
  if (typeof raw === "string" && (PICKS as readonly string[]).includes(raw))
    return { ok: true, value: raw as Picks };
  return { ok: false, message: "Choose how personal picks appear." };
}

export interface DigestSettingsInput {
  action?: unknown;
  frequency?: unknown;
  topics?: unknown;
  picks?: unknown;
}

export type AccountDigestOutcome =
  | { ok: true; code: "saved" | "subscribed" | "confirm" | "unsubscribed" }
  | { ok: false; field: "frequency" | "topics" | "picks" | "action" | "email"; message: string };

/** Subscribe, change settings or unsubscribe, for the account's own address. */
export async function changeAccountDigest(
  deps: DigestDeps,
  user: User,
  input: DigestSettingsInput,
  nowMs = deps.clock.now().getTime(),
): Promise<AccountDigestOutcome> {
  const key = emailKeyOf(user);
  if (!key) return { ok: false, field: "email", message: "Your account's address cannot receive mail." };
  const db = deps.store.db;
  const now = new Date(nowMs).toISOString();
  const current = await getSubscriberOfUser(db, user.id, key);
  const action = input.action ?? "update";
  if (action === "unsubscribe") {
    if (current) await setUnsubscribed(db, current, now);
    return { ok: true, code: "unsubscribed" };
  }
  if (action !== "subscribe" && action !== "update")
    return { ok: false, field: "action", message: "Unknown action." };
  const frequency = parseFrequency(input.frequency, current?.frequency ?? "daily");
  if (!frequency.ok) return { ok: false, field: "frequency", message: frequency.message };
  const topics =
    input.topics === undefined ? { ok: true as const, value: [] } : parseTopics(input.topics, deps.config);
  if (!topics.ok) return { ok: false, field: "topics", message: topics.message };
  const picks = parsePicks(input.picks, current?.picks ?? "with");
  if (!picks.ok) return { ok: false, field: "picks", message: picks.message };

  if (current?.status === "active" || (action === "update" && current)) {
    // Settings apply at once; an unsubscribed reader's choice applies if they come back.
    await updateSubscriber(db, current.id, {
      frequency: frequency.value,
      topics: topicsJson(topics.value),
      picks: picks.value,
      user_id: user.id,
      updated_at: now,
    });
    if (action === "update" || current.status === "active") return { ok: true, code: "saved" };
  }
  if (user.emailVerified) {
    // The account's verification proved the mailbox: active at once.
    await db.transaction().execute(async (trx) => {
      await insertSubscriber(trx, {
        id: randomBytes(12).toString("base64url"),
        email: user.email,
        emailKey: key,
        status: "pending",
        frequency: frequency.value,
        topics: topics.value,
        now,
      });
      const s = await getSubscriberByEmailKey(trx, key);
      if (!s) throw new Error("subscriber vanished inside its transaction");
      await activate(trx, s.id, frequency.value, topics.value, now);
      await updateSubscriber(trx, s.id, { user_id: user.id, picks: picks.value });
    });
    return { ok: true, code: "subscribed" };
  }
  const asked = await requestSubscription(
    deps,
    { email: user.email, frequency: frequency.value, topics: topics.value },
    nowMs,
  );
  if (!asked.ok) return { ok: false, field: asked.field, message: asked.message };
  const s = await getSubscriberByEmailKey(db, key);
  if (s) await updateSubscriber(db, s.id, { user_id: user.id, picks: picks.value, updated_at: now });
  return { ok: true, code: "confirm" };
}

export type SaveSearchOutcome = { ok: true; search: SavedSearch } | { ok: false; message: string };

export function parseDelivery(raw: unknown): Checked<AlertDelivery> {
  if (raw === undefined || raw === null || raw === "" || raw === "digest")
    return { ok: true, value: "digest" };
  if (raw === "alert") return { ok: true, value: "alert" };
  return { ok: false, message: "Choose “in my digest” or “alert-only”." };
}

/** "Alert me about new papers for this search". Only papers arriving from now on are alerted. */
export async function saveSearch(
  deps: DigestDeps,
  user: User,
  input: { query?: unknown; delivery?: unknown },
  nowMs = deps.clock.now().getTime(),
): Promise<SaveSearchOutcome> {
  const query = typeof input.query === "string" ? input.query.replace(/\s+/g, " ").trim() : "";
  if (query === "") return { ok: false, message: "Type a search first: an alert needs words or filters." };
  if (query.length > MAX_ALERT_QUERY)
    return { ok: false, message: `An alert's search can be at most ${MAX_ALERT_QUERY} characters.` };
  const delivery = parseDelivery(input.delivery);
  if (!delivery.ok) return { ok: false, message: delivery.message };
  const db = deps.store.db;
  const existing = await savedSearchesOfUser(db, user.id);
  const same = existing.find((s) => s.query === query);
  if (same) {
    await setSavedSearchDelivery(db, user.id, same.id, delivery.value);
    return { ok: true, search: { ...same, delivery: delivery.value } };
  }
  if ((await countSavedSearches(db, user.id)) >= MAX_SAVED_SEARCHES)
    return {
      ok: false,
      message: `You have ${MAX_SAVED_SEARCHES} saved searches, the most allowed: delete one first.`,
    };
  const now = new Date(nowMs).toISOString();
  const search: SavedSearch = {
    id: randomBytes(12).toString("base64url"),
    userId: user.id,
    query,
    delivery: delivery.value,
    lastRunAt: now,
    createdAt: now,
  };
  await insertSavedSearch(db, search);
  await linkOwnSubscription(deps, user);
  return { ok: true, search };
}

/**
 * Alerts travel with the subscription of the account's address; one made before the account (from
 * the subscribe box) is linked to it here. Only for a verified address: the link makes the
 * subscription carry this account's picks and alerts, so the mailbox must be the account's.
 */
async function linkOwnSubscription(deps: DigestDeps, user: User): Promise<void> {
  const key = emailKeyOf(user);
  if (!key || !user.emailVerified) return;
  await deps.store.db
    .updateTable("subscribers")
    .set({ user_id: user.id })
    .where("email_key", "=", key)
    .where("user_id", "is", null)
    .execute();
}

export async function removeSavedSearch(deps: DigestDeps, user: User, id: unknown): Promise<boolean> {
  return typeof id === "string" && id.length <= 64 && deleteSavedSearch(deps.store.db, user.id, id);
}

export async function changeSearchDelivery(
  deps: DigestDeps,
  user: User,
  id: unknown,
  raw: unknown,
): Promise<boolean> {
  const delivery = parseDelivery(raw);
  if (!delivery.ok || typeof id !== "string" || id.length > 64) return false;
  return setSavedSearchDelivery(deps.store.db, user.id, id, delivery.value);
}
