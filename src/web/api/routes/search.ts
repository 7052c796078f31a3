// GET /api/papers/search: full-text search, and GET /api/papers/suggest: author and title
// suggestions for a search box. The ranking lives in src/search; these routes only validate, call
// it and present hits like /api/papers/{id} (plus their score).
import type { FastifyInstance } from "fastify";
import type { AppServices } from "../../../app/services.ts";
import { searchPapers } from "../../../search/searchPapers.ts";
import { authorPath } from "../../../model/authorName.ts";
import { MAX_AUTHOR_SUGGESTIONS, suggestAuthors, suggestTitles } from "../../../search/suggest.ts";
import { paperPath } from "../../urls.ts";
import { validationErrorWithLimit } from "../limitErrors.ts";
import { presentPapers } from "../presenters/paper.ts";
import { MAX_SUGGEST_LIMIT, searchRoute, suggestRoute } from "../schemas.ts";

interface SearchQuery {
  q: string;
  limit: number;
}

/** Authors a suggestion carries: enough to tell two papers of the same title apart. */
const SUGGESTION_AUTHORS = 3;

export async function searchRoutes(app: FastifyInstance, ctx: AppServices): Promise<void> {
  // Both run through the concurrency gate of expensive requests (src/web/http/expensiveRoutes.ts);
  // the API's per-client budget (rateLimit.ts) already covers them.
  app.get<{ Querystring: SearchQuery }>(
    "/papers/search",
    { schema: searchRoute, ...app.expensive.api() },
    async (req) => {
      const hits = await searchPapers(ctx.search, req.query.q, req.query.limit);
      const papers = await presentPapers(
        ctx.store.db,
        hits.map((h) => h.paper),
        ctx.config.baseUrl,
      );
      return papers.map((paper, i) => ({ ...paper, score: hits[i].score }));
    },
  );

  // attachValidation: the limit's range differs from the lists', so its message is ours.
  app.get<{ Querystring: SearchQuery }>(
    "/papers/suggest",
    { schema: suggestRoute, attachValidation: true, ...app.expensive.api() },
    async (req, reply) => {
      if (req.validationError) throw validationErrorWithLimit(req.validationError, MAX_SUGGEST_LIMIT);
      const authors = await suggestAuthors(
        ctx.search,
        req.query.q,
        Math.min(MAX_AUTHOR_SUGGESTIONS, Math.max(0, req.query.limit - 1)),
      );
      const suggestions = await suggestTitles(ctx.search, req.query.q, req.query.limit - authors.length);
      // Typed prefixes repeat between visitors and keystrokes; a minute of caching anywhere is harmless.
      reply.header("cache-control", "public, max-age=60");
      const names = authors.map((a) => ({
        kind: "author" as const,
        name: a.name,
        papers: a.papers,
        url: `${ctx.config.baseUrl}${authorPath(a.name)}`,
      }));
      const titles = suggestions.map((s) => ({
        kind: "paper" as const,
        id: s.id,
        title: s.title,
        url: `${ctx.config.baseUrl}${paperPath(s.id)}`,
        authors: s.authors.slice(0, SUGGESTION_AUTHORS).map((name) => ({ name })),
        publishedAt: s.publishedAt,
      }));
      return [...names, ...titles];
    },
  );
}
