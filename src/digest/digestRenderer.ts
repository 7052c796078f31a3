// The outbox renderer for "digest" rows: the edition (rendered once and cached) filled in for
// the row's subscriber. A subscriber who left after the row was enqueued gets nothing.
import type { OutboxRenderer, RenderOutcome } from "../mail/outboxSender.ts";
import { getEdition } from "../store/digestEditions.ts";
import type { OutboxItem } from "../store/outbox.ts";
import { getSubscriber } from "../store/subscribers.ts";
import { type DigestDeps, SITE_NAME } from "./deps.ts";
import { personalizeDigest, safeHost } from "./digestMessage.ts";
import type { EditionContent } from "./edition.ts";
import type { AlertsContent, PersonalContent } from "./personal.ts";
import { type CompiledDigest, renderAlerts, renderDigest } from "./templates/digestEmail.ts";

const CACHE_LIMIT = 2_000;

export function createDigestRenderer(deps: DigestDeps): OutboxRenderer {
  const cache = new Map<string, CompiledDigest>();
  const compiled = async (editionId: string): Promise<CompiledDigest | null> => {
    const hit = cache.get(editionId);
    if (hit) return hit;
    const stored = await getEdition(deps.store.db, editionId);
    if (!stored) return null;
    const result = renderDigest(JSON.parse(stored.content) as EditionContent, {
      siteName: SITE_NAME,
      links: deps.links,
    });
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(editionId, result);
    return result;
  };
  return async (item: OutboxItem): Promise<RenderOutcome> => {
    if (!item.subscriberId) return { skip: "digest row without subscriber" };
    if (!item.editionId && !item.payload) return { skip: "digest row without edition" };
    const subscriber = await getSubscriber(deps.store.db, item.subscriberId);
    if (subscriber?.status !== "active") return { skip: `subscriber is ${subscriber?.status ?? "gone"}` };
    if (!item.payload) {
      const digest = await compiled(item.editionId as string);
      if (!digest) return { skip: "edition no longer stored" };
      return { message: personalizeDigest(digest, subscriber, item.messageId, deps.links) };
    }
    // A personal digest (picks, saved searches): rendered for this row alone.
    const personal = JSON.parse(item.payload) as PersonalContent;
    let edition: EditionContent = {
      v: 1,
      period: personal.period,
      topics: personal.topics,
      top: [],
      trending: [],
    };
    if (item.editionId) {
      const stored = await getEdition(deps.store.db, item.editionId);
      if (!stored) return { skip: "edition no longer stored" };
      edition = JSON.parse(stored.content) as EditionContent;
    }
    const digest = renderDigest(edition, { siteName: SITE_NAME, links: deps.links }, personal);
    return { message: personalizeDigest(digest, subscriber, item.messageId, deps.links) };
  };
}

/** The outbox renderer for "alerts" rows: saved searches a reader gets on their own. */
export function createAlertsRenderer(deps: DigestDeps): OutboxRenderer {
  return async (item: OutboxItem): Promise<RenderOutcome> => {
    if (!item.subscriberId || !item.payload) return { skip: "alert row without subscriber or content" };
    const subscriber = await getSubscriber(deps.store.db, item.subscriberId);
    if (subscriber?.status !== "active") return { skip: `subscriber is ${subscriber?.status ?? "gone"}` };
    const mail = renderAlerts(JSON.parse(item.payload) as AlertsContent, {
      siteName: SITE_NAME,
      links: deps.links,
    });
    const message = personalizeDigest(mail, subscriber, item.messageId, deps.links);
    return { message: { ...message, headers: { ...message.headers, "List-Id": alertsListId(deps) } } };
  };
}

function alertsListId(deps: DigestDeps): string {
  return `Papertide search alerts <alerts.${safeHost(deps.links.home())}>`;
}
