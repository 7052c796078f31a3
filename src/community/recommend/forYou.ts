// "For you": recent papers (the Trending window) ranked for one reader by their own model (see
// userModel.ts), each with the reason it was picked. Positives are the papers the reader saved,
// upvoted or picked as examples; chosen categories narrow the candidates. Cold start (nothing to
// learn from yet): the trending order, within the chosen categories when there are some. New
// papers of the authors the reader follows (src/community/followedAuthors.ts) come first. Papers
// the reader marked "not interested" never come back, and push the ranking away from their kind.
import type { Kysely } from "kysely";
import type { AccountDeps } from "../../accounts/deps.ts";
import { referenceNow } from "../../lists/listing.ts";
import { addDays } from "../../lists/periods.ts";
import { rankTrending, TRENDING_WINDOW_DAYS } from "../../lists/trending.ts";
import type { Paper } from "../../model/paper.ts";
import { getPapers } from "../../store/papers.ts";
import { type ReaderSignals, readerSignals } from "../../store/readerSignals.ts";
import { recentPapers } from "../../store/recentPapers.ts";
import type { Database } from "../../store/schema.ts";
import type { User } from "../../store/users.ts";
import { newPapersOfFollowedAuthors } from "../followedAuthors.ts";
import { loadFeatures } from "./features.ts";
import { type Positive, rankCandidates, seedOf, trainUserModel } from "./userModel.ts";

export interface ForYouItem {
  paper: Paper;
  because: { paper: Paper; source: Positive["source"] } | null;
  /** Set when the paper is here because the reader follows this author (as the paper spells the name). */
  followedAuthor: string | null;
}

export interface ForYouResult {
  /** personal: ranked by the reader's model; trending: cold start. */
  mode: "personal" | "trending";
  items: ForYouItem[];
  positives: number;
  categories: string[];
  /** Which vectors the model used (lsa from search, or hashed TF-IDF on small instances). */
  features: string | null;
}

export async function readerPositives(db: Kysely<Database>, userId: string): Promise<Positive[]> {
  const signals = (await readerSignals(db, [userId])).get(userId);
  return signals ? positivesFromSignals(signals) : [];
}

/** What the reader dismissed, minus what they liked since (a save outweighs an old "not interested"). */
export function dismissedFromSignals(s: ReaderSignals): string[] {
  const liked = new Set([...s.examples, ...s.upvoted, ...s.saved]);
  return s.dismissed.filter((id) => !liked.has(id));
}

/** The papers a reader liked, each once, named by its strongest signal: examples < upvotes < saves. */
export function positivesFromSignals(s: ReaderSignals): Positive[] {
  const out = new Map<string, Positive>();
  for (const id of s.examples) out.set(id, { paperId: id, source: "example" });
  for (const id of s.upvoted) out.set(id, { paperId: id, source: "upvoted" });
  for (const id of s.saved) out.set(id, { paperId: id, source: "saved" });
  return [...out.values()];
}

export async function forYou(deps: AccountDeps, user: User, limit = 30): Promise<ForYouResult> {
  const db = deps.store.db;
  const followed = deps.config.categories.includes("*") ? [] : deps.config.categories;
  const now = await referenceNow(db, followed, deps.clock.now().getTime());
  const to = new Date(now).toISOString().slice(0, 10);
  let recent = await recentPapers(db, { from: addDays(to, -TRENDING_WINDOW_DAYS), to, followed });
  if (user.categories.length) {
    const chosen = new Set(user.categories);
    recent = recent.filter((p) => p.categories.some((c) => chosen.has(c)));
  }
  const signals = (await readerSignals(db, [user.id])).get(user.id);
  const positives = signals ? positivesFromSignals(signals) : [];
  const dismissed = signals ? dismissedFromSignals(signals) : [];
  const features = positives.length ? await loadFeatures(deps.search) : null;
  const model = features ? trainUserModel(features, positives, { seed: seedOf(user.id), dismissed }) : null;
  let ranked: { paperId: string; because: Positive | null }[];
  if (features && model) {
    ranked = rankCandidates(
      features,
      model,
      recent.map((p) => p.id),
      limit,
    );
  } else {
    const own = new Set([...positives.map((p) => p.paperId), ...dismissed]);
    ranked = rankTrending(
      recent.filter((p) => !own.has(p.id)),
      now,
    )
      .slice(0, limit)
      .map((p) => ({ paperId: p.id, because: null }));
  }
  // New papers of followed authors come first (newest first), whatever the model says.
  const fromFollowed =
    (
      await newPapersOfFollowedAuthors(db, [user.id], { from: addDays(to, -TRENDING_WINDOW_DAYS), to }, limit)
    ).get(user.id) ?? [];
  const waved = new Set(dismissed);
  const byAuthor = new Map(
    fromFollowed.filter((f) => !waved.has(f.paperId)).map((f) => [f.paperId, f.author]),
  );
  ranked = [
    ...[...byAuthor.keys()].map((paperId) => ({ paperId, because: null })),
    ...ranked.filter((r) => !byAuthor.has(r.paperId)),
  ].slice(0, limit);
  const ids = [
    ...ranked.map((r) => r.paperId),
    ...ranked.flatMap((r) => (r.because ? [r.because.paperId] : [])),
  ];
  const papers = new Map((await getPapers(db, [...new Set(ids)])).map((p) => [p.id, p]));
  return {
    mode: model ? "personal" : "trending",
    positives: positives.length,
    categories: user.categories,
    features: model && features ? features.kind : null,
    items: ranked.flatMap((r) => {
      const paper = papers.get(r.paperId);
      if (!paper) return [];
      const because = r.because ? papers.get(r.because.paperId) : undefined;
      return [
        {
          paper,
          because: because && r.because ? { paper: because, source: r.because.source } : null,
          followedAuthor: byAuthor.get(r.paperId) ?? null,
        },
      ];
    }),
  };
}
