// /feeds/collection/<slug>.<format>: a public collection's newest additions; private collections
// do not exist for feeds (404).
import type { FastifyReply, FastifyRequest } from "fastify";
import { findCollection, itemsOf } from "../../store/collections.ts";
import { getPapers } from "../../store/papers.ts";
import { HttpError } from "../http/httpError.ts";
import { type FeedKind, feedTitle } from "./feedLinks.ts";
import { answerFeed, FEED_LIMITS, type FeedDeps, splitFile } from "./feedReply.ts";

export type CollectionFeedRequest = FastifyRequest<{ Params: { file: string } }>;

export function collectionFeed(
  deps: FeedDeps,
  req: CollectionFeedRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const { ctx, send, urls } = deps;
  return answerFeed(reply, async () => {
    const { name: slug, format } = splitFile(req.params.file);
    const c = slug.length <= 200 ? await findCollection(ctx.store.db, slug) : null;
    if (!c?.isPublic) throw new HttpError("not-found", "No such public collection");
    const items = (await itemsOf(ctx.store.db, c.id)).slice(0, FEED_LIMITS.collection);
    const papers = new Map(
      (
        await getPapers(
          ctx.store.db,
          items.map((i) => i.paperId),
        )
      ).map((p) => [p.id, p]),
    );
    const feed: FeedKind = { kind: "collection", slug: c.slug, name: c.name };
    return send(
      req,
      reply,
      {
        pageUrl: `${ctx.config.baseUrl}/c/${encodeURIComponent(c.slug)}`,
        feedUrls: urls(feed),
        title: feedTitle(feed),
        description: c.description || `Papers in the collection “${c.name}”, newest additions first.`,
        papers: items.flatMap((i) => papers.get(i.paperId) ?? []),
        itemDates: new Map(items.map((i) => [i.paperId, new Date(i.createdAt)])),
      },
      format,
    );
  });
}
