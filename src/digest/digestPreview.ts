// `papertide digest preview`: the next digest one subscriber would get, built exactly as the
// scheduler and sender would (same pool, same template, same links), without storing anything.
import { latestDay } from "../lists/listing.ts";
import { normalizeEmail } from "../mail/emailAddress.ts";
import type { MailMessage } from "../mail/message.ts";
import { savedSearchesOfUser } from "../store/savedSearches.ts";
import { getSubscriberByEmailKey, type Subscriber } from "../store/subscribers.ts";
import { getUser } from "../store/users.ts";
import { type DigestDeps, SITE_NAME } from "./deps.ts";
import { PeriodPool } from "./digestBuilder.ts";
import { digestMessageId, personalizeDigest } from "./digestMessage.ts";
import { type DigestPeriod, nextPeriod, periodOnOrAfter } from "./periods.ts";
import { PersonalBuilder, type PersonalContent } from "./personal.ts";
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
  const nowMs = opts.nowMs ?? deps.clock.now().getTime();
  const hour = deps.digest.hour;
  const period = opts.day
    ? periodOnOrAfter(subscriber.frequency, opts.day, hour)
    : nextPeriod(subscriber.frequency, nowMs, hour);
  const pool = await PeriodPool.load(deps.store.db, deps.config, period, nowMs);
  const content = pool.edition(subscriber.topics);
  // A subscription of an account: the picks and saved searches the build would add (nothing is
  // recorded, so the real digest will carry the same papers).
  let personal: PersonalContent | null = null;
  if (subscriber.userId) {
    const searches = await savedSearchesOfUser(deps.store.db, subscriber.userId);
    if (subscriber.picks !== "off" || searches.length > 0) {
      const user = await getUser(deps.store.db, subscriber.userId);
      const builder = await PersonalBuilder.load(deps, period);
      const part = await builder.build(subscriber, user?.categories ?? [], searches, content);
      personal = part.digest;
      if (part.alertsOnly)
        personal = {
          ...(personal ?? emptyPersonal(subscriber, period)),
          alerts: [...(personal?.alerts ?? []), ...part.alertsOnly.alerts],
        };
    }
  }
  const hasPersonal = !!personal && (personal.picks.length > 0 || personal.alerts.length > 0);
  if (!content && !hasPersonal) {
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
  const edition = content ?? {
    version: 1 as const,
    period,
    topics: subscriber.topics,
    top: [],
    trending: [],
  };
  const compiled = renderDigest(edition, { siteName: SITE_NAME, links: deps.links }, personal);
  const message = personalizeDigest(
    compiled,
    subscriber,
    digestMessageId(subscriber.id, period.key, deps.mail.fromAddress),
    deps.links,
  );
  return { ok: true, subscriber, period, message };
}

function emptyPersonal(subscriber: Subscriber, period: DigestPeriod): PersonalContent {
  return {
    version: 1,
    period,
    topics: subscriber.topics,
    picks: [],
    alerts: [],
    trending: subscriber.picks !== "only",
  };
}
