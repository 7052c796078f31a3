// What the feed shows. A day's list holds (1) papers newly announced that day in one of the
// instance's followed categories and (2) papers featured or submitted that day, whatever their
// category. Weeks and months are the union of their days. See "Which papers make a day's list"
// in the README.
//
// A day's featured papers (what the public daily-papers API lists, and the top of the Daily
// page) are the papers the community put there: featured (mirrored from a daily-papers feed) or
// submitted that day, and the papers of that day's list with at least one upvote.
import { type ExpressionBuilder, type Kysely, sql } from "kysely";
import type { Paper } from "../model/paper.ts";
import { getPapers } from "../store/papers.ts";
import type { Database } from "../store/schema.ts";
import { addDays } from "./periods.ts";
import { rankTrending, TRENDING_WINDOW_DAYS } from "./trending.ts";

export type FeedSort = "upvotes" | "publishedAt" | "trending";

export interface FeedItem {
  paper: Paper;
  /** The list day this item belongs to. */
  day: string;
  /**
   * "announced" (new in a followed category), "featured" (mirrored), "submitted" (here), or
   * "upvoted" (announced, with upvotes: only in the featured scope).
   */
  source: string;
  featuredBy: string | null;
}

export interface ListSlice {
  items: FeedItem[];
  total: number;
}

/** A paper of a range before it is ordered: what the orders need, without the paper itself. */
export interface Candidate {
  id: string;
  day: string;
  source: string;
  featuredBy: string | null;
  upvotes: number;
  publishedAt: string;
  listedAt: string;
}

export interface RangeQuery {
  from: string;
  to: string;
  /** Followed categories; empty means every category. */
  categories: string[];
  /** Only papers featured/submitted by this name. */
  submitter?: string | null;
  /**
   * all (the default): the whole list; featured: only the papers with a community signal
   * (featured, submitted, or upvoted), see the top of this file.
   */
  scope?: ListScope;
  /** Only papers in this category, featured ones included (the followed categories still apply). */
  category?: string | null;
}

export type ListScope = "all" | "featured";

/**
 * A paper with a community signal: on the list by a featured or submitted entry, or upvoted.
 * Trending lists only these; the Daily page shows them first.
 */
export function hasSignal(c: Candidate): boolean {
  return c.source !== "announced" || c.upvotes > 0;
}

/** Every paper of a range, once each (a featured entry wins over a plain announcement). */
export async function candidates(db: Kysely<Database>, q: RangeQuery): Promise<Candidate[]> {
  const byId = new Map<string, Candidate>();
  const featuredOnly = q.scope === "featured";
  if (!q.submitter) {
    let announced = db
      .selectFrom("papers")
      .select(["id", "list_day", "upvotes", "published_at"])
      .where("list_day", ">=", q.from)
      .where("list_day", "<=", q.to);
    if (q.categories.length) announced = announced.where(inFollowedCategories(q.categories));
    if (q.category) announced = announced.where(inFollowedCategories([q.category]));
    if (featuredOnly) announced = announced.where("upvotes", ">", 0);
    for (const r of await announced.execute()) {
      const day = r.list_day as string;
      byId.set(r.id, {
        id: r.id,
        day,
        source: featuredOnly ? "upvoted" : "announced",
        featuredBy: null,
        upvotes: r.upvotes,
        publishedAt: r.published_at ?? "",
        listedAt: `${day}T00:00:00.000Z`,
      });
    }
  }
  let entries = db
    .selectFrom("daily_entries as d")
    .innerJoin("papers as p", "p.id", "d.paper_id")
    .select(["d.day", "d.paper_id", "d.source", "d.featured_by", "p.upvotes", "p.published_at"])
    .where("d.day", ">=", q.from)
    .where("d.day", "<=", q.to)
    .orderBy("d.day");
  if (q.submitter) entries = entries.where("d.featured_by", "=", q.submitter);
  if (q.category) {
    const inCategory = db
      .selectFrom("paper_categories")
      .select("paper_id")
      .where("category", "=", q.category);
    entries = entries.where("d.paper_id", "in", inCategory);
  }
  for (const r of await entries.execute()) {
    // A featured entry wins over a plain announcement: it says who put the paper on the list.
    byId.set(r.paper_id, {
      id: r.paper_id,
      day: r.day,
      source: r.source,
      featuredBy: r.featured_by,
      upvotes: r.upvotes,
      publishedAt: r.published_at ?? "",
      listedAt: `${r.day}T00:00:00.000Z`,
    });
  }
  return [...byId.values()];
}

/**
 * "Has at least one of these categories", as a correlated EXISTS: SQLite then drives the query
 * from the papers' own index (list_day) and probes paper_categories per row, instead of first
 * collecting every paper of the followed categories.
 */
function inFollowedCategories(categories: string[]) {
  return (eb: ExpressionBuilder<Database, "papers">) =>
    eb.exists(
      eb
        .selectFrom("paper_categories as pc")
        .select(sql`1`.as("one"))
        .whereRef("pc.paper_id", "=", "papers.id")
        .where("pc.category", "in", categories),
    );
}

function cmpDesc(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}

export function sortCandidates(list: Candidate[], sort: FeedSort, now: number): Candidate[] {
  if (sort === "trending") return rankTrending(list, now);
  if (sort === "publishedAt") {
    return list.sort((a, b) => cmpDesc(a.publishedAt, b.publishedAt) || cmpDesc(a.id, b.id));
  }
  return list.sort(
    (a, b) =>
      b.upvotes - a.upvotes ||
      cmpDesc(a.day, b.day) ||
      cmpDesc(a.publishedAt, b.publishedAt) ||
      cmpDesc(a.id, b.id),
  );
}

