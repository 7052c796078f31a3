// GET /api/papers/search: plain full-text search. The ranking lives in src/search; this route
// only validates, calls it and presents hits like /api/papers/{id}, plus their score.
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../app/context.ts";
import { searchPapers } from "../../search/fulltext.ts";
import { presentPapers } from "../presenters/paper.ts";
import { searchRoute } from "../schemas.ts";

interface SearchQuery {
  q: string;
  limit: number;
}

export async function searchRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get<{ Querystring: SearchQuery }>("/papers/search", { schema: searchRoute }, async (req) => {
    const hits = await searchPapers(ctx.store, req.query.q, req.query.limit);
    const papers = await presentPapers(
      ctx.store.db,
      hits.map((h) => h.paper),
      ctx.config.baseUrl,
    );
    return papers.map((paper, i) => ({ ...paper, score: hits[i].score }));
  });
}
