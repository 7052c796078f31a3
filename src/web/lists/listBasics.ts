// What every list page shares: its deps, the page size, the instance's first and newest list
// days, the tabs that keep the reader's place, and one page of a list for ListPage.
import type { AppServices } from "../../app/services.ts";
import { adjacentDay, type ListSlice, latestDay } from "../../lists/listing.ts";
import { isoDay, monthPeriodOf, weekPeriodOf } from "../../lists/periods.ts";
import type { Clock } from "../../model/clock.ts";
import type { Site } from "../components/Layout.tsx";
import { dayPath, monthPath, weekPath, withPage } from "../urls.ts";
import type { TabLinks } from "./ListPage.tsx";

export const FEED_PAGE_SIZE = 30;

/** Same page for every anonymous reader until the data changes (see responseCache.ts). */
export const CACHED = { config: { cache: true } };

export interface ListDeps {
  db: AppServices["store"]["db"];
  categories: string[];
  site: Site;
  /** Today for an instance with no list yet, and the reference time of Trending. */
  clock: Clock;
}

export function listDeps(ctx: AppServices): ListDeps {
  return {
    db: ctx.store.db,
    categories: ctx.config.categories,
    site: { baseUrl: ctx.config.baseUrl },
    clock: ctx.clock,
  };
}

/** What every list page needs to know about the instance's data. */
export interface Bounds {
  latest: string | null;
  earliest: string | null;
  /** The clock's day, for an instance with no list yet. */
  today: string;
}

export async function bounds({ db, categories, clock }: ListDeps): Promise<Bounds> {
  const [latest, earliest] = await Promise.all([
    latestDay(db, categories),
    adjacentDay(db, "0000-01-01", 1, categories, true),
  ]);
  return { latest, earliest, today: isoDay(clock.now()) };
}

/** Tabs keep the reader's place: Weekly from a day opens that day's week, and so on. */
export function tabLinks(anchor: string | null, b: Bounds): TabLinks {
  const day = anchor ?? b.latest ?? b.today;
  return {
    daily: day === b.latest || !anchor ? "/" : dayPath(day),
    weekly: weekPath(weekPeriodOf(day).label),
    monthly: monthPath(monthPeriodOf(day).label),
    trending: "/trending",
    new: "/new",
  };
}

export function pageOf(data: ListSlice, page: number, path: string) {
  return {
    items: data.items,
    total: data.total,
    page,
    pageCount: Math.max(1, Math.ceil(data.total / FEED_PAGE_SIZE)),
    pageHref: (p: number) => withPage(path, p),
  };
}
