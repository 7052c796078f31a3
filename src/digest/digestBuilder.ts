// Builds the digest editions of one period. The expensive part, ranking the period's papers, is
// done once per period for everything the instance lists (a "pool"); each topic set's edition is
// then a filter of that ranking, read off a per-category index, so 100,000 subscribers with a few
// hundred distinct topic sets cost a few hundred cheap merges, not 100,000 queries.
//
// Why a filtered pool equals asking listRange for the topics directly: listRange's order compares
// each item on its own fields (upvotes, day, date, id; or its trending score), so the order of a
// subset is the order of the whole restricted to it; and the subset is the same (papers announced
// in the topics plus featured ones, kept when one of their categories is a topic). Tested against
// the direct query in digestBuilder.test.ts.
import type { Kysely } from "kysely";
import type { Config } from "../config/load.ts";
import { type FeedItem, listRange, listTrending, referenceNow } from "../lists/listing.ts";
import { addDays } from "../lists/periods.ts";
import type { Paper } from "../model/paper.ts";
import type { Database } from "../store/schema.ts";
import { type EditionContent, toDigestPaper } from "./edition.ts";
import type { DigestPeriod } from "./periods.ts";

export const TOP_SIZE = { daily: 10, weekly: 15 } as const;
export const TRENDING_SIZE = 5;
/** Upper bound on a pool: far above any real week of a few categories, it only caps the memory. */
const POOL_LIMIT = 200_000;

/** A ranked list with, per category, the positions of its papers in rank order. */
class RankedList {
  private readonly byCategory = new Map<string, number[]>();

  constructor(readonly papers: Paper[]) {
    papers.forEach((p, i) => {
      for (const c of new Set(p.categories)) {
        let list = this.byCategory.get(c);
        if (!list) {
          list = [];
          this.byCategory.set(c, list);
        }
        list.push(i);
      }
    });
  }

  /** The first `n` papers in any of `topics` ([] = no filter), skipping `exclude`. */
  first(topics: readonly string[], n: number, exclude: ReadonlySet<string> = new Set()): Paper[] {
    if (topics.length === 0) return this.papers.filter((p) => !exclude.has(p.id)).slice(0, n);
    // Merge the categories' position lists; each list is sorted, so the first n + |exclude| of each suffice.
    const take = n + exclude.size;
    const positions = new Set<number>();
    for (const t of topics) for (const i of (this.byCategory.get(t) ?? []).slice(0, take)) positions.add(i);
    return [...positions]
      .sort((a, b) => a - b)
      .map((i) => this.papers[i])
      .filter((p) => !exclude.has(p.id))
      .slice(0, n);
  }
}

export class PeriodPool {
  private constructor(
    readonly period: DigestPeriod,
    private readonly top: RankedList,
    private readonly trending: RankedList,
  ) {}

  /** Ranks the period's list (by upvotes) and what is trending at its end, for all followed categories. */
  static async load(
    db: Kysely<Database>,
    config: Pick<Config, "categories">,
    period: DigestPeriod,
    /** The time of the build, in ms (the caller's clock). */
    clock: number,
  ): Promise<PeriodPool> {
    const categories = config.categories;
    const range = await listRange(db, {
      from: period.from,
      to: period.to,
      categories,
      sort: "upvotes",
      offset: 0,
      limit: POOL_LIMIT,
    });
    // Trending as of the last moment of the period (or of the newest list the instance has, if
    // older): papers listed after the period belong to the next digest, not this one.
    const endOfPeriod = Date.parse(`${addDays(period.to, 1)}T00:00:00Z`) - 1;
    const now = Math.min(endOfPeriod, await referenceNow(db, categories, clock));
    const trending = await upvotedTrending(db, categories, now);
    return new PeriodPool(period, new RankedList(range.items.map((i) => i.paper)), new RankedList(trending));
  }

  /** The edition for one topic set, or null when the period has nothing in those topics. */
  edition(topics: readonly string[]): EditionContent | null {
    const top = this.top.first(topics, TOP_SIZE[this.period.frequency]);
    if (top.length === 0) return null;
    const shown = new Set(top.map((p) => p.id));
    const trending = this.trending.first(topics, TRENDING_SIZE, shown);
    return {
      version: 1,
      period: this.period,
      topics: [...topics],
      top: top.map(toDigestPaper),
      trending: trending.map(toDigestPaper),
    };
  }
}

/** Trending papers with at least one upvote (the rest score 0: "trending" would be a lie). */
async function upvotedTrending(db: Kysely<Database>, categories: string[], now: number): Promise<Paper[]> {
  const out: Paper[] = [];
  // Upvoted papers come first in the trending order; read pages of doubling size until the first
  // paper without upvotes (each call ranks the whole window, so few calls matter more than small ones).
  let offset = 0;
  for (let size = 500; offset < POOL_LIMIT; size *= 2) {
    const page = await listTrending(db, { categories, offset, limit: size, now });
    const upvoted = page.items.filter((i: FeedItem) => i.paper.upvotes > 0);
    out.push(...upvoted.map((i) => i.paper));
    if (upvoted.length < page.items.length || page.items.length < size) break;
    offset += size;
  }
  return out;
}
