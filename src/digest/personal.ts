// The personal part of a digest, for a subscription that belongs to an account: "Picked for you"
// (the For-you ranker of src/community/recommend, run over the period's candidates) and the new
// papers of the reader's saved searches. Built by the scheduler next to the shared edition and
// stored in the outbox row's payload; the papers it carries are recorded in the same transaction
// (see periodBuilder.ts), so a paper is picked for a reader once, and alerted once per alert.

import { newPapersOfFollowedAuthors } from "../community/followedAuthors.ts";
import { CandidateSet } from "../community/recommend/candidateSet.ts";
import { type FeatureSpace, loadFeatures } from "../community/recommend/features.ts";
import { dismissedFromSignals, positivesFromSignals } from "../community/recommend/forYou.ts";
import {
  type Pick,
  type Positive,
  type PositiveSource,
  seedOf,
  trainUserModel,
} from "../community/recommend/userModel.ts";
import { addDays } from "../lists/periods.ts";
import { TRENDING_WINDOW_DAYS } from "../lists/trending.ts";
import { search } from "../search/searchPapers.ts";
import { batches } from "../store/batches.ts";
import { getPapers } from "../store/papers.ts";
import { type ReaderSignals, readerSignals } from "../store/readerSignals.ts";
import { type RecentPaper, recentPapers } from "../store/recentPapers.ts";
import { alertedPaperIdsOf, type SavedSearch } from "../store/savedSearches.ts";
import { sentPaperIdsOf } from "../store/sentPapers.ts";
import type { Subscriber } from "../store/subscribers.ts";
import { texToText } from "../text/texText.ts";
import type { DigestDeps } from "./deps.ts";
import { type DigestPaper, type EditionContent, toDigestPaper } from "./edition.ts";
import type { DigestPeriod } from "./periods.ts";

export const PICKS_SIZE = { daily: 5, weekly: 10 } as const;
/** Papers shown per saved search in one mail; the rest are counted and linked. */
export const ALERT_SHOWN = 10;
/** How deep the newest-first search is read for papers that arrived since the last run. */
export const ALERT_SCAN = 2_000;

export interface DigestPick extends DigestPaper {
  /** The reader's own paper this pick is most like ("because you saved X"). */
  because: { id: string; title: string; source: PositiveSource } | null;
  /** Picked because the reader follows this author (as the paper spells the name); absent in older payloads. */
  followedAuthor?: string | null;
}

export interface AlertSection {
  searchId: string;
  query: string;
  papers: DigestPaper[];
  /** Matches not shown (beyond ALERT_SHOWN). */
  more: number;
}

/** Payload of a personal "digest" outbox row. */
export interface PersonalContent {
  version: 1;
  period: DigestPeriod;
  topics: string[];
  picks: DigestPick[];
  /** Saved searches delivered in the digest. */
  alerts: AlertSection[];
  /** false: "Picked for you" replaces the trending section. */
  trending: boolean;
}

/** Payload of an "alerts" outbox row (saved searches delivered on their own). */
export interface AlertsContent {
  version: 1;
  period: DigestPeriod;
  alerts: AlertSection[];
}

/** What a build records with the rows it queues. */
export interface AlertRun {
  search: SavedSearch;
  /** Every matching paper, shown or counted (all are alerted). */
  paperIds: string[];
}

export interface PersonalPart {
  digest: PersonalContent | null;
  alertsOnly: AlertsContent | null;
  /** Picked papers, recorded as sent with the digest row. */
  pickedIds: string[];
  digestAlertRuns: AlertRun[];
  alertOnlyRuns: AlertRun[];
  /** Searches that matched nothing: only their watermark moves. */
  idleRuns: AlertRun[];
}

/** One subscriber (of an account) whose personal part a build asks for. */
export interface PersonalRequest {
  subscriber: Subscriber;
  /** The account's For-you categories (narrow the picks when the digest has no topics). */
  userCategories: readonly string[];
  searches: readonly SavedSearch[];
  /** The shared edition the mail also shows (its papers are not picked again). */
  edition: EditionContent | null;
}

/**
 * Loaded once per period: the pick candidates (papers listed in the Trending window that ends
 * with the period) with their vectors in one block, and caches every reader of the build shares
 * (candidate lists per topic set, the mail form of candidate papers, alert searches). Readers are
 * built a page at a time: what they have liked and were already sent is read for the whole page
 * in a few queries, so the per-reader cost is the ranking itself (a model trained per reader and
 * one pass over the candidate block).
 */
