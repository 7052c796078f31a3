// /feeds/search.<format>?q=: a full-text query per request, so it draws on the expensive pages'
// per-client budget and concurrency gate (src/web/http/expensiveRoutes.ts).
import type { FastifyReply, FastifyRequest } from "fastify";
import { searchPapers } from "../../search/searchPapers.ts";
import { HttpError } from "../http/httpError.ts";
import { type FeedFormat, type FeedKind, feedTitle } from "./feedLinks.ts";
import { answerFeed, FEED_LIMITS, type FeedDeps } from "./feedReply.ts";

export type SearchFeedRequest = FastifyRequest<{ Querystring: { q?: string } }>;

export function searchFeed(
  deps: FeedDeps,
  format: FeedFormat,
  req: SearchFeedRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const { ctx, send, urls } = deps;
  return answerFeed(reply, async () => {
    const q = typeof req.query.q === "string" ? req.query.q.trim() : "";
    if (q === "" || q.length > 200)
      throw new HttpError("bad-request", "Give a search query in ?q= (1 to 200 characters)");
    const hits = await searchPapers(ctx.search, q, FEED_LIMITS.search);
    const feed: FeedKind = { kind: "search", q };
    return send(
      req,
      reply,
      {
        pageUrl: `${ctx.config.baseUrl}/search?q=${encodeURIComponent(q)}`,
        feedUrls: urls(feed),
        title: feedTitle(feed),
        description: `Papers matching “${q}”, best first.`,
        papers: hits.map((h) => h.paper),
      },
      format,
    );
  });
}
