// `papertide digest preview`: the next digest one subscriber would get, built exactly as the
// scheduler and sender would (same pool, same template, same links), without storing anything.
import { latestDay } from "../feed/listing.ts";
import type { MailMessage } from "../mail/message.ts";
import { normalizeEmail } from "../mail/emailAddress.ts";
import { getSubscriberByEmailKey, type Subscriber } from "../store/subscribers.ts";
import { type DigestDeps, SITE_NAME } from "./deps.ts";
import { PeriodPool } from "./digestBuilder.ts";
import { digestMessageId, personalizeDigest } from "./digestMessage.ts";
import { type DigestPeriod, nextPeriod, periodOnOrAfter } from "./periods.ts";
import { renderDigest } from "./templates/digestEmail.ts";

export type PreviewOutcome =
  | { ok: true; subscriber: Subscriber; period: DigestPeriod; message: MailMessage }
  | { ok: false; reason: "bad-email" | "not-found"; message: string }
  | {
      ok: false;
      reason: "empty";
      subscriber: Subscriber;
      period: DigestPeriod;
      latestDay: string | null;
      message: string;
    };

export async function previewDigest(
  deps: DigestDeps,
  email: string,
  opts: { day?: string; nowMs?: number } = {},
): Promise<PreviewOutcome> {
  const address = normalizeEmail(email);
  if (!address.ok) return { ok: false, reason: "bad-email", message: address.reason };
  const subscriber = await getSubscriberByEmailKey(deps.store.db, address.key);
  if (!subscriber) return { ok: false, reason: "not-found", message: `${address.email} has not subscribed` };
  const nowMs = opts.nowMs ?? Date.now();
  const hour = deps.digest.hour;
  const period = opts.day
    ? periodOnOrAfter(subscriber.frequency, opts.day, hour)
    : nextPeriod(subscriber.frequency, nowMs, hour);
  const pool = await PeriodPool.load(deps.store.db, deps.config, period, nowMs);
  const content = pool.edition(subscriber.topics);
  if (!content) {
    const latest = await latestDay(deps.store.db, deps.config.categories);
    return {
      ok: false,
      reason: "empty",
      subscriber,
      period,
      latestDay: latest,
      message: `nothing is listed for ${period.from}..${period.to} in the subscriber's topics, so no mail would be sent`,
    };
  }
  const compiled = renderDigest(content, { siteName: SITE_NAME, links: deps.links });
  const message = personalizeDigest(
    compiled,
    subscriber,
    digestMessageId(subscriber.id, period.key, deps.mail.fromAddress),
    deps.links,
  );
  return { ok: true, subscriber, period, message };
}
