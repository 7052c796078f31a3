// GET /authors/<name> (the author page, ?p= for later pages) and POST /authors/<name>/follow.
// Unknown names are the 404 page; the page is cached for anonymous readers like the lists.
import type { FastifyInstance } from "fastify";
import type { AppServices } from "../../app/services.ts";
import { loadAuthorPage, setFollow } from "../../community/authors.ts";
import { authorPath } from "../../model/authorName.ts";
import { isFollowing } from "../../store/authors.ts";
import { signedInFormRoute } from "../http/formRoute.ts";
import { HttpError } from "../http/httpError.ts";
import { checkPageInRange, parsePageParam, queryValue } from "../http/params.ts";
import { sendPage } from "../http/render.ts";
import { withPage } from "../urls.ts";
import { AUTHOR_PAGE_SIZE, AuthorPage } from "./AuthorPage.tsx";

type NameRequest = { Params: { name: string } };

function noSuchAuthor(name: string): HttpError {
  return new HttpError("not-found", "No paper on this instance names this author.", {
    title: "Author not found",
    path: authorPath(name.slice(0, 100)),
  });
}

export function registerAuthorRoutes(app: FastifyInstance, ctx: AppServices): void {
  const db = ctx.store.db;
  const site = { baseUrl: ctx.config.baseUrl };
  app.get<NameRequest>("/authors/:name", { config: { cache: true } }, async (req, reply) => {
    const page = parsePageParam(queryValue(req.query, "p"));
    const data = await loadAuthorPage(db, req.params.name, page * AUTHOR_PAGE_SIZE, AUTHOR_PAGE_SIZE);
    if (!data) throw noSuchAuthor(req.params.name);
    checkPageInRange(page, data.author.papers, AUTHOR_PAGE_SIZE);
    // One address per author: another spelling of the same key goes to the usual one.
    if (req.params.name !== data.author.name)
      return reply.redirect(withPage(authorPath(data.author.name), page), 301);
    const user = req.viewer.user;
    const follow = user
      ? { following: await isFollowing(db, user.id, data.author.key), csrf: req.viewer.csrfToken() }
      : null;
    return sendPage(reply, 200, <AuthorPage site={site} data={data} page={page} follow={follow} />);
  });
  app.post<NameRequest>(
    "/authors/:name/follow",
    signedInFormRoute<NameRequest["Params"]>(
      app,
      {
        rateLimit: { max: 60, timeWindow: 60_000 },
        back: (_f, req) => authorPath((req.params as NameRequest["Params"]).name),
      },
      async ({ req, fields, user, done }) => {
        const result = await setFollow(
          { db, clock: ctx.clock },
          user.id,
          req.params.name,
          fields.follow !== "0",
        );
        if (!result.ok) throw noSuchAuthor(req.params.name);
        return done(authorPath(result.name));
      },
    ),
  );
}
