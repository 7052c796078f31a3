// The order of a day's (week's, month's) list on the site, so the first screen shows what the
// community cares about instead of a wall of papers at 0 upvotes:
//
// 1. Community picks: the papers of the list with a community signal (featured from a
//    daily-papers source, submitted here, or upvoted), most upvoted first (ties: newer day, newer
//    paper, id). These are the papers /api/daily_papers lists for the same period.
// 2. The rest, closest first to what the community picked recently: the cosine between a paper's
//    vector (the search engine's LSA vector of its title and abstract) and the community's
//    interest, the mean of the vectors of the papers picked in the INTEREST_WINDOW_DAYS days up
//    to the list's last day, each weighted 1 + ln(1 + upvotes). Papers without a vector follow,
//    newest first. With no pick in that window (or no vectors), the rest is newest first.
//
// A category's lists (RangeQuery.category) are ordered the same way within the category: its
// picks first, then the rest by closeness to the picks of that category in the window.
//
// Ties break by id, so the order is total and pages are stable.
import type { Kysely } from "kysely";
import type { Database } from "../store/schema.ts";
import {
  type Candidate,
  candidates,
  hasSignal,
  type ListSlice,
  page,
  type RangeQuery,
  sortCandidates,
} from "./listing.ts";
import { addDays } from "./periods.ts";
import { TRENDING_WINDOW_DAYS } from "./trending.ts";

/** How far back the community's picks shape the order of the rest: the Trending window. */
export const INTEREST_WINDOW_DAYS = TRENDING_WINDOW_DAYS;

/** Paper vectors (the For-you feature space fits): unit vectors, and w·x for a paper. */
export interface PaperVectors {
  vector(paperId: string): Float32Array | null;
  score(paperId: string, w: Float32Array, b: number): number | null;
}

/** How the papers after the picks are ordered. */
export type RestOrder = "closeness" | "newest";

export interface CommunitySlice extends ListSlice {
  /** How many papers of the whole list are community picks (they come first). */
  picks: number;
  rest: RestOrder;
  /** How many picks of the interest window shaped the order of the rest (0 with "newest"). */
  interestPicks: number;
}

function cmpDesc(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}

/** The community's interest: the weighted mean of the picks' vectors, as a unit vector. */
export function interestVector(picks: Candidate[], vectors: PaperVectors): Float32Array | null {
  let sum: Float32Array | null = null;
  for (const c of picks) {
    const v = vectors.vector(c.id);
    if (!v) continue;
    sum ??= new Float32Array(v.length);
    const w = 1 + Math.log1p(Math.max(0, c.upvotes));
    for (let i = 0; i < v.length; i++) sum[i] += w * v[i];
  }
  if (!sum) return null;
  let norm = 0;
  for (let i = 0; i < sum.length; i++) norm += sum[i] * sum[i];
  if (norm === 0) return null;
  const inv = 1 / Math.sqrt(norm);
  for (let i = 0; i < sum.length; i++) sum[i] *= inv;
  return sum;
}

/** The whole list in the community order (see the top of this file). */
export function communityOrder(
  list: Candidate[],
  interest: Float32Array | null,
  vectors: PaperVectors | null,
): { ordered: Candidate[]; picks: number; rest: RestOrder } {
  const picks = sortCandidates(list.filter(hasSignal), "upvotes", 0);
  const others = list.filter((c) => !hasSignal(c));
  const newest = (a: Candidate, b: Candidate) => cmpDesc(a.publishedAt, b.publishedAt) || cmpDesc(a.id, b.id);
  if (!interest || !vectors) {
    return { ordered: [...picks, ...others.sort(newest)], picks: picks.length, rest: "newest" };
  }
  const scored = others.map((c) => ({ c, score: vectors.score(c.id, interest, 0) }));
  scored.sort((a, b) => {
    if (a.score === null || b.score === null) {
      if (a.score !== b.score) return a.score === null ? 1 : -1;
      return newest(a.c, b.c);
    }
    return b.score - a.score || newest(a.c, b.c);
  });
  return { ordered: [...picks, ...scored.map((s) => s.c)], picks: picks.length, rest: "closeness" };
}

/** A page of a period's list in the community order. `vectors` null: no vectors on this instance. */
export async function listCommunityOrder(
  db: Kysely<Database>,
  vectors: PaperVectors | null,
  q: RangeQuery & { offset: number; limit: number },
): Promise<CommunitySlice> {
  const list = await candidates(db, q);
  let interest: Float32Array | null = null;
  let interestPicks = 0;
  if (vectors && list.some((c) => !hasSignal(c))) {
    const window = await candidates(db, {
      from: addDays(q.to, -INTEREST_WINDOW_DAYS),
      to: q.to,
      categories: q.categories,
      category: q.category,
      scope: "featured",
    });
    interest = interestVector(window, vectors);
    interestPicks = interest ? window.length : 0;
  }
  const { ordered, picks, rest } = communityOrder(list, interest, vectors);
  return { ...(await page(db, ordered, q.offset, q.limit)), picks, rest, interestPicks };
}