export class PersonalBuilder {
  private features: FeatureSpace | null | undefined;
  private block: CandidateSet | null = null;
  /** Readers share topic sets (a build has a few hundred for 100,000 subscribers). */
  private readonly byCategories = new Map<string, Int32Array>();
  /** Candidate papers as the mail shows them, converted once per build. */
  private readonly digestPapers = new Map<string, DigestPaper>();
  /** Alerts with the same query and last run share one search. */
  private readonly alertSearches = new Map<string, Promise<DigestPaper[]>>();
  /** Arrivals since a last run (after one build, all alerts share their last run). */
  private readonly arrivals = new Map<string, Promise<Set<string>>>();

  private constructor(
    private readonly deps: DigestDeps,
    readonly period: DigestPeriod,
    private readonly candidates: RecentPaper[],
    /** Ingest-time watermark: alerts take papers that arrived up to here. */
    readonly watermark: string,
  ) {}

  /** `watermark`: the real time of the build (papers ingested up to it are alerted now). */
  static async load(
    deps: DigestDeps,
    period: DigestPeriod,
    watermark = deps.clock.now().toISOString(),
  ): Promise<PersonalBuilder> {
    const followed = deps.config.categories.includes("*") ? [] : deps.config.categories;
    const candidates = await recentPapers(deps.store.db, {
      from: addDays(period.to, -TRENDING_WINDOW_DAYS),
      to: period.to,
      followed,
    });
    return new PersonalBuilder(deps, period, candidates, watermark);
  }

  /** The personal part of one subscriber's mails this period. */
  async build(
    subscriber: Subscriber,
    userCategories: readonly string[],
    searches: readonly SavedSearch[],
    edition: EditionContent | null,
  ): Promise<PersonalPart> {
    const [part] = await this.buildPage([{ subscriber, userCategories, searches, edition }]);
    return part;
  }

  /** The personal parts of a page of subscribers, in order. */
  async buildPage(requests: readonly PersonalRequest[]): Promise<PersonalPart[]> {
    const db = this.deps.store.db;
    const readers = [
      ...new Set(
        requests
          .filter((r) => r.subscriber.userId && r.subscriber.picks !== "off")
          .map((r) => r.subscriber.userId as string),
      ),
    ];
    const signals = readers.length ? await readerSignals(db, readers) : new Map<string, ReaderSignals>();
    const sent = readers.length ? await sentPaperIdsOf(db, readers) : new Map<string, Set<string>>();
    const ranked: Pick[][] = [];
    for (const r of requests) {
      const userId = r.subscriber.userId;
      const mine = userId ? signals.get(userId) : undefined;
      const positives = mine ? positivesFromSignals(mine) : [];
      ranked.push(
        !userId || r.subscriber.picks === "off" || positives.length === 0
          ? []
          : await this.rank(
              r,
              positives,
              mine ? dismissedFromSignals(mine) : [],
              sent.get(userId) ?? new Set(),
            ),
      );
    }
    const titles = await this.loadPapers(ranked);
    const followed = await this.followedPicks(requests, sent);
    // Each saved search's new matches (shared by alerts with the same query and last run), minus
    // what each alert already carried: read for the whole page in one go.
    const matches = new Map<string, DigestPaper[]>();
    for (const r of requests) for (const s of r.searches) matches.set(s.id, await this.newMatches(s));
    const withMatches = [...matches].filter(([, found]) => found.length > 0).map(([id]) => id);
    const alerted = withMatches.length
      ? await alertedPaperIdsOf(db, withMatches)
      : new Map<string, Set<string>>();
    for (const id of withMatches) {
      const done = alerted.get(id);
      if (done?.size)
        matches.set(
          id,
          (matches.get(id) ?? []).filter((p) => !done.has(p.id)),
        );
    }
    const parts: PersonalPart[] = [];
    for (let i = 0; i < requests.length; i++) {
      const fromFollowed = followed[i];
      const modelPicks = ranked[i].flatMap((p): DigestPick[] => {
        const paper = this.digestPapers.get(p.paperId);
        if (!paper) return [];
        const because = p.because ? titles.get(p.because.paperId) : undefined;
        return [
          {
            ...paper,
            because:
              because !== undefined && p.because
                ? { id: p.because.paperId, title: because, source: p.because.source }
                : null,
          },
        ];
      });
      // New papers of followed authors first, then the model's picks, within the picks' size.
      const taken = new Set(fromFollowed.map((p) => p.id));
      const picks = [...fromFollowed, ...modelPicks.filter((p) => !taken.has(p.id))].slice(
        0,
        PICKS_SIZE[this.period.frequency],
      );
      parts.push(this.assemble(requests[i], picks, matches));
    }
    return parts;
  }

