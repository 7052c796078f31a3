// The "manage" link of every digest: change frequency and topics, unsubscribe, or subscribe
// again, without an account. The signed link proves the mailbox, so changes apply at once.
import { getSubscriber, type Subscriber, topicsJson, updateSubscriber } from "../store/subscribers.ts";
import type { DigestDeps } from "./deps.ts";
import { activate } from "./subscriptionConfirmer.ts";
import { parseFrequency, parseTopics } from "./topics.ts";
import { setUnsubscribed } from "./unsubscriber.ts";

export async function findByManageToken(deps: DigestDeps, token: unknown): Promise<Subscriber | null> {
  const t = deps.signer.verify("manage", token);
  return t ? getSubscriber(deps.store.db, t.subscriberId) : null;
}

export type ManageAction = "update" | "unsubscribe" | "resubscribe";

export type ManageOutcome =
  | { ok: true; subscriber: Subscriber; action: ManageAction }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "input"; field: "frequency" | "topics" | "action"; message: string };

export async function manageSubscription(
  deps: DigestDeps,
  token: unknown,
  input: { action?: unknown; frequency?: unknown; topics?: unknown },
  nowMs = deps.clock.now().getTime(),
): Promise<ManageOutcome> {
  const s = await findByManageToken(deps, token);
  if (!s) return { ok: false, reason: "invalid" };
  const now = new Date(nowMs).toISOString();
  const action = input.action ?? "update";
  if (action === "unsubscribe") {
    await setUnsubscribed(deps.store.db, s, now);
  } else if (action === "update" || action === "resubscribe") {
    const frequency = parseFrequency(input.frequency, s.frequency);
    if (!frequency.ok) return { ok: false, reason: "input", field: "frequency", message: frequency.message };
    const topics =
      input.topics === undefined
        ? { ok: true as const, value: s.topics }
        : parseTopics(input.topics, deps.config);
    if (!topics.ok) return { ok: false, reason: "input", field: "topics", message: topics.message };
    if (action === "resubscribe") {
      await activate(deps.store.db, s.id, frequency.value, topics.value, now);
    } else {
      // Kept whatever the status: an unsubscribed reader's choice applies if they come back.
      await updateSubscriber(deps.store.db, s.id, {
        frequency: frequency.value,
        topics: topicsJson(topics.value),
        updated_at: now,
      });
    }
  } else {
    return { ok: false, reason: "input", field: "action", message: "Unknown action." };
  }
  return {
    ok: true,
    subscriber: (await getSubscriber(deps.store.db, s.id)) as Subscriber,
    action: action as ManageAction,
  };
}
