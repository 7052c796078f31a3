// The server-rendered HTML pages.
import type { FastifyInstance } from "fastify";
import type { AppServices } from "../../app/services.ts";
import { registerAccountRoutes } from "../accounts/routes.ts";
import { registerAdminRoutes } from "../admin/routes.tsx";
import { registerAuthorRoutes } from "../authors/routes.tsx";
import { registerCategoryRoutes } from "../categories/routes.tsx";
import { registerCollectionRoutes } from "../collections/routes.ts";
import { registerCommentRoutes, registerCommunityRoutes } from "../community/routes.ts";
import { registerDigestRoutes } from "../digest/routes.ts";
import { registerFeedRoutes as registerSyndicationFeeds } from "../feeds/routes.ts";
import { registerForYouRoutes } from "../forYou/routes.ts";
import { registerListRoutes } from "../lists/routes.ts";
import { registerPaperRoutes } from "../paper/routes.tsx";
import { registerProfileRoutes } from "../profiles/routes.tsx";
import { registerSearchRoutes } from "../search/routes.tsx";

export async function registerWeb(app: FastifyInstance, ctx: AppServices): Promise<void> {
  registerListRoutes(app, ctx);
  registerPaperRoutes(app, ctx);
  registerSearchRoutes(app, ctx);
  registerAccountRoutes(app, ctx);
  registerCommunityRoutes(app, ctx);
  registerCommentRoutes(app, ctx);
  registerCollectionRoutes(app, ctx);
  registerProfileRoutes(app, ctx);
  registerAuthorRoutes(app, ctx);
  registerCategoryRoutes(app, ctx);
  registerForYouRoutes(app, ctx);
  // The instance's status for its admins (syncs, background jobs, the outbox).
  registerAdminRoutes(app, ctx);
  // Subscribing to digests (POST /subscribe, confirm, manage, one-click unsubscribe).
  await registerDigestRoutes(app, ctx, ctx.digest);
  // RSS, Atom and JSON Feed under /feeds/.
  await registerSyndicationFeeds(app, ctx);
}
