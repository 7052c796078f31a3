// Sign-up: anyone may ask for digests with just an address. Nothing is sent to the address but a
// confirmation mail (double opt-in); the subscription starts when its link is followed.
// Asking again re-sends the confirmation (same link while it is valid), at most once every
// CONFIRM_MIN_INTERVAL_MS and CONFIRM_MAX_PER_DAY times a day per address, so the form cannot be
// used to flood someone's inbox. The answer never tells whether an address is already subscribed.
import { randomBytes } from "node:crypto";
import { normalizeEmail } from "../mail/emailAddress.ts";
import type { MailMessage } from "../mail/message.ts";
import { deriveMessageId } from "../mail/messageId.ts";
import { messagePayload } from "../mail/messagePayload.ts";
import { enqueueOutbox } from "../store/outbox.ts";
import {
  getSubscriberByEmailKey,
  insertSubscriber,
  topicsJson,
  updateSubscriber,
} from "../store/subscribers.ts";
import { type DigestDeps, SITE_NAME } from "./deps.ts";
import { renderConfirmEmail } from "./templates/confirmEmail.ts";
import { parseFrequency, parseTopics } from "./topics.ts";

export const CONFIRM_VALID_DAYS = 7;
export const CONFIRM_MIN_INTERVAL_MS = 2 * 60_000;
export const CONFIRM_MAX_PER_DAY = 5;

export interface SubscribeInput {
  email: unknown;
  frequency?: unknown;
  topics?: unknown;
}

export type SubscribeOutcome =
  | { ok: true; email: string; confirmationQueued: boolean }
  | { ok: false; field: "email" | "frequency" | "topics"; message: string };

export async function requestSubscription(
  deps: DigestDeps,
  input: SubscribeInput,
  nowMs = deps.clock.now().getTime(),
): Promise<SubscribeOutcome> {
  const address = normalizeEmail(input.email);
  if (!address.ok) return { ok: false, field: "email", message: address.reason };
  const frequency = parseFrequency(input.frequency);
  if (!frequency.ok) return { ok: false, field: "frequency", message: frequency.message };
  const topics = parseTopics(input.topics, deps.config);
  if (!topics.ok) return { ok: false, field: "topics", message: topics.message };
  const now = new Date(nowMs).toISOString();

  const queued = await deps.store.db.transaction().execute(async (trx) => {
    await insertSubscriber(trx, {
      id: randomBytes(12).toString("base64url"),
      email: address.email,
      emailKey: address.key,
      status: "pending",
      frequency: frequency.value,
      topics: topics.value,
      now,
    });
    const s = await getSubscriberByEmailKey(trx, address.key);
    if (!s) throw new Error("subscriber vanished inside its transaction");

    // Throttle: a rolling day window with a cap, and a minimum spacing.
    const windowFresh = s.confirmWindowStart && nowMs - Date.parse(s.confirmWindowStart) < 86_400_000;
    const sentInWindow = windowFresh ? s.confirmWindowCount : 0;
    const tooSoon = s.confirmSentAt !== null && nowMs - Date.parse(s.confirmSentAt) < CONFIRM_MIN_INTERVAL_MS;
    const expired =
      !s.confirmRequestedAt || nowMs - Date.parse(s.confirmRequestedAt) > CONFIRM_VALID_DAYS * 86_400_000;
    const nonce = !s.confirmNonce || expired ? randomBytes(12).toString("base64url") : s.confirmNonce;
    const send = !tooSoon && sentInWindow < CONFIRM_MAX_PER_DAY;
    await updateSubscriber(trx, s.id, {
      pending_frequency: frequency.value,
      pending_topics: topicsJson(topics.value),
      confirm_nonce: nonce,
      confirm_requested_at: now,
      updated_at: now,
      ...(send
        ? {
            confirm_sent_at: now,
            confirm_window_start: windowFresh ? s.confirmWindowStart : now,
            confirm_window_count: sentInWindow + 1,
          }
        : {}),
    });
    if (!send) return false;
    const mail = renderConfirmEmail({
      siteName: SITE_NAME,
      siteUrl: deps.links.home(),
      email: s.email,
      confirmUrl: deps.links.confirm(s.id, nonce),
      frequency: frequency.value,
      topics: topics.value,
      validDays: CONFIRM_VALID_DAYS,
    });
    const period = `confirm:${now}`;
    const message: MailMessage = {
      to: s.email,
      ...mail,
      messageId: deriveMessageId(["confirm", s.id, period], deps.mail.fromAddress),
      headers: { "Auto-Submitted": "auto-generated" },
    };
    await enqueueOutbox(
      trx,
      [
        {
          id: `${s.id}:${period}`,
          subscriberId: s.id,
          period,
          kind: "message",
          recipient: s.email,
          payload: messagePayload(message),
          messageId: message.messageId,
        },
      ],
      now,
    );
    return true;
  });
  if (queued) deps.outbox.notify();
  return { ok: true, email: address.email, confirmationQueued: queued };
}
