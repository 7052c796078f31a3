// The lists: / (newest day), /papers/date/:day, /week/:week, /month/:month, /trending, /new.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppContext } from "../../app/context.ts";
import { adjacentDay, type ListSlice, latestDay, listRange, listTrending } from "../../lists/listing.ts";
import {
  addDays,
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
import { dayWithoutYear, monthName, shortDay, weekName } from "../format.ts";
import {
  checkPageInRange,
  invalidDay,
  invalidMonth,
  invalidWeek,
  parsePageParam,
  queryValue,
} from "../http/params.ts";
import { sendPage } from "../http/render.ts";
import { dayPath, monthPath, weekPath, withPage } from "../urls.ts";
import { type FeedView, ListPage, type NavLink, type PeriodNav, type TabLinks } from "./ListPage.tsx";
import { describePeriod, EmptyInstance, EmptyPeriod } from "./ListTexts.tsx";

export const FEED_PAGE_SIZE = 30;
/** /new covers the days up to the newest list: enough to browse, bounded so it stays cheap. */
export const NEW_WINDOW_DAYS = 30;

/** What every list page needs to know about the instance's data. */
interface Bounds {
  latest: string | null;
  earliest: string | null;
}

/** Same page for every anonymous reader until the data changes (see responseCache.ts). */
const CACHED = { config: { cache: true } };

export function registerFeedRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { db } = ctx.store;
  const categories = ctx.config.categories;
  const site = { baseUrl: ctx.config.baseUrl };

  async function bounds(): Promise<Bounds> {
    const [latest, earliest] = await Promise.all([
      latestDay(db, categories),
      adjacentDay(db, "0000-01-01", 1, categories, true),
    ]);
    return { latest, earliest };
  }

  /** Tabs keep the reader's place: Weekly from a day opens that day's week, and so on. */
  async function tabLinks(anchor: string | null, b: Bounds): Promise<TabLinks> {
    const day = anchor ?? b.latest ?? isoDay(new Date());
    return {
      daily: day === b.latest || !anchor ? "/" : dayPath(day),
      weekly: weekPath(weekPeriodOf(day).label),
      monthly: monthPath(monthPeriodOf(day).label),
      trending: "/trending",
      new: "/new",
    };
  }

  /** The newest day with a list inside (or else before) a week or month, for its Daily tab. */
  async function anchorDayOf(period: Period, b: Bounds): Promise<string | null> {
    if (period.kind === "day") return period.from;
    if (!b.latest) return null;
    // ISO day strings compare as text (Math.min would not do).
    const end = period.to < b.latest ? period.to : b.latest;
    return (await adjacentDay(db, end, -1, categories, true)) ?? period.to;
  }

  async function periodNav(period: Period, b: Bounds): Promise<PeriodNav> {
    if (period.kind === "day") {
      // Step to the nearest day that has a list, so weekends and holidays are skipped.
      const [prev, next] = await Promise.all([
        adjacentDay(db, period.from, -1, categories),
        adjacentDay(db, period.from, 1, categories),
      ]);
      const link = (day: string | null, hint: string): NavLink | null =>
        day ? { href: dayPath(day), label: dayWithoutYear(day), hint } : null;
      return {
        prev: link(prev, "Previous day"),
        next: link(next, "Next day"),
        dateForm: { value: period.from, min: b.earliest ?? undefined, max: b.latest ?? undefined },
      };
    }
    const prev = shiftPeriod(period, -1);
    const next = shiftPeriod(period, 1);
    const name = (p: Period) => (p.kind === "week" ? weekName(p) : monthName(p, true));
    const path = (p: Period) => (p.kind === "week" ? weekPath(p.label) : monthPath(p.label));
    const unit = period.kind === "week" ? "week" : "month";
    return {
      prev:
        b.earliest && prev.to >= b.earliest
          ? { href: path(prev), label: name(prev), hint: `Previous ${unit}` }
          : null,
      next:
        b.latest && next.from <= b.latest
          ? { href: path(next), label: name(next), hint: `Next ${unit}` }
          : null,
    };
  }

  async function sendPeriod(req: FastifyRequest, reply: FastifyReply, period: Period, path: string) {
    const page = parsePageParam(queryValue(req.query, "p"));
    const b = await bounds();
    const data = await listRange(db, {
      from: period.from,
      to: period.to,
      categories,
      sort: "upvotes",
      offset: page * FEED_PAGE_SIZE,
      limit: FEED_PAGE_SIZE,
    });
    checkPageInRange(page, data.total, FEED_PAGE_SIZE);
    const anchor = await anchorDayOf(period, b);
    const view: FeedView = period.kind === "day" ? "daily" : period.kind === "week" ? "weekly" : "monthly";
    const { heading, subheading, title, emptyText } = describePeriod(period);
    const nav = await periodNav(period, b);
    return sendPage(
      reply,
      200,
      <ListPage
        meta={{ title, path: withPage(path, page), section: "daily" }}
        site={site}
        view={view}
        heading={heading}
        subheading={subheading}
        tabs={await tabLinks(anchor, b)}
        nav={nav}
        {...pageOf(data, page, path)}
        orderNote="most upvoted first"
        empty={b.latest ? <EmptyPeriod text={emptyText} nav={nav} /> : <EmptyInstance />}
      />,
    );
  }

  app.get("/", CACHED, async (req, reply) => {
    const date = queryValue(req.query, "date");
    // The date picker submits ?date=; each day has one address, so send the reader there.
    if (date !== undefined) {
      const day = parseDay(date);
      if (!day) throw invalidDay(date);
      return reply.redirect(dayPath(day), 302);
    }
    const latest = await latestDay(db, categories);
    return sendPeriod(req, reply, dayPeriod(latest ?? isoDay(new Date())), "/");
  });

  app.get<{ Params: { day: string } }>("/papers/date/:day", CACHED, async (req, reply) => {
    const day = parseDay(req.params.day);
    if (!day) throw invalidDay(req.params.day);
    return sendPeriod(req, reply, dayPeriod(day), dayPath(day));
  });

  app.get<{ Params: { week: string } }>("/week/:week", CACHED, async (req, reply) => {
    const week = parseWeek(req.params.week);
    if (!week) throw invalidWeek(req.params.week);
    return sendPeriod(req, reply, week, weekPath(week.label));
  });

  app.get<{ Params: { month: string } }>("/month/:month", CACHED, async (req, reply) => {
    const month = parseMonth(req.params.month);
    if (!month) throw invalidMonth(req.params.month);
    return sendPeriod(req, reply, month, monthPath(month.label));
  });

  app.get("/trending", CACHED, async (req, reply) => {
    const page = parsePageParam(queryValue(req.query, "p"));
    const b = await bounds();
    const data = await listTrending(db, { categories, offset: page * FEED_PAGE_SIZE, limit: FEED_PAGE_SIZE });
    checkPageInRange(page, data.total, FEED_PAGE_SIZE);
    return sendPage(
      reply,
      200,
      <ListPage
        meta={{ title: "Trending papers", path: withPage("/trending", page), section: "trending" }}
        site={site}
        view="trending"
        heading="Trending papers"
        subheading={`Gaining upvotes over the last month, as of ${shortDay(lastMomentBefore(data.asOf))}`}
        tabs={await tabLinks(null, b)}
        {...pageOf(data, page, "/trending")}
        orderNote="recent upvotes count most"
        empty={b.latest ? <p>Nothing was listed in the last month.</p> : <EmptyInstance />}
      />,
    );
  });

  app.get("/new", CACHED, async (req, reply) => {
    const page = parsePageParam(queryValue(req.query, "p"));
    const b = await bounds();
    const to = b.latest ?? isoDay(new Date());
    const data = await listRange(db, {
      from: addDays(to, -NEW_WINDOW_DAYS),
      to,
      categories,
      sort: "publishedAt",
      offset: page * FEED_PAGE_SIZE,
      limit: FEED_PAGE_SIZE,
    });
    checkPageInRange(page, data.total, FEED_PAGE_SIZE);
    return sendPage(
      reply,
      200,
      <ListPage
        meta={{ title: "New papers", path: withPage("/new", page), section: "daily" }}
        site={site}
        view="new"
        heading="New papers"
        subheading={`The most recent first, from the ${NEW_WINDOW_DAYS} days up to ${shortDay(to)}`}
        tabs={await tabLinks(null, b)}
        {...pageOf(data, page, "/new")}
        orderNote="newest first"
        empty={b.latest ? <p>Nothing was listed in the last month.</p> : <EmptyInstance />}
      />,
    );
  });
}

/** A reference time of midnight means "up to the end of the day before": name that day. */
function lastMomentBefore(iso: string): string {
  return new Date(Date.parse(iso) - 1).toISOString();
}

function pageOf(data: ListSlice, page: number, path: string) {
  return {
    items: data.items,
    total: data.total,
    page,
    pageCount: Math.max(1, Math.ceil(data.total / FEED_PAGE_SIZE)),
    pageHref: (p: number) => withPage(path, p),
  };
}
