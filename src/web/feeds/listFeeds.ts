// The lists as feeds: /feeds/daily.<format> (the newest day, by upvotes) and
// /feeds/trending.<format>.
import type { FastifyReply, FastifyRequest } from "fastify";
import { latestDay, listTrending, referenceNow } from "../../lists/listing.ts";
import { HttpError } from "../http/httpError.ts";
import { type FeedKind, feedTitle } from "./feedLinks.ts";
import { answerFeed, FEED_LIMITS, type FeedDeps, rangePapers, splitFile } from "./feedReply.ts";

export type ListFeedRequest = FastifyRequest<{ Params: { file: string } }>;

export function listFeed(deps: FeedDeps, req: ListFeedRequest, reply: FastifyReply): Promise<FastifyReply> {
  const { ctx, send, urls } = deps;
  const { config, store } = ctx;
  const base = config.baseUrl;
  return answerFeed(reply, async () => {
    const { name, format } = splitFile(req.params.file);
    if (name === "daily") {
      const day = await latestDay(store.db, config.categories);
      const papers = day
        ? await rangePapers(ctx, day, day, config.categories, "upvotes", FEED_LIMITS.daily)
        : [];
      const feed: FeedKind = { kind: "daily" };
      return send(
        req,
        reply,
        {
          pageUrl: `${base}/`,
          feedUrls: urls(feed),
          title: feedTitle(feed),
          description: day ? `Papers of ${day}, ranked by community upvotes.` : "No papers yet.",
          papers,
        },
        format,
      );
    }
    if (name === "trending") {
      const page = await listTrending(store.db, {
        now: await referenceNow(store.db, config.categories, ctx.clock.now().getTime()),
        categories: config.categories,
        offset: 0,
        limit: FEED_LIMITS.trending,
      });
      const feed: FeedKind = { kind: "trending" };
      return send(
        req,
        reply,
        {
          pageUrl: `${base}/trending`,
          feedUrls: urls(feed),
          title: feedTitle(feed),
          description: "Papers of the last 30 days, by upvotes with time decay.",
          papers: page.items.map((i) => i.paper),
        },
        format,
      );
    }
    throw new HttpError("not-found", "No such feed: try daily, trending, search or category/<category>");
  });
}
