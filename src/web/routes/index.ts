// The server-rendered HTML pages.
import type { FastifyInstance } from "fastify";
import { registerAccountRoutes } from "../../accounts/routes.tsx";
import type { AppContext } from "../../app/context.ts";
import { registerCommentRoutes, registerCommunityRoutes } from "../../community/routes.tsx";
import { registerFeedRoutes } from "./feed.tsx";
import { registerPaperRoutes } from "./paper.tsx";
import { registerSearchRoutes } from "./search.tsx";
import { registerSubscribeRoutes } from "./subscribe.tsx";

export async function registerWeb(app: FastifyInstance, ctx: AppContext): Promise<void> {
  registerFeedRoutes(app, ctx);
  registerPaperRoutes(app, ctx);
  registerSearchRoutes(app, ctx);
  registerSubscribeRoutes(app, ctx);
  registerAccountRoutes(app, ctx);
  registerCommunityRoutes(app, ctx);
  registerCommentRoutes(app, ctx);
}
