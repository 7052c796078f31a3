// GET /api/authors/{name} (an author's papers, newest first, and co-authors) and
// GET /api/categories/{id}/papers (one arXiv category's list of a day, week or month). Both page
// with p (counted from 1, as the site's pages are) and limit, and send the total in
// X-Total-Count and the first, previous, next and last pages in a Link header.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppServices } from "../../../app/services.ts";
import { loadAuthorPage } from "../../../community/authors.ts";
import { latestCategoryDay, listCategory } from "../../../lists/categoryList.ts";
import { dayPeriod, isoDay, type Period, parseDay, parseMonth, parseWeek } from "../../../lists/periods.ts";
import { categoryName, categoryPath } from "../../../model/arxivCategories.ts";
import { authorPath } from "../../../model/authorName.ts";
import { invalidParameter, notFound } from "../errors.ts";
import { validationErrorWithRules } from "../limitErrors.ts";
import { apiUrl, pageLinkHeader } from "../links.ts";
import { presentPapers } from "../presenters/paper.ts";
import { DEFAULT_LIMIT, MAX_LIMIT, PAGE_RULE, pageParam } from "../schemas.ts";

const errorRef = { $ref: "ApiError#" } as const;
const pageParams = {
  p: pageParam,
  limit: {
    type: "integer",
    minimum: 1,
    maximum: MAX_LIMIT,
    default: DEFAULT_LIMIT,
    description: `Page size (default ${DEFAULT_LIMIT}).`,
  },
} as const;
const pagingHeaders = {
  "X-Total-Count": { type: "integer", description: "Papers in the whole list." },
  Link: {
    type: "string",
    description:
      'The first, previous, next and last pages (`<…>; rel="next"`); a page past the end is an empty ' +
      "list whose `prev` is the last page.",
  },
} as const;
const countedName = {
  type: "object",
  properties: {
    name: { type: "string" },
    papers: { type: "integer", description: "Papers shared with the author." },
    url: { type: "string", description: "Their author page on this instance." },
  },
  required: ["name", "papers", "url"],
} as const;

export const authorRoute = {
  tags: ["authors and categories"],
  summary: "An author's papers, newest first, and co-authors",
  description:
    "The name is matched by the rule of the README's “Author names”: accents, case and punctuation " +
    "are ignored, initials are not expanded (“Y. LeCun” and “Yann LeCun” are two authors). 404 when no " +
    "paper on this instance names the author.",
  params: {
    type: "object",
    properties: { name: { type: "string", minLength: 1, maxLength: 400, description: "An author's name." } },
    required: ["name"],
  },
  querystring: { type: "object", properties: pageParams },
  response: {
    200: {
      headers: pagingHeaders,
      type: "object",
      properties: {
        name: { type: "string", description: "The spelling most of the author's papers use." },
        key: { type: "string", description: "The matching key of the name." },
        url: { type: "string", description: "The author page on this instance." },
        paperCount: { type: "integer" },
        firstPublishedAt: { type: ["string", "null"] },
        lastPublishedAt: { type: ["string", "null"] },
        coauthors: { type: "array", items: countedName, description: "Most shared papers first." },
        papers: { type: "array", items: { $ref: "Paper#" } },
      },
      required: [
        "name",
        "key",
        "url",
        "paperCount",
        "firstPublishedAt",
        "lastPublishedAt",
        "coauthors",
        "papers",
      ],
    },
    400: errorRef,
    404: errorRef,
    429: errorRef,
  },
} as const;

export const categoryPapersRoute = {
  tags: ["authors and categories"],
  summary: "One arXiv category's papers of a day, ISO week or month",
  description:
    "Papers announced in the category in the period (featured papers only when they are in it). Without " +
    "date, week or month: the newest day with papers in the category. 404 for an id arXiv does not have.",
  params: {
    type: "object",
    properties: { id: { type: "string", maxLength: 40, description: "An arXiv category id, e.g. cs.LG." } },
    required: ["id"],
  },
  querystring: {
    type: "object",
    properties: {
      date: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "A day, YYYY-MM-DD." },
      week: { type: "string", pattern: "^\\d{4}-W\\d{2}$", description: "An ISO week, YYYY-Www." },
      month: { type: "string", pattern: "^\\d{4}-\\d{2}$", description: "A month, YYYY-MM." },
      sort: {
        type: "string",
        enum: ["upvotes", "publishedAt"],
        default: "upvotes",
        description: "upvotes (most first) or publishedAt (newest first).",
      },
      ...pageParams,
    },
  },
  response: {
    200: {
      headers: pagingHeaders,
      type: "object",
      properties: {
        category: {
          type: "object",
          properties: { id: { type: "string" }, name: { type: "string" }, url: { type: "string" } },
          required: ["id", "name", "url"],
        },
        period: {
          type: "object",
          properties: {
            kind: { type: "string", enum: ["day", "week", "month"] },
            from: { type: "string" },
            to: { type: "string" },
          },
          required: ["kind", "from", "to"],
        },
        total: { type: "integer" },
        papers: { type: "array", items: { $ref: "Paper#" } },
      },
      required: ["category", "period", "total", "papers"],
    },
    400: errorRef,
    404: errorRef,
    429: errorRef,
  },
} as const;

