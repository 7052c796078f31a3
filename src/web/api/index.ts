// The public JSON API under /api, its OpenAPI document and docs page, /healthz and /readyz.
import type { FastifyInstance } from "fastify";
import type { AppServices } from "../../app/services.ts";
import { installCors } from "./cors.ts";
import { installApiErrorHandlers } from "./errors.ts";
import { registerOpenApi } from "./openapi.ts";
import { installApiRateLimit } from "./rateLimit.ts";
import { authorsAndCategoriesRoutes } from "./routes/authorsAndCategories.ts";
import { dailyPapersRoutes } from "./routes/dailyPapers.ts";
import { healthRoutes } from "./routes/health.ts";
import { papersRoutes } from "./routes/papers.ts";
import { searchRoutes } from "./routes/search.ts";
import { sharedSchemas } from "./schemas.ts";

export async function registerApi(app: FastifyInstance, ctx: AppServices): Promise<void> {
  for (const schema of sharedSchemas) app.addSchema(schema);
  // Before any route: @fastify/swagger collects routes as they are added.
  await registerOpenApi(app);
  await app.register(async (scope) => healthRoutes(scope, ctx));
  // One encapsulated scope for /api: its error and 404 handlers, CORS and rate limit stay inside.
  await app.register(
    async (api) => {
      installApiErrorHandlers(api);
      installCors(api);
      installApiRateLimit(api, ctx.config.apiRateLimit);
      await dailyPapersRoutes(api, ctx);
      await papersRoutes(api, ctx);
      await searchRoutes(api, ctx);
      await authorsAndCategoriesRoutes(api, ctx);
    },
    { prefix: "/api" },
  );
}