  /**
   * Per request: papers of the period by authors the reader follows (newest first), minus what
   * the mail shows and what was picked for them before; none for readers with picks off.
   */
  private async followedPicks(
    requests: readonly PersonalRequest[],
    sent: ReadonlyMap<string, ReadonlySet<string>>,
  ): Promise<DigestPick[][]> {
    const size = PICKS_SIZE[this.period.frequency];
    const readers = [
      ...new Set(
        requests
          .filter((r) => r.subscriber.userId && r.subscriber.picks !== "off")
          .map((r) => r.subscriber.userId as string),
      ),
    ];
    const found = await newPapersOfFollowedAuthors(
      this.deps.store.db,
      readers,
      { from: this.period.from, to: this.period.to },
      // Room for papers the mail already shows or that were picked before.
      size * 4,
    );
    const missing = [...new Set([...found.values()].flat().map((f) => f.paperId))].filter(
      (id) => !this.digestPapers.has(id),
    );
    for (const batch of batches(missing))
      for (const paper of await getPapers(this.deps.store.db, batch))
        this.digestPapers.set(paper.id, toDigestPaper(paper));
    return requests.map((r) => {
      const userId = r.subscriber.userId;
      if (!userId || r.subscriber.picks === "off") return [];
      const skip = new Set([
        ...(sent.get(userId) ?? []),
        ...[...(r.edition?.top ?? []), ...(r.edition?.trending ?? [])].map((p) => p.id),
      ]);
      return (found.get(userId) ?? [])
        .filter((f) => !skip.has(f.paperId) && this.digestPapers.has(f.paperId))
        .slice(0, size)
        .map((f) => ({
          ...(this.digestPapers.get(f.paperId) as DigestPaper),
          because: null,
          followedAuthor: f.author,
        }));
    });
  }

  /** The reader's For-you ranking over the candidates, minus what this mail shows and what was picked before. */
  private async rank(
    r: PersonalRequest,
    positives: Positive[],
    dismissed: readonly string[],
    sent: ReadonlySet<string>,
  ): Promise<Pick[]> {
    const block = await this.candidateBlock();
    if (!block || !this.features) return [];
    const userId = r.subscriber.userId as string;
    const model = trainUserModel(this.features, positives, { seed: seedOf(userId), dismissed });
    if (!model) return [];
    // The digest's topics narrow the picks; without topics, the reader's For-you categories do.
    const narrow = r.subscriber.topics.length ? r.subscriber.topics : r.userCategories;
    const inMail = [...(r.edition?.top ?? []), ...(r.edition?.trending ?? [])].map((p) => p.id);
    return block.rank(model, PICKS_SIZE[this.period.frequency], {
      rows: this.rowsIn(block, narrow),
      exclude: [...inMail, ...sent],
    });
  }

  /** Candidate rows in any of the categories (all when none); cached per category set. */
  private rowsIn(block: CandidateSet, categories: readonly string[]): Int32Array | null {
    if (categories.length === 0) return null;
    const key = [...new Set(categories)].sort().join(" ");
    let rows = this.byCategories.get(key);
    if (!rows) {
      const wanted = new Set(categories);
      const inTopics = new Set(
        this.candidates.filter((c) => c.categories.some((cat) => wanted.has(cat))).map((c) => c.id),
      );
      rows = block.where((id) => inTopics.has(id));
      this.byCategories.set(key, rows);
    }
    return rows;
  }

  /** null when the instance has no paper vectors yet. */
  private async candidateBlock(): Promise<CandidateSet | null> {
    if (this.features === undefined) this.features = await loadFeatures(this.deps.search);
    if (!this.features) return null;
    this.block ??= CandidateSet.of(
      this.features,
      this.candidates.map((c) => c.id),
    );
    return this.block;
  }