interface PageQuery {
  /** Counted from 1. */
  p: number;
  limit: number;
}

/** Validation failures of these routes: `p` counts from 1 here, so its message is ours. */
function checkValid(req: FastifyRequest): void {
  if (req.validationError) throw validationErrorWithRules(req.validationError, { p: PAGE_RULE });
}

function offsetOf(q: PageQuery): number {
  return (q.p - 1) * q.limit;
}

function sendPaging(
  reply: FastifyReply,
  base: string,
  path: string,
  query: Record<string, string | number | undefined>,
  q: PageQuery,
  total: number,
) {
  reply.header("x-total-count", String(total));
  const header = pageLinkHeader(q.p, Math.ceil(total / q.limit), (p) =>
    apiUrl(base, path, { ...query, p, limit: q.limit }),
  );
  if (header) reply.header("link", header);
}

export async function authorsAndCategoriesRoutes(app: FastifyInstance, ctx: AppServices): Promise<void> {
  const db = ctx.store.db;
  const base = ctx.config.baseUrl;

  app.get<{ Params: { name: string }; Querystring: PageQuery }>(
    "/authors/:name",
    { schema: authorRoute, attachValidation: true, config: { cache: true } },
    async (req, reply) => {
      checkValid(req);
      const q = req.query;
      const data = await loadAuthorPage(db, req.params.name, offsetOf(q), q.limit);
      if (!data) throw notFound("No paper on this instance names this author.");
      const { author } = data;
      sendPaging(reply, base, `/api${authorPath(author.name)}`, {}, q, author.papers);
      return {
        name: author.name,
        key: author.key,
        url: `${base}${authorPath(author.name)}`,
        paperCount: author.papers,
        firstPublishedAt: author.first,
        lastPublishedAt: author.last,
        coauthors: data.coauthors.map((c) => ({
          name: c.name,
          papers: c.papers,
          url: `${base}${authorPath(c.name)}`,
        })),
        papers: await presentPapers(db, data.papers, base),
      };
    },
  );

  app.get<{
    Params: { id: string };
    Querystring: PageQuery & {
      date?: string;
      week?: string;
      month?: string;
      sort: "upvotes" | "publishedAt";
    };
  }>(
    "/categories/:id/papers",
    { schema: categoryPapersRoute, attachValidation: true, config: { cache: true } },
    async (req, reply) => {
      checkValid(req);
      const id = req.params.id;
      const name = categoryName(id);
      if (!name) throw notFound(`arXiv has no category ${id} (ids look like cs.LG or hep-th).`);
      const q = req.query;
      const given = (["date", "week", "month"] as const).filter((k) => q[k] !== undefined);
      if (given.length > 1) throw invalidParameter(given[1], "give at most one of date, week and month");
      let period: Period | null;
      if (q.date !== undefined) {
        const day = parseDay(q.date);
        if (!day) throw invalidParameter("date");
        period = dayPeriod(day);
      } else if (q.week !== undefined) {
        period = parseWeek(q.week);
        if (!period) throw invalidParameter("week");
      } else if (q.month !== undefined) {
        period = parseMonth(q.month);
        if (!period) throw invalidParameter("month");
      } else {
        period = dayPeriod((await latestCategoryDay(db, id)) ?? isoDay(ctx.clock.now()));
      }
      const list = await listCategory(db, {
        category: id,
        period,
        sort: q.sort,
        offset: offsetOf(q),
        limit: q.limit,
      });
      sendPaging(
        reply,
        base,
        `/api/categories/${encodeURIComponent(id)}/papers`,
        { date: q.date, week: q.week, month: q.month, sort: q.sort === "upvotes" ? undefined : q.sort },
        q,
        list.total,
      );
      return {
        category: { id, name, url: `${base}${categoryPath(id)}` },
        period: { kind: period.kind, from: period.from, to: period.to },
        total: list.total,
        papers: await presentPapers(
          db,
          list.items.map((i) => i.paper),
          base,
        ),
      };
    },
  );
}
