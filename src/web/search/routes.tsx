// /search?q=&category=&author=&from=&to=&sort=&p=: the search page. The words (and any filters
// typed in them, author:… category:… from:…) go through the query parser; the filter fields of
// the form are parsed by the same rules and merged in, so a link and a typed query agree.
import type { FastifyInstance } from "fastify";
import type { AppServices } from "../../app/services.ts";
import { isCategoryOrArchive } from "../../model/arxivCategories.ts";
import { words } from "../../search/analyze.ts";
import { dayRange, parseQuery } from "../../search/query.ts";
import { MAX_BROWSABLE, type SearchPageOptions, searchPage } from "../../search/searchPapers.ts";
import { suggestTitles } from "../../search/suggest.ts";
import { badRequest } from "../http/httpError.ts";
import { checkPageInRange, parsePageParam, queryValue } from "../http/params.ts";
import { sendPage } from "../http/render.ts";
import { paperPath } from "../urls.ts";
import { type SearchForm, SearchPage } from "./SearchPage.tsx";

export const SEARCH_PAGE_SIZE = 20;
/** Longer queries are cut: nobody types more, and the engine's work grows with terms. */
const MAX_QUERY_LENGTH = 200;
const MAX_FIELD_LENGTH = 100;
/** Pages past the browsable results are refused before any search runs. */
const MAX_SEARCH_PAGE = Math.ceil(MAX_BROWSABLE / SEARCH_PAGE_SIZE) - 1;

export function registerSearchRoutes(app: FastifyInstance, ctx: AppServices): void {
  const site = { baseUrl: ctx.config.baseUrl };
  const categories = ctx.config.categories.filter((c) => c !== "*");
  // A search per request: the per-client budget and the concurrency gate (expensiveRoutes.ts).
  app.get("/search", app.expensive.page(), async (req, reply) => {
    const field = (name: string, max = MAX_FIELD_LENGTH) =>
      (queryValue(req.query, name) ?? "").trim().slice(0, max);
    const form: SearchForm = {
      q: field("q", MAX_QUERY_LENGTH),
      category: field("category"),
      author: field("author"),
      from: field("from"),
      to: field("to"),
      sort: "relevance",
    };
    // The sort field, else a sort: typed in the words, else relevance.
    const sortParam = field("sort");
    form.sort =
      sortParam === "date" || sortParam === "relevance"
        ? sortParam
        : (parseQuery(form.q).sort ?? "relevance");
    const page = parsePageParam(queryValue(req.query, "p"));
    if (page > MAX_SEARCH_PAGE) {
      throw badRequest(
        `Search results go ${MAX_SEARCH_PAGE + 1} pages deep (1 to ${MAX_SEARCH_PAGE + 1}): narrow the search with more words or filters to see further.`,
      );
    }
    const { filters, errors } = formFilters(form);
    const searched = form.q !== "" || Object.keys(filters).length > 0;
    const props = { site, form, errors, categories, pageSize: SEARCH_PAGE_SIZE, page };
    if (errors.length > 0 || !searched) {
      return sendPage(reply, errors.length > 0 ? 400 : 200, <SearchPage {...props} result={null} />);
    }
    const result = await searchPage(ctx.search, form.q, {
      page,
      pageSize: SEARCH_PAGE_SIZE,
      sort: form.sort,
      filters,
    });
    // An arXiv id, abs/PDF URL or DOI of a paper we hold: go straight to it (issue: direct hits
    // "jump to that paper"). 303, so the browser's back button returns to where the reader was.
    const direct = result.hits.find((h) => h.direct);
    if (direct && page === 0) return reply.redirect(paperPath(direct.paper.id), 303);
    if (page > 0) checkPageInRange(page, result.total, SEARCH_PAGE_SIZE);
    const empty = result.total === 0 && !result.query.direct;
    // Nothing found: how many the words find without the form's filters, and titles close to them.
    const withoutFilters =
      empty && form.q && Object.keys(filters).length > 0
        ? (await searchPage(ctx.search, form.q, { page: 0, pageSize: 0 })).total
        : undefined;
    const suggestions =
      empty && result.query.words.length > 0
        ? await suggestTitles(ctx.search, result.query.words.join(" "), 3)
        : [];
    return sendPage(
      reply,
      200,
      <SearchPage {...props} result={result} withoutFilters={withoutFilters} suggestions={suggestions} />,
    );
  });
}

/**
 * The form's filter fields as query filters, by the parser's own rules (a category like cs.LG
 * or an archive, one arXiv has; a year, month or day), with a message for each field that
 * breaks them.
 */
export function formFilters(form: SearchForm): {
  filters: NonNullable<SearchPageOptions["filters"]>;
  errors: { field: keyof SearchForm; message: string }[];
} {
  const filters: NonNullable<SearchPageOptions["filters"]> = {};
  const errors: { field: keyof SearchForm; message: string }[] = [];
  if (form.category) {
    const parsed = parseQuery(`category:${form.category.replace(/\s+/g, "")}`).categories;
    if (parsed.length !== 1)
      errors.push({
        field: "category",
        message: "Category: use an arXiv category such as cs.LG, or an archive such as cs.",
      });
    else if (!isCategoryOrArchive(parsed[0]))
      // A misspelt category would find nothing and look like an empty result.
      errors.push({
        field: "category",
        message: `Category: arXiv has no category or archive “${form.category.slice(0, 40)}”; use one such as cs.LG, or an archive such as cs.`,
      });
    else filters.categories = parsed;
  }
  if (form.author) {
    const ws = words(form.author).slice(0, 8);
    if (ws.length > 0) filters.authors = [ws];
    else errors.push({ field: "author", message: "Author: give a name, or a part of one." });
  }
  const from = form.from ? dayRange(form.from) : null;
  const to = form.to ? dayRange(form.to) : null;
  if (form.from && !from)
    errors.push({ field: "from", message: "From: use a date as YYYY-MM-DD (or YYYY-MM, YYYY)." });
  if (form.to && !to)
    errors.push({ field: "to", message: "To: use a date as YYYY-MM-DD (or YYYY-MM, YYYY)." });
  if (from) filters.from = from[0];
  if (to) filters.to = to[1];
  if (from && to && from[0] > to[1])
    errors.push({ field: "to", message: "To: the last day comes before the first." });
  return { filters, errors };
}
