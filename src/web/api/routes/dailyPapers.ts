// GET /api/daily_papers: a day's, week's or month's featured papers, like the public
// daily-papers API: each item's paper.submittedOnDailyAt falls in the period asked for, so a
// client of that API that pages with date, limit and p until a short page finds what it expects.
// scope=all gives the whole list of the period instead (every paper newly announced in the
// followed categories, plus the featured ones), as the site's Daily page shows it.
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../../app/context.ts";
import type { AppServices } from "../../../app/services.ts";
import {
  type FeedSort,
  type ListScope,
  latestDay,
  latestFeaturedDay,
  listRange,
  referenceNow,
} from "../../../lists/listing.ts";
import { parseDay, parseMonth, parseWeek } from "../../../lists/periods.ts";
import { invalidParameter } from "../errors.ts";
import { apiUrl, linkHeader } from "../links.ts";
import { presentDailyPapers } from "../presenters/dailyPaper.ts";
import { dailyPapersRoute } from "../schemas.ts";

interface DailyQuery {
  date?: string;
  week?: string;
  month?: string;
  p: number;
  limit: number;
  sort: FeedSort;
  submitter?: string;
  category?: string;
  scope: ListScope;
}

/** The whole timeline, for a submitter's list without a period. */
const ALL_DAYS = { from: "0001-01-01", to: "9999-12-31" };

type PeriodParam = "date" | "week" | "month";

interface ResolvedRange {
  from: string;
  to: string;
  /** The parameter that pins this range in a next-page link, so pages of one query stay one list. */
  pin: { name: PeriodParam; value: string } | null;
}

/** The range the query asks for, or null for an empty instance (no day has papers). */
async function resolveRange(
  ctx: AppContext,
  q: DailyQuery,
  categories: string[],
): Promise<ResolvedRange | null> {
  const given = (["date", "week", "month"] as const).filter((k) => q[k] !== undefined);
  if (given.length > 1) {
    throw invalidParameter(given[1], `use only one of date, week and month (got ${given.join(" and ")})`);
  }
  if (q.date !== undefined) {
    if (!parseDay(q.date)) throw invalidParameter("date");
    return { from: q.date, to: q.date, pin: { name: "date", value: q.date } };
  }
  if (q.week !== undefined) {
    const week = parseWeek(q.week);
    if (!week) throw invalidParameter("week");
    return { from: week.from, to: week.to, pin: { name: "week", value: q.week } };
  }
  if (q.month !== undefined) {
    const month = parseMonth(q.month);
    if (!month) throw invalidParameter("month");
    return { from: month.from, to: month.to, pin: { name: "month", value: q.month } };
  }
  if (q.submitter) return { ...ALL_DAYS, pin: null };
  // The newest day that has something to list: featured papers (like the public API), or with
  // scope=all any paper. The next-page link names that day, so a day published while a client
  // pages does not shift the pages under it.
  const day =
    q.scope === "featured"
      ? await latestFeaturedDay(ctx.store.db, ctx.config.categories)
      : await latestDay(ctx.store.db, categories);
  return day ? { from: day, to: day, pin: { name: "date", value: day } } : null;
}

export async function dailyPapersRoutes(app: FastifyInstance, ctx: AppServices): Promise<void> {
  app.get<{ Querystring: DailyQuery }>(
    "/daily_papers",
    { schema: dailyPapersRoute, config: { cache: true } },
    async (req, reply) => {
      const q = req.query;
      const featured = q.scope === "featured";
      // The whole list: category replaces the followed categories for the announced papers and
      // featured papers stay. The featured papers: category narrows every item.
      const categories = q.category && !featured ? [q.category] : ctx.config.categories;
      const range = await resolveRange(ctx, q, categories);
      if (!range) {
        reply.header("x-total-count", "0");
        return [];
      }
      const offset = q.p * q.limit;
      // The reference time only matters to the trending order; for the other sorts, passing the
      // clock spares listRange the two queries of referenceNow.
      const clockMs = ctx.clock.now().getTime();
      const now = q.sort === "trending" ? await referenceNow(ctx.store.db, categories, clockMs) : clockMs;
      const page = await listRange(ctx.store.db, {
        now,
        from: range.from,
        to: range.to,
        categories,
        submitter: q.submitter ?? null,
        scope: q.scope,
        category: featured ? (q.category ?? null) : null,
        sort: q.sort,
        offset,
        limit: q.limit,
      });
      const link = (p: number) =>
        apiUrl(ctx.config.baseUrl, "/api/daily_papers", {
          ...(range.pin ? { [range.pin.name]: range.pin.value } : {}),
          sort: q.sort,
          scope: q.scope === "featured" ? undefined : q.scope,
          submitter: q.submitter,
          category: q.category,
          limit: q.limit,
          p,
        });
      const lastPage = Math.max(0, Math.ceil(page.total / q.limit) - 1);
      const header = linkHeader({
        next: q.p < lastPage ? link(q.p + 1) : null,
        prev: q.p > 0 ? link(Math.min(q.p - 1, lastPage)) : null,
      });
      if (header) reply.header("link", header);
      reply.header("x-total-count", String(page.total));
      return presentDailyPapers(ctx.store.db, page.items, ctx.config.baseUrl);
    },
  );
}
