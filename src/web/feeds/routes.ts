// RSS, Atom and JSON Feed under /feeds/ (see feedLinks.ts for the URLs; feedReply.ts for what
// every answer shares). One file per kind of feed.
import type { FastifyInstance } from "fastify";
import type { AppServices } from "../../app/services.ts";
import { type AuthorFeedRequest, authorFeed } from "./authorFeed.ts";
import { type CategoryFeedRequest, categoryFeed } from "./categoryFeed.ts";
import { type CollectionFeedRequest, collectionFeed } from "./collectionFeed.ts";
import { FEED_FORMATS } from "./feedLinks.ts";
import { feedDeps } from "./feedReply.ts";
import { type ListFeedRequest, listFeed } from "./listFeeds.ts";
import { type SearchFeedRequest, searchFeed } from "./searchFeed.ts";

export { CATEGORY_DAYS } from "./categoryFeed.ts";
export { FEED_LIMITS } from "./feedReply.ts";

export async function registerFeedRoutes(app: FastifyInstance, ctx: AppServices): Promise<void> {
  const deps = feedDeps(ctx);
  app.get("/feeds/:file", (req: ListFeedRequest, reply) => listFeed(deps, req, reply));
  // Static routes win over /feeds/:file in Fastify's router.
  for (const format of FEED_FORMATS) {
    app.get(`/feeds/search.${format}`, app.expensive.page(), (req: SearchFeedRequest, reply) =>
      searchFeed(deps, format, req, reply),
    );
  }
  app.get("/feeds/collection/:file", (req: CollectionFeedRequest, reply) => collectionFeed(deps, req, reply));
  app.get("/feeds/category/:file", (req: CategoryFeedRequest, reply) => categoryFeed(deps, req, reply));
  app.get("/feeds/author/:file", (req: AuthorFeedRequest, reply) => authorFeed(deps, req, reply));
}