/** One page of an ordered range, with the papers read in one query. */
export async function page(
  db: Kysely<Database>,
  sorted: Candidate[],
  offset: number,
  limit: number,
): Promise<ListSlice> {
  const slice = sorted.slice(offset, offset + limit);
  const papers = new Map(
    (
      await getPapers(
        db,
        slice.map((c) => c.id),
      )
    ).map((p) => [p.id, p]),
  );
  const items = slice
    .filter((c) => papers.has(c.id))
    .map((c) => ({
      paper: papers.get(c.id) as Paper,
      day: c.day,
      source: c.source,
      featuredBy: c.featuredBy,
    }));
  return { items, total: sorted.length };
}

/**
 * A page of a range in one order. Trending needs its reference time (ms): referenceNow() of the
 * caller's clock, or an instant of the caller's choosing; the other orders do not use it.
 */
export type ListQuery = RangeQuery & { offset: number; limit: number } & (
    | { sort: "trending"; now: number }
    | { sort: Exclude<FeedSort, "trending">; now?: number }
  );

/** Papers of a day/week/month range, sorted and paginated. */
export async function listRange(db: Kysely<Database>, q: ListQuery): Promise<ListSlice> {
  return page(db, sortCandidates(await candidates(db, q), q.sort, q.now ?? 0), q.offset, q.limit);
}

/**
 * The Trending view: papers with a community signal listed in the last TRENDING_WINDOW_DAYS
 * before the reference time (a paper nobody picked has nothing to trend with: it is in New).
 */
export async function listTrending(
  db: Kysely<Database>,
  /** `now`: the reference time (ms), referenceNow() of the caller's clock or an instant it chooses. */
  q: { categories: string[]; offset: number; limit: number; now: number },
): Promise<ListSlice & { asOf: string }> {
  const now = q.now;
  const to = new Date(now).toISOString().slice(0, 10);
  const from = addDays(to, -TRENDING_WINDOW_DAYS);
  const list = (await candidates(db, { from, to, categories: q.categories })).filter(hasSignal);
  const result = await page(db, rankTrending(list, now), q.offset, q.limit);
  return { ...result, asOf: new Date(now).toISOString() };
}

/**
 * The newest day that has featured papers (featured, submitted, or upvoted on its list) up to
 * `until` (inclusive), or null when the community has picked nothing yet.
 */
export async function latestFeaturedDay(
  db: Kysely<Database>,
  categories: string[],
  until = "9999-12-31",
): Promise<string | null> {
  let upvoted = db
    .selectFrom("papers")
    .select("list_day")
    .where("list_day", "<=", until)
    .where("upvotes", ">", 0)
    .orderBy("list_day", "desc")
    .limit(1);
  if (categories.length) upvoted = upvoted.where(inFollowedCategories(categories));
  const [a, b] = await Promise.all([
    upvoted.executeTakeFirst(),
    db
      .selectFrom("daily_entries")
      .select("day")
      .where("day", "<=", until)
      .orderBy("day", "desc")
      .limit(1)
      .executeTakeFirst(),
  ]);
  const days = [a?.list_day, b?.day].filter((d): d is string => typeof d === "string");
  return days.length ? days.reduce((x, y) => (x > y ? x : y)) : null;
}

/** The newest day that has a list, or null for an empty instance. */
export async function latestDay(db: Kysely<Database>, categories: string[]): Promise<string | null> {
  return adjacentDay(db, "9999-12-31", -1, categories, true);
}

/**
 * The closest day before (dir=-1) or after (dir=1) `day` that has a list; with inclusive, `day`
 * itself counts. With `category`, a day counts only when its list holds a paper of that category
 * (a featured one included), as the category's own lists do (see RangeQuery.category).
 */
export async function adjacentDay(
  db: Kysely<Database>,
  day: string,
  dir: -1 | 1,
  categories: string[],
  inclusive = false,
  category: string | null = null,
): Promise<string | null> {
  const op = dir < 0 ? (inclusive ? "<=" : "<") : inclusive ? ">=" : ">";
  const order = dir < 0 ? "desc" : "asc";
  // ORDER BY + LIMIT 1 walks the list_day index from `day` and stops at the first paper in a
  // followed category (an aggregate with this filter would scan every candidate).
  let q = db
    .selectFrom("papers")
    .select("list_day")
    .where("list_day", op, day)
    .orderBy("list_day", order)
    .limit(1);
  if (categories.length) q = q.where(inFollowedCategories(categories));
  if (category) q = q.where(inFollowedCategories([category]));
  const announced = (await q.executeTakeFirst())?.list_day ?? null;
  let entries = db
    .selectFrom("daily_entries")
    .select("day")
    .where("day", op, day)
    .orderBy("day", order)
    .limit(1);
  if (category) {
    const inCategory = db.selectFrom("paper_categories").select("paper_id").where("category", "=", category);
    entries = entries.where("paper_id", "in", inCategory);
  }
  const featured = (await entries.executeTakeFirst())?.day ?? null;
  if (!announced) return featured;
  if (!featured) return announced;
  return dir < 0
    ? announced > featured
      ? announced
      : featured
    : announced < featured
      ? announced
      : featured;
}

/**
 * "Now" for trending: the real clock, except on an instance whose newest list is older than
 * that (a demo or a paused harvester), where it is the end of the newest day, so Trending still
 * shows the last month the instance knows instead of nothing.
 */
export async function referenceNow(
  db: Kysely<Database>,
  categories: string[],
  /** The caller's clock (ms). */
  clock: number,
): Promise<number> {
  const latest = await latestDay(db, categories);
  if (!latest) return clock;
  const endOfLatest = Date.parse(`${addDays(latest, 1)}T00:00:00Z`);
  return Math.min(clock, endOfLatest);
}
