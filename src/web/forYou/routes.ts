// GET /for-you (signed-in readers), POST /for-you/categories, /for-you/examples and
// /for-you/not-interested (CSRF-checked, rate limited per account like the other community writes).
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../app/context.ts";
import { signedInFormRoute } from "../http/formRoute.ts";
import { perPoster } from "../http/forms.ts";
import {
  chooseCategories,
  chooseExample,
  type ForYouRequest,
  notInterested,
  showForYou,
} from "./forYouHandlers.tsx";

export function registerForYouRoutes(app: FastifyInstance, ctx: AppContext): void {
  const deps = { ctx, accounts: app.accountDeps, site: { baseUrl: ctx.config.baseUrl } };
  const limited = {
    rateLimit: { max: 60, timeWindow: 60_000, keyGenerator: perPoster },
    back: () => "/for-you",
  };
  // Ranks the reader's candidates (and searches `find`): an expensive page (expensiveRoutes.ts).
  app.get("/for-you", app.expensive.page(), (req: ForYouRequest, reply) => showForYou(deps, req, reply));
  app.post(
    "/for-you/categories",
    signedInFormRoute(app, limited, (f) => chooseCategories(deps, f)),
  );
  app.post(
    "/for-you/examples",
    signedInFormRoute(app, limited, (f) => chooseExample(deps, f)),
  );
  app.post(
    "/for-you/not-interested",
    signedInFormRoute(app, limited, (f) => notInterested(deps, f)),
  );
}
