// /feeds/category/<category>.<format>: the newest papers of one arXiv category.
import type { FastifyReply, FastifyRequest } from "fastify";
import { latestDay } from "../../lists/listing.ts";
import { addDays } from "../../lists/periods.ts";
import { categoryName, categoryPath } from "../../model/arxivCategories.ts";
import { HttpError } from "../http/httpError.ts";
import { type FeedKind, feedTitle } from "./feedLinks.ts";
import { answerFeed, FEED_LIMITS, type FeedDeps, rangePapers, splitFile } from "./feedReply.ts";

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
    const latest = await latestDay(ctx.store.db, [category]);
    const papers = latest
      ? await rangePapers(
          ctx,
          addDays(latest, -(CATEGORY_DAYS - 1)),
          latest,
          [category],
          "publishedAt",
          FEED_LIMITS.category,
        )
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
        papers: papers.filter((p) => p.categories.includes(category)),
      },
      format,
    );
  });
}
