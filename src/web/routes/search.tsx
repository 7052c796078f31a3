// /search?q=: plain full-text search over titles, abstracts and authors.
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../app/context.ts";
import { searchPapers } from "../../search/fulltext.ts";
import { queryValue } from "../params.ts";
import { sendPage } from "../render.ts";
import { SearchPage } from "../views/SearchPage.tsx";

export const SEARCH_LIMIT = 30;
/** Longer queries are cut: nobody types more, and the engine's work grows with terms. */
const MAX_QUERY_LENGTH = 200;

export function registerSearchRoutes(app: FastifyInstance, ctx: AppContext): void {
  const site = { baseUrl: ctx.config.baseUrl };
  app.get("/search", async (req, reply) => {
    const query = (queryValue(req.query, "q") ?? "").trim().slice(0, MAX_QUERY_LENGTH);
    const hits = query ? await searchPapers(ctx.store, query, SEARCH_LIMIT) : [];
    return sendPage(reply, 200, <SearchPage site={site} query={query} hits={hits} limit={SEARCH_LIMIT} />);
  });
}
