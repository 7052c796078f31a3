// The outbox renderer for "digest" rows: the edition (rendered once and cached) filled in for
// the row's subscriber. A subscriber who left after the row was enqueued gets nothing.
import type { OutboxRenderer, RenderOutcome } from "../mail/outboxSender.ts";
import { getEdition } from "../store/digestEditions.ts";
import type { OutboxItem } from "../store/outbox.ts";
import { getSubscriber } from "../store/subscribers.ts";
import { type DigestDeps, SITE_NAME } from "./deps.ts";
import { personalizeDigest } from "./digestMessage.ts";
import type { EditionContent } from "./edition.ts";
import { type CompiledDigest, renderDigest } from "./templates/digestEmail.ts";

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
    if (!item.subscriberId || !item.editionId) return { skip: "digest row without subscriber or edition" };
    const subscriber = await getSubscriber(deps.store.db, item.subscriberId);
    if (subscriber?.status !== "active") return { skip: `subscriber is ${subscriber?.status ?? "gone"}` };
    const digest = await compiled(item.editionId);
    if (!digest) return { skip: "edition no longer stored" };
    return { message: personalizeDigest(digest, subscriber, item.messageId, deps.links) };
  };
}
