// GET /api/papers/search: full-text search, and GET /api/papers/suggest: author and title
// suggestions for a search box. The ranking lives in src/search; these routes only validate, call
// it and present hits like /api/papers/{id} (plus their score).
import type { FastifyInstance } from "fastify";
import type { AppServices } from "../../../app/services.ts";
import { authorPath } from "../../../model/authorName.ts";
import { searchPage, statedCount } from "../../../search/searchPapers.ts";
import { MAX_AUTHOR_SUGGESTIONS, suggestAuthors, suggestTitles } from "../../../search/suggest.ts";
import { formFilters } from "../../search/routes.tsx";
import { paperPath } from "../../urls.ts";
import { invalidParameter } from "../errors.ts";
import { validationErrorWithLimit, validationErrorWithRules } from "../limitErrors.ts";
import { apiUrl, pageLinkHeader } from "../links.ts";
import { presentPapers } from "../presenters/paper.ts";
import {
  limitRule,
  MAX_LIMIT,
  MAX_SEARCH_RESULTS,
  MAX_SUGGEST_LIMIT,
  PAGE_RULE,
  PARAM_RULES,
  searchRoute,
  suggestRoute,
} from "../schemas.ts";

interface SearchQuery {
  q: string;
  limit: number;
}

interface PaperSearchQuery {
  q?: string;
  p: number;
  limit: number;
  category?: string;
  author?: string;
  from?: string;
  to?: string;
  sort: "relevance" | "date";
}

/** Authors a suggestion carries: enough to tell two papers of the same title apart. */
const SUGGESTION_AUTHORS = 3;

export async function searchRoutes(app: FastifyInstance, ctx: AppServices): Promise<void> {
  // Both run through the concurrency gate of expensive requests (src/web/http/expensiveRoutes.ts);
  // the API's per-client budget (rateLimit.ts) already covers them.
  // attachValidation: `sort` has other values here than on /api/daily_papers and `p` counts from
  // 1, so their messages are ours.
  app.get<{ Querystring: PaperSearchQuery }>(
    "/papers/search",
    { schema: searchRoute, attachValidation: true, ...app.expensive.api() },
    async (req, reply) => {
      if (req.validationError) {
        throw validationErrorWithRules(req.validationError, {
          limit: limitRule(MAX_LIMIT),
          p: PAGE_RULE,
          sort: "one of relevance, date",
        });
      }
      const query = req.query;
      const q = (query.q ?? "").trim();
      // A filter given empty is a mistake in the client's URL, not a request for every paper.
      for (const name of ["category", "author", "from", "to"] as const) {
        const value = query[name];
        if (value !== undefined && value.trim() === "")
          throw invalidParameter(name, `${name} is empty: leave it out, or give ${PARAM_RULES[name]}`);
      }
      // The filter fields are read as the search page reads its form's (one set of rules).
      const { filters, errors } = formFilters({
        q,
        category: (query.category ?? "").trim(),
        author: (query.author ?? "").trim(),
        from: (query.from ?? "").trim(),
        to: (query.to ?? "").trim(),
        sort: query.sort,
      });
      if (errors.length > 0) throw invalidParameter(errors[0].field, errors[0].message);
      if (!q && Object.keys(filters).length === 0) {
        throw invalidParameter("q", "q is required unless category, author, from or to is given");
      }
      // Pages count from 1; the search goes as deep as the search page (MAX_SEARCH_RESULTS).
      const page = query.p - 1;
      if (page * query.limit >= MAX_SEARCH_RESULTS) {
        throw invalidParameter(
          "p",
          `p must keep (p − 1) × limit below ${MAX_SEARCH_RESULTS}: results go no deeper than the ` +
            `${MAX_SEARCH_RESULTS}th (with limit=${query.limit}, the deepest page is p=${Math.ceil(MAX_SEARCH_RESULTS / query.limit)}); narrow the search instead`,
        );
      }
      const result = await searchPage(ctx.search, q, {
        page,
        pageSize: query.limit,
        sort: query.sort,
        filters,
      });
      const link = (p: number) =>
        apiUrl(ctx.config.baseUrl, "/api/papers/search", {
          q,
          category: query.category,
          author: query.author,
          from: query.from,
          to: query.to,
          sort: query.sort === "relevance" ? undefined : query.sort,
          limit: query.limit,
          p,
        });
      // `total` is what can be paged through; the count stated may be larger.
      const header = pageLinkHeader(query.p, Math.ceil(result.total / query.limit), link);
      if (header) reply.header("link", header);
      reply.header("x-total-count", String(statedCount(result)));
      const papers = await presentPapers(
        ctx.store.db,
        result.hits.map((h) => h.paper),
        ctx.config.baseUrl,
      );
      return papers.map((paper, i) => ({ ...paper, score: result.hits[i].score }));
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
