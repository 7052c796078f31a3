// GET /for-you (signed-in readers), POST /for-you/categories and /for-you/examples (CSRF-checked,
// rate limited per account like the other community writes).
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AppContext } from "../../app/context.ts";
import { forYou } from "../../community/recommend/forYou.ts";
import { setCategories, setExamplePaper } from "../../community/recommend/interests.ts";
import { search } from "../../search/searchPapers.ts";
import { interestPaperIds } from "../../store/interests.ts";
import { getPapers } from "../../store/papers.ts";
import type { User } from "../../store/users.ts";
import { signedInFormRoute } from "../http/formRoute.ts";
import { perPoster, requireUser } from "../http/forms.ts";
import { sendPage } from "../http/render.ts";
import { ForYouPage } from "./ForYouPage.tsx";

export function registerForYouRoutes(app: FastifyInstance, ctx: AppContext): void {
  const deps = app.accountDeps;
  const site = { baseUrl: ctx.config.baseUrl };
  const limited = {
    rateLimit: { max: 60, timeWindow: 60_000, keyGenerator: perPoster },
    back: () => "/for-you",
  };

  const page = async (req: FastifyRequest, user: User, find: string, error?: string) => {
    const examples = await getPapers(ctx.store.db, await interestPaperIds(ctx.store.db, user.id));
    const found = find ? (await search(ctx.store, find, { limit: 8 })).map((h) => h.paper) : [];
    return (
      <ForYouPage
        site={site}
        csrf={req.viewer.csrfToken()}
        result={await forYou(deps, user)}
        examples={examples}
        find={find}
        found={found}
        error={error}
      />
    );
  };

  // Ranks the reader's candidates (and searches `find`): an expensive page (expensiveRoutes.ts).
  app.get<{ Querystring: { find?: string } }>("/for-you", app.expensive.page(), async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const find = typeof req.query.find === "string" ? req.query.find.slice(0, 200).trim() : "";
    reply.header("cache-control", "no-store");
    return sendPage(reply, 200, await page(req, user, find));
  });

  app.post(
    "/for-you/categories",
    signedInFormRoute(app, limited, async ({ req, fields: f, user, again, done }) => {
      const result = await setCategories(deps, user, [f.categories ?? ""]);
      if (!result.ok) return again(400, await page(req, user, "", result.message));
      return done("/for-you");
    }),
  );

  app.post(
    "/for-you/examples",
    signedInFormRoute(app, limited, async ({ req, fields: f, user, again, done }) => {
      const result = await setExamplePaper(deps, user, f.paper ?? "", f.value !== "0");
      if (!result.ok) return again(404, await page(req, user, "", result.message));
      return done("/for-you");
    }),
  );
}
