// One arXiv category's lists: a day, ISO week or month of the papers in that category. The same
// lists as the site's, narrowed to the category (a featured paper is on it only when it is in the
// category). Its page (/categories/<id>) orders them as the site's lists are ordered
// (communityOrder.ts, within the category); its feed and the API's category papers take a plain
// sort (newest or most upvoted first).
import type { Kysely } from "kysely";
import type { Database } from "../store/schema.ts";
import { type CommunitySlice, listCommunityOrder, type PaperVectors } from "./communityOrder.ts";
import { adjacentDay, type FeedSort, type ListSlice, listRange, type RangeQuery } from "./listing.ts";
import type { Period } from "./periods.ts";

/** The days of a category's list (a Period, or any range of days). */
export type DayRange = Pick<Period, "from" | "to">;

export interface CategoryListQuery {
  category: string;
  period: DayRange;
  sort: Exclude<FeedSort, "trending">;
  offset: number;
  limit: number;
}

/** The category's papers of a range: every announced paper in it and the featured ones in it. */
function categoryRange(category: string, period: DayRange): RangeQuery {
  return { from: period.from, to: period.to, categories: [], category };
}

/** A page of a category's list in a plain sort (the API and the feed). */
export function listCategory(db: Kysely<Database>, q: CategoryListQuery): Promise<ListSlice> {
  return listRange(db, {
    ...categoryRange(q.category, q.period),
    sort: q.sort,
    offset: q.offset,
    limit: q.limit,
  });
}

/**
 * A page of a category's list in the site's community order: the category's picks first, then
 * the rest by closeness to what the community picked in the category lately. `vectors` null: no
 * vectors on this instance (the rest is then newest first).
 */
export function listCategoryCommunityOrder(
  db: Kysely<Database>,
  vectors: PaperVectors | null,
  q: { category: string; period: DayRange; offset: number; limit: number },
): Promise<CommunitySlice> {
  return listCommunityOrder(db, vectors, {
    ...categoryRange(q.category, q.period),
    offset: q.offset,
    limit: q.limit,
  });
}

/** The newest day with papers of the category on its list, or null. */
export function latestCategoryDay(db: Kysely<Database>, category: string): Promise<string | null> {
  return adjacentDay(db, "9999-12-31", -1, [], true, category);
}

/** The first day with papers of the category on its list, or null. */
export function earliestCategoryDay(db: Kysely<Database>, category: string): Promise<string | null> {
  return adjacentDay(db, "0000-01-01", 1, [], true, category);
}

/**
 * The nearest day before (-1) or after (1) `day` with papers of the category on its list; with
 * inclusive, `day` itself counts.
 */
export function adjacentCategoryDay(
  db: Kysely<Database>,
  category: string,
  day: string,
  dir: -1 | 1,
  inclusive = false,
): Promise<string | null> {
  return adjacentDay(db, day, dir, [], inclusive, category);
}
