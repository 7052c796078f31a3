// Double opt-in, second half: the link in the confirmation mail leads to a page (GET, harmless
// for link scanners) whose button confirms (POST). Confirming applies the chosen frequency and
// topics, (re)activates the subscription and retires the link.
import type { Kysely } from "kysely";
import type { Database } from "../store/schema.ts";
import {
  type Frequency,
  getSubscriber,
  type Subscriber,
  topicsJson,
  updateSubscriber,
} from "../store/subscribers.ts";
import type { DigestDeps } from "./deps.ts";
import { CONFIRM_VALID_DAYS } from "./subscriptionCreator.ts";
import { parseFrequency, parseTopics } from "./topics.ts";

export type ConfirmLookup =
  | { ok: true; subscriber: Subscriber; frequency: Frequency; topics: string[] }
  | { ok: false; reason: "invalid" | "expired" };

export async function lookupConfirmation(
  deps: DigestDeps,
  token: unknown,
  nowMs = deps.clock.now().getTime(),
): Promise<ConfirmLookup> {
  const t = deps.signer.verify("confirm", token);
  if (!t) return { ok: false, reason: "invalid" };
  const s = await getSubscriber(deps.store.db, t.subscriberId);
  // A used link (nonce cleared) or one replaced by a newer request reads as expired.
  if (!s?.confirmNonce || s.confirmNonce !== t.nonce) return { ok: false, reason: "expired" };
  if (!s.confirmRequestedAt || nowMs - Date.parse(s.confirmRequestedAt) > CONFIRM_VALID_DAYS * 86_400_000) {
    return { ok: false, reason: "expired" };
  }
  return {
    ok: true,
    subscriber: s,
    frequency: s.pendingFrequency ?? s.frequency,
    topics: s.pendingTopics ?? s.topics,
  };
}

export type ConfirmOutcome =
  | { ok: true; subscriber: Subscriber }
  | { ok: false; reason: "invalid" | "expired" }
  | { ok: false; reason: "input"; field: "frequency" | "topics"; message: string };

export async function confirmSubscription(
  deps: DigestDeps,
  token: unknown,
  input: { frequency?: unknown; topics?: unknown },
  nowMs = deps.clock.now().getTime(),
): Promise<ConfirmOutcome> {
  const found = await lookupConfirmation(deps, token, nowMs);
  if (!found.ok) return found;
  const frequency = parseFrequency(input.frequency, found.frequency);
  if (!frequency.ok) return { ok: false, reason: "input", field: "frequency", message: frequency.message };
  const topics =
    input.topics === undefined
      ? { ok: true as const, value: found.topics }
      : parseTopics(input.topics, deps.config);
  if (!topics.ok) return { ok: false, reason: "input", field: "topics", message: topics.message };
  await activate(
    deps.store.db,
    found.subscriber.id,
    frequency.value,
    topics.value,
    new Date(nowMs).toISOString(),
  );
  const subscriber = (await getSubscriber(deps.store.db, found.subscriber.id)) as Subscriber;
  return { ok: true, subscriber };
}

/** Active with these preferences; clears the confirmation and any bounce history. */
export async function activate(
  db: Kysely<Database>,
  id: string,
  frequency: Frequency,
  topics: string[],
  now: string,
): Promise<void> {
  await updateSubscriber(db, id, {
    status: "active",
    frequency,
    topics: topicsJson(topics),
    pending_frequency: null,
    pending_topics: null,
    confirm_nonce: null,
    confirmed_at: now,
    unsubscribed_at: null,
    hard_bounces: 0,
    last_bounce: null,
    updated_at: now,
  });
}
