// Trending: community upvotes with time decay, Hacker-News style.
//
//   score = upvotes / (ageHours + 2) ^ GRAVITY
//
// ageHours counts from the moment the paper reached a list (the start of its list day, or the
// day it was featured, whichever is later) to the reference time. The +2 keeps brand-new papers
// from dividing by ~0; GRAVITY = 1.5 halves a paper's score in roughly its first 1.5 days.
// Papers without upvotes score 0 and follow the upvoted ones, newest first. Ties break by newer
// first, then by id, so the order is total and pagination is stable.

export const GRAVITY = 1.5;
/** Only papers that reached a list within this many days of the reference time can trend. */
export const TRENDING_WINDOW_DAYS = 30;

export interface TrendingCandidate {
  id: string;
  upvotes: number;
  /** ISO timestamp when the paper reached a list. */
  listedAt: string;
}

export function trendingScore(upvotes: number, listedAt: string, now: number): number {
  const ageHours = Math.max(0, (now - Date.parse(listedAt)) / 3_600_000);
  return upvotes / (ageHours + 2) ** GRAVITY;
}

export function rankTrending<T extends TrendingCandidate>(items: T[], now: number): T[] {
  const scored = items.map((item) => ({ item, score: trendingScore(item.upvotes, item.listedAt, now) }));
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      (a.item.listedAt < b.item.listedAt ? 1 : a.item.listedAt > b.item.listedAt ? -1 : 0) ||
      (a.item.id < b.item.id ? 1 : a.item.id > b.item.id ? -1 : 0),
  );
  return scored.map((s) => s.item);
}
