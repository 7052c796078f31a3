// /feeds/category/<category>.<format>: the newest papers of one arXiv category, newest first (the
// category's page orders its lists by the community's picks instead; a feed reader shows entries
// as they arrive, and the page's order changes with every upvote, so the feed keeps the order of
// publication). The same papers as the page's lists of those days.
import type { FastifyReply, FastifyRequest } from "fastify";
import { latestCategoryDay, listCategory } from "../../lists/categoryList.ts";
import { addDays } from "../../lists/periods.ts";
import { categoryName, categoryPath } from "../../model/arxivCategories.ts";
import { HttpError } from "../http/httpError.ts";
import { type FeedKind, feedTitle } from "./feedLinks.ts";
import { answerFeed, FEED_LIMITS, type FeedDeps, splitFile } from "./feedReply.ts";

/** Days of newest papers a category feed covers (ending at the newest list day). */
export const CATEGORY_DAYS = 7;

export type CategoryFeedRequest = FastifyRequest<{ Params: { file: string } }>;

export function categoryFeed(
  deps: FeedDeps,
  req: CategoryFeedRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const { ctx, send, urls } = deps;
  return answerFeed(reply, async () => {
    const { name: category, format } = splitFile(req.params.file);
    const name = categoryName(category);
    if (!name) throw new HttpError("not-found", "Not an arXiv category (like cs.LG)");
    const latest = await latestCategoryDay(ctx.store.db, category);
    const papers = latest
      ? (
          await listCategory(ctx.store.db, {
            category,
            period: { from: addDays(latest, -(CATEGORY_DAYS - 1)), to: latest },
            sort: "publishedAt",
            offset: 0,
            limit: FEED_LIMITS.category,
          })
        ).items.map((i) => i.paper)
      : [];
    const feed: FeedKind = { kind: "category", category };
    return send(
      req,
      reply,
      {
        pageUrl: `${ctx.config.baseUrl}${categoryPath(category)}`,
        feedUrls: urls(feed),
        title: feedTitle(feed),
        description: `The newest papers in ${category} (${name}).`,
        papers,
      },
      format,
    );
  });
}
