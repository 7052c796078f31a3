// GET /categories/<id>: one arXiv category's list (the newest day by default; ?date=, ?week= or
// ?month= for another period, ?p= for later pages), under the category's full name, with its
// feeds. Unknown ids are the 404 page. Cached for anonymous readers like the site's lists.
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AppServices } from "../../app/services.ts";
import { adjacentCategoryDay, latestCategoryDay, listCategory } from "../../lists/categoryList.ts";
import {
  dayPeriod,
  isoDay,
  monthPeriodOf,
  type Period,
  parseDay,
  parseMonth,
  parseWeek,
  shiftPeriod,
  weekPeriodOf,
} from "../../lists/periods.ts";
import { categoryName, categoryPath } from "../../model/arxivCategories.ts";
import { FEED_FORMATS, feedPath } from "../feeds/feedLinks.ts";
import { dayWithoutYear, monthName, weekName } from "../format.ts";
import { badRequest, HttpError } from "../http/httpError.ts";
import {
  checkPageInRange,
  invalidDay,
  invalidMonth,
  invalidWeek,
  parsePageParam,
  queryValue,
} from "../http/params.ts";
import { sendPage } from "../http/render.ts";
import { ListPage, type NavLink, type PeriodNav } from "../lists/ListPage.tsx";
import { describePeriod } from "../lists/ListTexts.tsx";
import { FEED_PAGE_SIZE } from "../lists/listBasics.ts";
import { withPage } from "../urls.ts";

type CategoryRequest = FastifyRequest<{ Params: { id: string } }>;

const FORMAT_LABELS = { rss: "RSS", atom: "Atom", json: "JSON Feed" } as const;

/** The category's own address of a period: the bare path is its newest day. */
function periodPath(id: string, p: Period, newest: string | null): string {
  const base = categoryPath(id);
  if (p.kind === "day") return p.from === newest ? base : `${base}?date=${p.from}`;
  return `${base}?${p.kind}=${p.label}`;
}

/** The period a request asks for (at most one of date, week and month). */
function requestedPeriod(req: CategoryRequest): Period | "newest" {
  const date = queryValue(req.query, "date");
  const week = queryValue(req.query, "week");
  const month = queryValue(req.query, "month");
  if ([date, week, month].filter((v) => v !== undefined).length > 1)
    throw badRequest("Give one of date, week and month, not several.");
  if (date !== undefined) {
    const day = parseDay(date);
    if (!day) throw invalidDay(date);
    return dayPeriod(day);
  }
  if (week !== undefined) {
    const p = parseWeek(week);
    if (!p) throw invalidWeek(week);
    return p;
  }
  if (month !== undefined) {
    const p = parseMonth(month);
    if (!p) throw invalidMonth(month);
    return p;
  }
  return "newest";
}

export function registerCategoryRoutes(app: FastifyInstance, ctx: AppServices): void {
  const db = ctx.store.db;
  const site = { baseUrl: ctx.config.baseUrl };
  app.get("/categories/:id", { config: { cache: true } }, async (req: CategoryRequest, reply) => {
    const id = req.params.id;
    const name = categoryName(id);
    if (!name)
      throw new HttpError(
        "not-found",
        "arXiv has no category with this id (they look like cs.LG or hep-th).",
        {
          title: "Category not found",
          path: "/categories/…",
        },
      );
    const asked = requestedPeriod(req);
    const page = parsePageParam(queryValue(req.query, "p"));
    const newest = await latestCategoryDay(db, id);
    const period = asked === "newest" ? dayPeriod(newest ?? isoDay(ctx.clock.now())) : asked;
    const path = periodPath(id, period, newest);
    const data = await listCategory(db, {
      category: id,
      period,
      sort: "upvotes",
      offset: page * FEED_PAGE_SIZE,
      limit: FEED_PAGE_SIZE,
    });
    checkPageInRange(page, data.total, FEED_PAGE_SIZE);
    const anchor = period.kind === "day" ? period.from : newest && newest < period.to ? newest : period.to;
    const nav = await categoryNav(ctx, id, period, newest);
    const text = describePeriod(period);
    const feed = { kind: "category", category: id } as const;
    return sendPage(
      reply,
      200,
      <ListPage
        meta={{
          title: `${name} (${id}) · ${text.title}`,
          description: `Papers in arXiv's ${name} (${id}) category, most upvoted first.`,
          path: withPage(path, page),
          feed,
        }}
        site={site}
        view={period.kind === "day" ? "daily" : period.kind === "week" ? "weekly" : "monthly"}
        heading={name}
        subheading={`${id} · ${text.subheading}`}
        intro={
          <p class="category-feeds">
            Newest papers as a feed:{" "}
            {FEED_FORMATS.map((f, i) => (
              <>
                {i > 0 ? " · " : ""}
                <a href={feedPath(feed, f)}>{FORMAT_LABELS[f]}</a>
              </>
            ))}
          </p>
        }
        tabs={{
          daily: periodPath(id, dayPeriod(anchor), newest),
          weekly: periodPath(id, weekPeriodOf(anchor), newest),
          monthly: periodPath(id, monthPeriodOf(anchor), newest),
        }}
        nav={nav}
        items={data.items}
        total={data.total}
        page={page}
        pageCount={Math.max(1, Math.ceil(data.total / FEED_PAGE_SIZE))}
        pageHref={(p) => withPage(path, p)}
        orderNote="most upvoted first"
        empty={
          <>
            <p class="empty-title">{newest ? text.emptyText : `No papers in ${id} on this instance yet.`}</p>
            <p>
              {nav.prev ? (
                <>
                  The nearest earlier list is <a href={nav.prev.href}>{nav.prev.label}</a>.{" "}
                </>
              ) : null}
              Or see <a href="/">the newest papers</a>.
            </p>
          </>
        }
      />,
    );
  });
}

async function categoryNav(
  ctx: AppServices,
  id: string,
  period: Period,
  newest: string | null,
): Promise<PeriodNav> {
  const db = ctx.store.db;
  if (period.kind === "day") {
    const [prev, next] = await Promise.all([
      adjacentCategoryDay(db, id, period.from, -1),
      adjacentCategoryDay(db, id, period.from, 1),
    ]);
    const link = (day: string | null, hint: string): NavLink | null =>
      day ? { href: periodPath(id, dayPeriod(day), newest), label: dayWithoutYear(day), hint } : null;
    return {
      prev: link(prev, "Previous day"),
      next: link(next, "Next day"),
      dateForm: { value: period.from, max: newest ?? undefined, action: categoryPath(id) },
    };
  }
  const unit = period.kind === "week" ? "week" : "month";
  const label = (p: Period) => (p.kind === "week" ? weekName(p) : monthName(p, true));
  const step = (dir: -1 | 1): NavLink | null => {
    const p = shiftPeriod(period, dir);
    if (dir > 0 && (!newest || p.from > newest)) return null;
    return {
      href: periodPath(id, p, newest),
      label: label(p),
      hint: `${dir < 0 ? "Previous" : "Next"} ${unit}`,
    };
  };
  return { prev: step(-1), next: step(1) };
}
