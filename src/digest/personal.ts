// The personal part of a digest, for a subscription that belongs to an account: "Picked for you"
// (the For-you ranker of src/community/recommend, run over the period's candidates) and the new
// papers of the reader's saved searches. Built by the scheduler next to the shared edition and
// stored in the outbox row's payload; the papers it carries are recorded in the same transaction
// (see periodBuilder.ts), so a paper is picked for a reader once, and alerted once per alert.
import { type FeatureSpace, loadFeatures } from "../community/recommend/features.ts";
import { readerPositives } from "../community/recommend/forYou.ts";
import {
  type PositiveSource,
  rankCandidates,
  seedOf,
  trainUserModel,
} from "../community/recommend/userModel.ts";
import { addDays } from "../feed/periods.ts";
import { TRENDING_WINDOW_DAYS } from "../feed/trending.ts";
import type { Paper } from "../model/paper.ts";
import { search } from "../search/fulltext.ts";
import { getPapers } from "../store/papers.ts";
import { type RecentPaper, recentPapers } from "../store/recentPapers.ts";
import { alertedPaperIds, type SavedSearch } from "../store/savedSearches.ts";
import { sentPaperIds } from "../store/sentPapers.ts";
import type { Subscriber } from "../store/subscribers.ts";
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
  v: 1;
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
  v: 1;
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

/**
 * Loaded once per period: the pick candidates (papers listed in the Trending window that ends
 * with the period) and the paper vectors. The model is trained per reader.
 */
export class PersonalBuilder {
  private features: FeatureSpace | null | undefined;
  /** Readers share topic sets (a build has a few hundred for 100,000 subscribers). */
  private readonly byCategories = new Map<string, string[]>();

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
    watermark = new Date().toISOString(),
  ): Promise<PersonalBuilder> {
    const followed = deps.config.categories.includes("*") ? [] : deps.config.categories;
    const candidates = await recentPapers(deps.store.db, {
      from: addDays(period.to, -TRENDING_WINDOW_DAYS),
      to: period.to,
      followed,
    });
    // In id order: rankCandidates then needs no sort of its own for each reader.
    candidates.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return new PersonalBuilder(deps, period, candidates, watermark);
  }

  /** Candidate ids (in id order) in any of the categories, all when none; cached per category set. */
  private candidatesIn(categories: readonly string[]): string[] {
    const key = [...new Set(categories)].sort().join(" ");
    let ids = this.byCategories.get(key);
    if (!ids) {
      const wanted = new Set(categories);
      ids = this.candidates
        .filter((c) => wanted.size === 0 || c.categories.some((cat) => wanted.has(cat)))
        .map((c) => c.id);
      this.byCategories.set(key, ids);
    }
    return ids;
  }

  private async featureSpace(): Promise<FeatureSpace | null> {
    if (this.features === undefined) this.features = await loadFeatures(this.deps.store);
    return this.features;
  }

  /** The personal part of one subscriber's mails this period. */
  async build(
    subscriber: Subscriber,
    userCategories: readonly string[],
    searches: readonly SavedSearch[],
    edition: EditionContent | null,
  ): Promise<PersonalPart> {
    const part: PersonalPart = {
      digest: null,
      alertsOnly: null,
      pickedIds: [],
      digestAlertRuns: [],
      alertOnlyRuns: [],
      idleRuns: [],
    };
    if (!subscriber.userId) return part;
    const inMail = new Set([...(edition?.top ?? []), ...(edition?.trending ?? [])].map((p) => p.id));
    const picks = subscriber.picks === "off" ? [] : await this.picks(subscriber, userCategories, inMail);
    part.pickedIds = picks.map((p) => p.id);

    const digestAlerts: AlertSection[] = [];
    const ownAlerts: AlertSection[] = [];
    for (const s of searches) {
      const found = await newMatches(this.deps, s, this.watermark);
      const run = { search: s, paperIds: found.map((p) => p.id) };
      if (found.length === 0) {
        part.idleRuns.push(run);
        continue;
      }
      const section: AlertSection = {
        searchId: s.id,
        query: s.query,
        papers: found.slice(0, ALERT_SHOWN).map(toDigestPaper),
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
        v: 1,
        period: this.period,
        topics: subscriber.topics,
        picks,
        alerts: digestAlerts,
        trending: showsTrending,
      };
    }
    if (ownAlerts.length > 0) part.alertsOnly = { v: 1, period: this.period, alerts: ownAlerts };
    return part;
  }

  /** For-you picks among the candidates, minus what this mail shows and what was picked before. */
  private async picks(
    subscriber: Subscriber,
    userCategories: readonly string[],
    inMail: ReadonlySet<string>,
  ): Promise<DigestPick[]> {
    const userId = subscriber.userId as string;
    const db = this.deps.store.db;
    const positives = await readerPositives(db, userId);
    if (positives.length === 0) return [];
    const features = await this.featureSpace();
    if (!features) return [];
    const model = trainUserModel(features, positives, { seed: seedOf(userId) });
    if (!model) return [];
    // The digest's topics narrow the picks; without topics, the reader's For-you categories do.
    const narrow = subscriber.topics.length ? subscriber.topics : userCategories;
    const sent = await sentPaperIds(db, userId);
    const ids = this.candidatesIn(narrow).filter((id) => !inMail.has(id) && !sent.has(id));
    const ranked = rankCandidates(features, model, ids, PICKS_SIZE[this.period.frequency]);
    if (ranked.length === 0) return [];
    const wanted = [
      ...new Set([
        ...ranked.map((r) => r.paperId),
        ...ranked.flatMap((r) => (r.because ? [r.because.paperId] : [])),
      ]),
    ];
    const papers = new Map((await getPapers(db, wanted)).map((p) => [p.id, p]));
    return ranked.flatMap((r) => {
      const paper = papers.get(r.paperId);
      if (!paper) return [];
      const because = r.because ? papers.get(r.because.paperId) : undefined;
      return [
        {
          ...toDigestPaper(paper),
          because:
            because && r.because
              ? { id: because.id, title: toDigestPaper(because).title, source: r.because.source }
              : null,
        },
      ];
    });
  }
}

/**
 * Papers that arrived (ingest time) after the alert's last run and up to `watermark`, matching its
 * query through the normal search path (filters included), not alerted before; newest first.
 */
export async function newMatches(deps: DigestDeps, s: SavedSearch, watermark: string): Promise<Paper[]> {
  // What arrived in the window first (an index range, usually empty or one day of papers), so an
  // alert with nothing new costs no search at all.
  const arrived = await arrivedBetween(deps, s.lastRunAt, watermark);
  if (arrived.size === 0) return [];
  const hits = await search(deps.store, s.query, { limit: ALERT_SCAN, sort: "date" });
  const fresh = hits.map((h) => h.paper).filter((p) => arrived.has(p.id));
  if (fresh.length === 0) return [];
  const done = await alertedPaperIds(deps.store.db, s.id);
  return fresh.filter((p) => !done.has(p.id));
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
