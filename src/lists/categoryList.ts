// One arXiv category's lists (its page, /categories/<id>, and the API's category papers): a day,
// ISO week or month of the papers in that category, most upvoted first. The same lists as the
// site's, narrowed to the category (a featured paper is on it only when it is in the category).
import type { Kysely } from "kysely";
import type { Database } from "../store/schema.ts";
import { adjacentDay, type FeedSort, type ListSlice, latestDay, listRange } from "./listing.ts";
import type { Period } from "./periods.ts";

export interface CategoryListQuery {
  category: string;
  period: Period;
  sort: Exclude<FeedSort, "trending">;
  offset: number;
  limit: number;
}

export function listCategory(db: Kysely<Database>, q: CategoryListQuery): Promise<ListSlice> {
  return listRange(db, {
    from: q.period.from,
    to: q.period.to,
    categories: [],
    category: q.category,
    sort: q.sort,
    offset: q.offset,
    limit: q.limit,
  });
}

/** The newest day with papers announced in the category, or null. */
export function latestCategoryDay(db: Kysely<Database>, category: string): Promise<string | null> {
  return latestDay(db, [category]);
}

/** The nearest day before (-1) or after (1) `day` with papers announced in the category. */
export function adjacentCategoryDay(
  db: Kysely<Database>,
  category: string,
  day: string,
  dir: -1 | 1,
): Promise<string | null> {
  return adjacentDay(db, day, dir, [category]);
}
