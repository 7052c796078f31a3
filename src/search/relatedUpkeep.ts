// Similar-paper upkeep: brings the stored similar-papers lists (related.ts) of the papers readers
// are most likely to open up to date in the background, so the first reader of a newly announced
// paper does not wait for its list to be computed, nor a later reader for new papers to be merged
// in. The papers it looks after ("hot"), most likely opened first:
//
// 1. the community's picks of the Trending window (papers featured, submitted or upvoted on a
//    list of the last TRENDING_WINDOW_DAYS), in Trending's order: they make the Trending page
//    and the top of every recent day's list, the front page's among them;
// 2. papers upvoted in the last RECENT_VOTE_DAYS, whatever day they were listed: a fresh upvote
//    marks a paper people are reading now;
// 3. every paper of the NEWEST_DAYS newest list days: the newest announcements, which readers
//    browse from the front page and find in search.
//
// at most HOT_LIMIT papers in all. Of these, a pass takes the papers whose stored list is
// missing, made with another vector model or older than the engine's last seq (staleRelated), and
// brings each up to date through relatedList: computed afresh, or merged with the papers indexed
// since. Any other paper gets its list when someone first opens it.
//
// A pass runs in chunks of UPKEEP_CHUNK papers; `serve` and `worker` run each chunk under the
// lease "search:related" (src/worker/backgroundWork.ts), so one process at a time does it.
// Lists are stored paper by paper, so a chunk taken over from a dead process redoes only the
// lists it had not saved, and a second pass over unchanged data finds nothing to do. A pass
// visits each paper at most once, so it ends even while an import keeps advancing the seq.
import { performance } from "node:perf_hooks";
import { adjacentDay, candidates, latestDay, referenceNow, sortCandidates } from "../lists/listing.ts";
import { addDays, isoDay } from "../lists/periods.ts";
import { TRENDING_WINDOW_DAYS } from "../lists/trending.ts";
import type { Clock } from "../model/clock.ts";
import { recentlyUpvoted } from "../store/votes.ts";
import { type ChunkLoopOptions, startChunkLoop } from "../worker/chunkLoop.ts";
import { getEngine } from "./engine.ts";
import { type RelatedDeps, relatedList, staleRelated } from "./related.ts";

/** The most papers a pass looks after: two busy days of lists plus a month's picks. */
export const HOT_LIMIT = 1500;
/** The newest list days whose every paper is looked after. */
export const NEWEST_DAYS = 2;
/** Papers upvoted this recently are looked after, wherever they were listed. */
export const RECENT_VOTE_DAYS = 7;
/** Papers per chunk (one lease): a few seconds of work even on a million papers. */
export const UPKEEP_CHUNK = 40;

export interface RelatedUpkeepDeps extends RelatedDeps {
  /** The instance's followed categories, which decide what makes a day's list. */
  categories: string[];
  clock: Clock;
}

export interface UpkeepCounts {
  /** Lists computed from scratch (none stored, or made with another vector model). */
  computed: number;
  /** Stored lists merged with the papers indexed since. */
  updated: number;
}

/** The papers readers are most likely to open, most likely first (see the top of this file). */
export async function hotPapers(deps: RelatedUpkeepDeps, limit = HOT_LIMIT): Promise<string[]> {
  const db = deps.store.db;
  const { categories } = deps;
  const hot = new Set<string>();
  const add = (ids: Iterable<string>) => {
    for (const id of ids) {
      if (hot.size >= limit) return;
      hot.add(id);
    }
  };
  // The Trending view's papers and order (src/lists/listing.ts listTrending).
  const now = await referenceNow(db, categories, deps.clock.now().getTime());
  const to = isoDay(new Date(now));
  const picks = await candidates(db, {
    from: addDays(to, -TRENDING_WINDOW_DAYS),
    to,
    categories,
    scope: "featured",
  });
  add(sortCandidates(picks, "trending", now).map((c) => c.id));
  const since = new Date(deps.clock.now().getTime() - RECENT_VOTE_DAYS * 86_400_000).toISOString();
  add(await recentlyUpvoted(db, since, limit));
  let day = await latestDay(db, categories);
  for (let i = 0; day !== null && i < NEWEST_DAYS && hot.size < limit; i++) {
    const list = await candidates(db, { from: day, to: day, categories });
    add(sortCandidates(list, "upvotes", 0).map((c) => c.id));
    day = await adjacentDay(db, day, -1, categories);
  }
  return [...hot];
}

