// The outbox renderer for "digest" rows: the edition (rendered once and cached) filled in for
// the row's subscriber. A subscriber who left after the row was enqueued gets nothing. Stored
// editions and payloads are checked as they are read (storedContent.ts): one that cannot be read
// fails its row.
import type { OutboxRenderer, RenderOutcome } from "../mail/outboxSender.ts";
import { getEdition } from "../store/digestEditions.ts";
import type { OutboxItem } from "../store/outbox.ts";
import { getSubscriber } from "../store/subscribers.ts";
import { type DigestDeps, SITE_NAME } from "./deps.ts";
import { alertsList, personalizeDigest } from "./digestMessage.ts";
import type { EditionContent } from "./edition.ts";
import { readAlertsContent, readEditionContent, readPersonalContent } from "./storedContent.ts";
import { type CompiledDigest, renderAlerts, renderDigest } from "./templates/digestEmail.ts";

const CACHE_LIMIT = 2_000;

export function createDigestRenderer(deps: DigestDeps): OutboxRenderer {
  const cache = new Map<string, CompiledDigest>();
  // Personal digests embed their edition's papers: the parsed edition is shared by all its rows.
  const contents = new Map<string, EditionContent>();
  const content = async (editionId: string, item: OutboxItem): Promise<EditionContent | null> => {
    const hit = contents.get(editionId);
    if (hit) return hit;
    const stored = await getEdition(deps.store.db, editionId);
    if (!stored) return null;
    const parsed = readEditionContent(stored.content, `outbox row ${item.id}: digest edition ${editionId}`);
    remember(contents, editionId, parsed);
    return parsed;
  };
  const compiled = async (editionId: string, item: OutboxItem): Promise<CompiledDigest | null> => {
    const hit = cache.get(editionId);
    if (hit) return hit;
    const edition = await content(editionId, item);
    if (!edition) return null;
    const result = renderDigest(edition, { siteName: SITE_NAME, links: deps.links });
    remember(cache, editionId, result);
    return result;
  };
  return async (item: OutboxItem): Promise<RenderOutcome> => {
    if (!item.subscriberId) return { skip: "digest row without subscriber" };
    if (!item.editionId && !item.payload) return { skip: "digest row without edition" };
    const subscriber = await getSubscriber(deps.store.db, item.subscriberId);
    if (subscriber?.status !== "active") return { skip: `subscriber is ${subscriber?.status ?? "gone"}` };
    if (!item.payload) {
      const digest = await compiled(item.editionId as string, item);
      if (!digest) return { skip: "edition no longer stored" };
      return { message: personalizeDigest(digest, subscriber, item.messageId, deps.links) };
    }
    // A personal digest (picks, saved searches): rendered for this row alone.
    const personal = readPersonalContent(item.payload, `outbox row ${item.id}`);
    let edition: EditionContent = {
      version: 1,
      period: personal.period,
      topics: personal.topics,
      top: [],
      trending: [],
    };
    if (item.editionId) {
      const stored = await content(item.editionId, item);
      if (!stored) return { skip: "edition no longer stored" };
      edition = stored;
    }
    const digest = renderDigest(edition, { siteName: SITE_NAME, links: deps.links }, personal);
    return { message: personalizeDigest(digest, subscriber, item.messageId, deps.links) };
  };
}

/** Keeps at most CACHE_LIMIT entries, dropping the oldest (editions of one period come in runs). */
function remember<T>(cache: Map<string, T>, key: string, value: T): void {
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
}

/** The outbox renderer for "alerts" rows: saved searches a reader gets on their own. */
export function createAlertsRenderer(deps: DigestDeps): OutboxRenderer {
  return async (item: OutboxItem): Promise<RenderOutcome> => {
    if (!item.subscriberId || !item.payload) return { skip: "alert row without subscriber or content" };
    const subscriber = await getSubscriber(deps.store.db, item.subscriberId);
    if (subscriber?.status !== "active") return { skip: `subscriber is ${subscriber?.status ?? "gone"}` };
    const mail = renderAlerts(readAlertsContent(item.payload, `outbox row ${item.id}`), {
      siteName: SITE_NAME,
      links: deps.links,
    });
    return {
      message: personalizeDigest(
        mail,
        subscriber,
        item.messageId,
        deps.links,
        alertsList(subscriber, deps.links),
      ),
    };
  };
}