  /**
   * Puts the picked papers (in their mail form) in the build's cache, and returns the titles of
   * the readers' papers that explain them: one query for what the page needs, not one per reader.
   */
  private async loadPapers(ranked: readonly Pick[][]): Promise<Map<string, string>> {
    const db = this.deps.store.db;
    const missing = new Set<string>();
    const explaining = new Set<string>();
    for (const picks of ranked)
      for (const p of picks) {
        if (!this.digestPapers.has(p.paperId)) missing.add(p.paperId);
        if (p.because) explaining.add(p.because.paperId);
      }
    for (const id of explaining) if (!this.digestPapers.has(id)) missing.add(id);
    const titles = new Map<string, string>();
    for (const batch of batches([...missing]))
      for (const paper of await getPapers(db, batch)) {
        // Candidates recur across readers (cached); the readers' own papers only lend a title.
        if (this.block?.index(paper.id) !== undefined) this.digestPapers.set(paper.id, toDigestPaper(paper));
        else titles.set(paper.id, texToText(paper.title));
      }
    for (const id of explaining) {
      const cached = this.digestPapers.get(id);
      if (cached) titles.set(id, cached.title);
    }
    return titles;
  }

  /** One subscriber's part: the picks, and the new papers of each of their saved searches. */
  private assemble(
    r: PersonalRequest,
    picks: DigestPick[],
    matches: ReadonlyMap<string, DigestPaper[]>,
  ): PersonalPart {
    const { subscriber, searches } = r;
    const part: PersonalPart = {
      digest: null,
      alertsOnly: null,
      pickedIds: picks.map((p) => p.id),
      digestAlertRuns: [],
      alertOnlyRuns: [],
      idleRuns: [],
    };
    if (!subscriber.userId) return part;
    const digestAlerts: AlertSection[] = [];
    const ownAlerts: AlertSection[] = [];
    for (const s of searches) {
      const found = matches.get(s.id) ?? [];
      const run = { search: s, paperIds: found.map((p) => p.id) };
      if (found.length === 0) {
        part.idleRuns.push(run);
        continue;
      }
      const section: AlertSection = {
        searchId: s.id,
        query: s.query,
        papers: found.slice(0, ALERT_SHOWN),
        more: Math.max(0, found.length - ALERT_SHOWN),
      };
      if (s.delivery === "alert") {
        ownAlerts.push(section);
        part.alertOnlyRuns.push(run);
      } else {
        digestAlerts.push(section);
        part.digestAlertRuns.push(run);
      }
    }
    const showsTrending = subscriber.picks !== "only";
    if (picks.length > 0 || digestAlerts.length > 0 || !showsTrending) {
      part.digest = {
        version: 1,
        period: this.period,
        topics: subscriber.topics,
        picks,
        alerts: digestAlerts,
        trending: showsTrending,
      };
    }
    if (ownAlerts.length > 0) part.alertsOnly = { version: 1, period: this.period, alerts: ownAlerts };
    return part;
  }

  /**
   * Papers that arrived (ingest time) after the alert's last run and up to the watermark,
   * matching its query through the normal search path (filters included), newest first, in
   * their mail form. Alerts with the same query and last run share the search; what an alert
   * already carried is the caller's to remove.
   */
  private newMatches(s: SavedSearch): Promise<DigestPaper[]> {
    const key = `${s.lastRunAt}\n${s.query}`;
    let found = this.alertSearches.get(key);
    if (!found) {
      found = (async () => {
        // What arrived in the window first (an index range, usually empty or one day of papers),
        // so an alert with nothing new costs no search at all.
        let arrivals = this.arrivals.get(s.lastRunAt);
        if (!arrivals) {
          arrivals = arrivedBetween(this.deps, s.lastRunAt, this.watermark);
          this.arrivals.set(s.lastRunAt, arrivals);
        }
        const arrived = await arrivals;
        if (arrived.size === 0) return [];
        const hits = await search(this.deps.search, s.query, { limit: ALERT_SCAN, sort: "date" });
        return hits.filter((h) => arrived.has(h.paper.id)).map((h) => toDigestPaper(h.paper));
      })();
      this.alertSearches.set(key, found);
    }
    return found;
  }
}

/** Ids of papers first stored after `after` and up to `upTo` (ISO times). */
async function arrivedBetween(deps: DigestDeps, after: string, upTo: string): Promise<Set<string>> {
  const rows = await deps.store.db
    .selectFrom("papers")
    .select("id")
    .where("created_at", ">", after)
    .where("created_at", "<=", upTo)
    .execute();
  return new Set(rows.map((r) => r.id));
}
