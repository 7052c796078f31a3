// GET /categories/<id>: one arXiv category's list (the newest day by default; ?date=, ?week= or
// ?month= for another period, ?p= for later pages), under the category's full name, in the site's
// community order within the category (its picks first, then the rest by closeness to what the
// community picked in it lately) and with the same lines on that order and on the data, then its
// feeds. Unknown ids are the 404 page. Cached for anonymous readers like the site's lists.
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AppServices } from "../../app/services.ts";
import {
  adjacentCategoryDay,
  earliestCategoryDay,
  latestCategoryDay,
  listCategoryCommunityOrder,
} from "../../lists/categoryList.ts";
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
import { type DataDays, dataSource } from "../components/DataNote.tsx";
import { ListIntro, orderTexts } from "../components/ListIntro.tsx";
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
import { FEED_PAGE_SIZE, listDeps, pageOf, paperVectors } from "../lists/listBasics.ts";
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
  const deps = listDeps(ctx);
  const { db, site } = deps;
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
    const [newest, earliest] = await Promise.all([latestCategoryDay(db, id), earliestCategoryDay(db, id)]);
    const days: DataDays = { earliest, latest: newest };
    const period = asked === "newest" ? dayPeriod(newest ?? isoDay(ctx.clock.now())) : asked;
    const path = periodPath(id, period, newest);
    const offset = page * FEED_PAGE_SIZE;
    const data = await listCategoryCommunityOrder(db, newest ? await paperVectors(deps) : null, {
      category: id,
      period,
      offset,
      limit: FEED_PAGE_SIZE,
    });
    checkPageInRange(page, data.total, FEED_PAGE_SIZE);
    const anchor = await anchorDay(ctx, id, period, newest);
    const nav = await categoryNav(ctx, id, period, days);
    const text = describePeriod(period);
    const order = orderTexts(period, data, id);
    const source = newest ? await dataSource(deps, days) : null;
    const feed = { kind: "category", category: id } as const;
    return sendPage(
      reply,
      200,
      <ListPage
        meta={{
          title: `${name} (${id}) · ${text.title}`,
          description: `Papers in arXiv's ${name} (${id}) category, community picks first.`,
          path: withPage(path, page),
          feed,
        }}
        site={site}
        view={period.kind === "day" ? "daily" : period.kind === "week" ? "weekly" : "monthly"}
        heading={name}
        subheading={`${id} · ${text.subheading}`}
        intro={
          <>
            {newest ? <ListIntro about={order.about} source={source} /> : null}
            <p class="category-feeds">
              Newest papers as a feed:{" "}
              {FEED_FORMATS.map((f, i) => (
                <>
                  {i > 0 ? " · " : ""}
                  <a href={feedPath(feed, f)}>{FORMAT_LABELS[f]}</a>
                </>
              ))}
            </p>
          </>
        }
        tabs={{
          daily: periodPath(id, dayPeriod(anchor), newest),
          weekly: periodPath(id, weekPeriodOf(anchor), newest),
          monthly: periodPath(id, monthPeriodOf(anchor), newest),
        }}
        nav={nav}
        {...pageOf(data, page, path)}
        orderNote={order.summary}
        sections={{ ...order.sections, picks: data.picks, offset }}
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

/** The day the Daily tab opens: the newest day of the category inside (or else before) a week or month. */
async function anchorDay(
  ctx: AppServices,
  id: string,
  period: Period,
  newest: string | null,
): Promise<string> {
  if (period.kind === "day" || !newest) return period.from;
  // ISO day strings compare as text.
  const end = period.to < newest ? period.to : newest;
  return (await adjacentCategoryDay(ctx.store.db, id, end, -1, true)) ?? period.to;
}

/** The arrows to the category's period before and after, within the days it has lists. */
async function categoryNav(ctx: AppServices, id: string, period: Period, days: DataDays): Promise<PeriodNav> {
  const db = ctx.store.db;
  const newest = days.latest;
  if (period.kind === "day") {
    // The nearest days with papers of the category, so days without any are skipped.
    const [prev, next] = await Promise.all([
      adjacentCategoryDay(db, id, period.from, -1),
      adjacentCategoryDay(db, id, period.from, 1),
    ]);
    const link = (day: string | null, hint: string): NavLink | null =>
      day ? { href: periodPath(id, dayPeriod(day), newest), label: dayWithoutYear(day), hint } : null;
    return {
      prev: link(prev, "Previous day"),
      next: link(next, "Next day"),
      dateForm: {
        value: period.from,
        min: days.earliest ?? undefined,
        max: newest ?? undefined,
        action: categoryPath(id),
      },
    };
  }
  const unit = period.kind === "week" ? "week" : "month";
  const label = (p: Period) => (p.kind === "week" ? weekName(p) : monthName(p, true));
  const step = (dir: -1 | 1): NavLink | null => {
    const p = shiftPeriod(period, dir);
    if (dir > 0 && (!newest || p.from > newest)) return null;
    if (dir < 0 && (!days.earliest || p.to < days.earliest)) return null;
    return {
      href: periodPath(id, p, newest),
      label: label(p),
      hint: `${dir < 0 ? "Previous" : "Next"} ${unit}`,
    };
  };
  return { prev: step(-1), next: step(1) };
}
