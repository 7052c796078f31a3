// What every list page shares: its deps, the page size, the instance's first and newest list
// days and the day the front page opens on, the tabs that keep the reader's place, and one page
// of a list for ListPage.
import type { AppServices } from "../../app/services.ts";
import { loadFeatures } from "../../community/recommend/features.ts";
import type { PaperVectors } from "../../lists/communityOrder.ts";
import { adjacentDay, type ListSlice, latestDay, latestFeaturedDay } from "../../lists/listing.ts";
import { addDays, isoDay, monthPeriodOf, weekPeriodOf } from "../../lists/periods.ts";
import { TRENDING_WINDOW_DAYS } from "../../lists/trending.ts";
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
  /** The search index, whose paper vectors order the papers nobody picked (communityOrder.ts). */
  search: AppServices["search"];
}

export function listDeps(ctx: AppServices): ListDeps {
  return {
    db: ctx.store.db,
    categories: ctx.config.categories,
    site: { baseUrl: ctx.config.baseUrl },
    clock: ctx.clock,
    search: ctx.search,
  };
}

/** The paper vectors of the search index (hashed TF-IDF on an instance too small for LSA). */
export async function paperVectors(deps: ListDeps): Promise<PaperVectors> {
  return loadFeatures(deps.search);
}

/** What every list page needs to know about the instance's data. */
export interface Bounds {
  latest: string | null;
  earliest: string | null;
  /** The clock's day, for an instance with no list yet. */
  today: string;
  /** The day the front page (/) opens on: see frontDay. */
  front: string | null;
}

/**
 * The front page opens on the newest day with community picks (featured, submitted or upvoted
 * papers), so a first visit starts with what people chose, when that day is at most
 * FRONT_LOOKBACK_DAYS older than the newest list; otherwise (no picks lately) on the newest day,
 * ordered by closeness to what the community picked before. The page links to newer days.
 */
export const FRONT_LOOKBACK_DAYS = TRENDING_WINDOW_DAYS;

export async function bounds({ db, categories, clock }: ListDeps): Promise<Bounds> {
  const [latest, earliest] = await Promise.all([
    latestDay(db, categories),
    adjacentDay(db, "0000-01-01", 1, categories, true),
  ]);
  const featured = latest ? await latestFeaturedDay(db, categories, latest) : null;
  const front = featured && featured >= addDays(latest as string, -FRONT_LOOKBACK_DAYS) ? featured : latest;
  return { latest, earliest, today: isoDay(clock.now()), front };
}

/** Tabs keep the reader's place: Weekly from a day opens that day's week, and so on. */
export function tabLinks(anchor: string | null, b: Bounds): TabLinks {
  const day = anchor ?? b.front ?? b.today;
  return {
    daily: day === b.front || !anchor ? "/" : dayPath(day),
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