/** One pass over the hot papers, done a chunk at a time (by one process or, taken over, several). */
export class RelatedUpkeepPass {
  readonly counts: UpkeepCounts = { computed: 0, updated: 0 };
  /** performance.now() when the pass began, for the log. */
  readonly startedAt = performance.now();
  private hot: string[] | null = null;
  private readonly visited = new Set<string>();

  constructor(private readonly deps: RelatedUpkeepDeps) {}

  /** Lists this pass wrote so far. */
  get lists(): number {
    return this.counts.computed + this.counts.updated;
  }

  /**
   * Brings the next `max` stale lists of the pass up to date, hot papers first; returns how many
   * papers it took, 0 once none is left (the pass is over). Between papers it lets requests run
   * (`yieldToRequests`) and stops when `signal` aborts (the chunk's lease was lost).
   */
  async chunk(opts: { max?: number; yieldToRequests?: boolean; signal?: AbortSignal } = {}): Promise<number> {
    this.hot ??= await hotPapers(this.deps);
    const engine = await getEngine(this.deps.search);
    const todo = await staleRelated(
      this.deps.store.db,
      engine,
      this.hot.filter((id) => !this.visited.has(id)),
      opts.max ?? UPKEEP_CHUNK,
    );
    const done: UpkeepCounts = { computed: 0, updated: 0 };
    let taken = 0;
    for (const id of todo) {
      if (opts.signal?.aborted) break;
      if (opts.yieldToRequests && taken > 0) await new Promise((r) => setImmediate(r));
      this.visited.add(id);
      taken++;
      const { how } = await relatedList(this.deps, id);
      if (how === "computed") done.computed++;
      else if (how === "incremental") done.updated++;
    }
    this.counts.computed += done.computed;
    this.counts.updated += done.updated;
    if (done.computed + done.updated > 0) this.deps.search.onRelatedLists?.(done);
    return taken;
  }

  /** The log line of a pass that wrote lists. */
  describe(): string {
    const secs = ((performance.now() - this.startedAt) / 1000).toFixed(1);
    return `search: similar papers: ${this.lists} lists brought up to date (${this.counts.computed} computed, ${this.counts.updated} updated) in ${secs} s`;
  }
}

/** One whole pass in one go; returns what it wrote. */
export async function upkeepRelated(
  deps: RelatedUpkeepDeps,
  opts: { yieldToRequests?: boolean } = {},
): Promise<UpkeepCounts> {
  const pass = new RelatedUpkeepPass(deps);
  while ((await pass.chunk(opts)) > 0) {
    // the next chunk
  }
  return pass.counts;
}

/**
 * Keeps the hot papers' lists current in the background of `serve` and `worker`: a pass a chunk
 * at a time (src/worker/chunkLoop.ts), one log line per pass that wrote lists. Returns a stop
 * function.
 */
export function startRelatedUpkeep(
  deps: RelatedUpkeepDeps,
  opts: {
    idleMs?: number;
    firstMs?: number;
    log?: (line: string) => void;
    warn?: (line: string) => void;
    /** Runs each chunk as the one process doing it (the lease "search:related"). */
    exclusive?: ChunkLoopOptions["exclusive"];
  } = {},
): () => Promise<void> {
  let pass: RelatedUpkeepPass | null = null;
  return startChunkLoop({
    chunk: (signal) => {
      pass ??= new RelatedUpkeepPass(deps);
      return pass.chunk({ yieldToRequests: true, signal });
    },
    exclusive: opts.exclusive,
    idleMs: opts.idleMs,
    firstMs: opts.firstMs,
    onError: (e) => (opts.warn ?? opts.log)?.(`search: similar papers upkeep failed: ${e.message}`),
    // A pass ends when a chunk finds nothing left, another process has the work, or a chunk
    // failed; the next run starts a new pass with the hot papers of its time.
    onRunEnd: () => {
      if (pass && pass.lists > 0) opts.log?.(pass.describe());
      pass = null;
    },
  });
}
