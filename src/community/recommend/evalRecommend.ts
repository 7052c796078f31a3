// papertide eval recommend: how well "For you" finds the papers a reader goes on to save, next to
// plain Trending, on readers simulated from the data.
//
// Simulated readers: an author (by name as written) with at least MIN_TRAIN papers before the
// evaluation window and at least one inside it. Their "saved" papers are all of their papers;
// the latest ones (those listed in the window, the last WINDOW_DAYS of the data) are hidden, the
// rest train the model. Candidates are every paper listed in the window, hidden ones included,
// exactly what the For-you page ranks. Recall@20 = share of hidden papers in the top 20. The
// vectors come from title and abstract only (src/search/lsa.ts textTf), so the shared author name
// cannot leak the answer; a name shared by several people only makes a reader noisier.
//
// "Not interested": each reader is shown the shipped model's top 20 and dismisses DISMISSED of
// the shown papers that are not among their hidden ones (chosen at random: a reader waves away
// what they did not go on to save). The ranking is then redone with those papers excluded and
// their direction subtracted at each weight of DISMISS_WEIGHTS and in each style (userModel.ts
// pushAway; 0 = excluded only); recall@20 is
// over the hidden papers, as above. The shipped weight must not score below "excluded only".
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { importRecords } from "../../ingest/importer.ts";
import { parseSnapshotFile } from "../../ingest/parsers/arxivSnapshot.ts";
import { addDays } from "../../lists/periods.ts";
import { rankTrending, TRENDING_WINDOW_DAYS } from "../../lists/trending.ts";
import { prng } from "../../search/random.ts";
import { SearchState } from "../../search/state.ts";
import { openStore, type Store } from "../../store/db.ts";
import { loadFeatures } from "./features.ts";
import {
  DEFAULT_C,
  DEFAULT_DISMISS_STYLE,
  DEFAULT_DISMISS_WEIGHT,
  DEFAULT_NEGATIVES,
  DEFAULT_SVM_WEIGHT,
  type DismissStyle,
  type ModelOptions,
  rankCandidates,
  trainUserModel,
} from "./userModel.ts";

export const MIN_TRAIN = 5;
export const K = 20;
export const DEFAULT_USERS = 300;
export const DISMISSED = 5;
const DISMISS_WEIGHTS = [0, 0.1, 0.25, 0.5, 1];
const DISMISS_STYLES: DismissStyle[] = ["mean", "orthogonal"];

export interface SetReport {
  readers: number;
  /** By ranker: trending, meanOfVectors, svm, shipped (and the grid's settings with --grid). */
  "recall@20": Record<string, number>;
  /** After each reader dismissed DISMISSED papers of their first page, by dismiss weight. */
  "recall@20 after not interested": Record<string, number>;
}

/** The settings `--grid` compares (on both sets): the search that chose the shipped ones. */
const GRID: Record<string, ModelOptions> = Object.fromEntries([
  ...[0.01, 1].map((c) => [`svm c=${c} negatives=2000`, { svmWeight: 1, c, negatives: 2000 }]),
  ...[500, 5000].map((negatives) => [
    `svm c=0.1 negatives=${negatives}`,
    { svmWeight: 1, c: 0.1, negatives },
  ]),
  ...[0.25, 0.5, 0.75].map((svmWeight) => [
    `blend svmWeight=${svmWeight}`,
    { svmWeight, c: 0.1, negatives: 2000 },
  ]),
]);

export interface RecommendEvalOptions {
  /** An existing database, used read-only... */
  db?: string;
  /** ...or an arXiv snapshot file imported into a temporary one. */
  corpus?: string;
  users?: number;
  seed?: number;
  negatives?: number;
  /** Also compare the settings of GRID. */
  grid?: boolean;
  onProgress?: (message: string) => void;
}

interface Row {
  id: string;
  authors: string[];
  listDay: string;
  upvotes: number;
}

async function loadRows(store: Store): Promise<Row[]> {
  const rows = await store.db
    .selectFrom("papers")
    .select(["id", "authors", "list_day", "upvotes"])
    .where("list_day", "is not", null)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    authors: JSON.parse(r.authors),
    listDay: r.list_day as string,
    upvotes: r.upvotes,
  }));
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2 : 0;
};
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const round = (x: number) => Math.round(x * 10000) / 10000;

function recall(ranked: string[], hidden: Set<string>): number {
  let hit = 0;
  for (const id of ranked.slice(0, K)) if (hidden.has(id)) hit++;
  return hit / hidden.size;
}

const dismissLabel = (w: number, style: DismissStyle) => (w === 0 ? "excluded only" : `${style} ${w}`);

/** DISMISSED papers of the first page the reader did not go on to save, at random. */
function pickDismissed(firstPage: string[], hidden: Set<string>, random: () => number): string[] {
  const shown = firstPage.filter((id) => !hidden.has(id));
  for (let i = shown.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shown[i], shown[j]] = [shown[j], shown[i]];
  }
  return shown.slice(0, DISMISSED);
}

export async function evaluateRecommend(opts: RecommendEvalOptions) {
  let store: Store;
  let search: SearchState;
  let tmp: string | null = null;
  if (opts.db) {
    store = await openStore(`sqlite:${opts.db}`);
    search = new SearchState(store.db);
  } else if (opts.corpus) {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "papertide-eval-rec-"));
    store = await openStore(`sqlite:${path.join(tmp, "eval.db")}`);
    search = new SearchState(store.db);
    opts.onProgress?.(`importing ${opts.corpus}`);
    await importRecords(search, parseSnapshotFile(opts.corpus));
  } else throw new Error("no --db or --corpus given");
  try {
    opts.onProgress?.("loading vectors");
    const space = await loadFeatures(search);
    const rows = await loadRows(store);
    const end = rows.reduce((m, r) => (r.listDay > m ? r.listDay : m), "");
    const windowStart = addDays(end, -TRENDING_WINDOW_DAYS + 1);
    const candidates = rows.filter((r) => r.listDay >= windowStart);
    const byAuthor = new Map<string, Row[]>();
    for (const r of rows)
      for (const a of new Set(r.authors)) byAuthor.set(a, [...(byAuthor.get(a) ?? []), r]);
    const eligible = [...byAuthor]
      .map(([author, papers]) => ({
        author,
        train: papers.filter((p) => p.listDay < windowStart && space.vector(p.id)),
        hidden: papers.filter((p) => p.listDay >= windowStart),
      }))
      .filter((u) => u.train.length >= MIN_TRAIN && u.hidden.length > 0)
      .sort((a, b) => (a.author < b.author ? -1 : 1));
    const random = prng(opts.seed ?? 42);
    for (let i = eligible.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [eligible[i], eligible[j]] = [eligible[j], eligible[i]];
    }
    // Two disjoint sets of readers: settings are chosen on the first and confirmed on the second.
    const per = opts.users ?? DEFAULT_USERS;
    const sets = { tune: eligible.slice(0, per), confirm: eligible.slice(per, 2 * per) };
    // Trending is the same list for every reader: one ranking, as the Trending page shows it.
    const now = Date.parse(`${addDays(end, 1)}T00:00:00Z`);
    const trending = rankTrending(
      candidates.map((c) => ({ id: c.id, upvotes: c.upvotes, listedAt: `${c.listDay}T00:00:00.000Z` })),
      now,
    ).map((c) => c.id);
    const candidateIds = candidates.map((c) => c.id);
    const shipped: ModelOptions = { negatives: opts.negatives ?? DEFAULT_NEGATIVES };
    const rankers: Record<string, ModelOptions | "trending"> = {
      trending: "trending",
      meanOfVectors: { svmWeight: 0 },
      svm: { svmWeight: 1, c: 0.1, negatives: 2000 },
      shipped,
      ...(opts.grid ? GRID : {}),
    };
    const trainMs: number[] = [];
    const report = {} as Record<keyof typeof sets, SetReport>;
    for (const setName of ["tune", "confirm"] as const) {
      const users = sets[setName];
      const recalls: Record<string, number[]> = Object.fromEntries(Object.keys(rankers).map((k) => [k, []]));
      const afterDismissal: Record<string, number[]> = {};
      users.forEach((u, n) => {
        if (n % 20 === 0) opts.onProgress?.(`${setName}: reader ${n + 1} of ${users.length}`);
        const hidden = new Set(u.hidden.map((p) => p.id));
        const positives = u.train.map((p) => ({ paperId: p.id, source: "saved" as const }));
        for (const [name, ranker] of Object.entries(rankers)) {
          if (ranker === "trending") {
            recalls[name].push(recall(trending, hidden));
            continue;
          }
          const t0 = performance.now();
          const model = trainUserModel(space, positives, { ...ranker, seed: n + 1 });
          if (ranker === shipped) trainMs.push(performance.now() - t0);
          if (!model) continue;
          const firstPage = rankCandidates(space, model, candidateIds, K).map((p) => p.paperId);
          recalls[name].push(recall(firstPage, hidden));
          if (ranker !== shipped) continue;
          const dismissed = pickDismissed(firstPage, hidden, prng(n + 7));
          for (const dismissStyle of DISMISS_STYLES)
            for (const w of DISMISS_WEIGHTS) {
              if (w === 0 && dismissStyle !== DISMISS_STYLES[0]) continue;
              const again = trainUserModel(space, positives, {
                ...ranker,
                seed: n + 1,
                dismissed,
                dismissWeight: w,
                dismissStyle,
              });
              if (!again) continue;
              const label = dismissLabel(w, dismissStyle);
              afterDismissal[label] ??= [];
              afterDismissal[label].push(
                recall(
                  rankCandidates(space, again, candidateIds, K).map((p) => p.paperId),
                  hidden,
                ),
              );
            }
        }
      });
      report[setName] = {
        readers: users.length,
        "recall@20": Object.fromEntries(Object.entries(recalls).map(([name, xs]) => [name, round(mean(xs))])),
        "recall@20 after not interested": Object.fromEntries(
          Object.entries(afterDismissal).map(([name, xs]) => [name, round(mean(xs))]),
        ),
      };
    }
    const all = [...sets.tune, ...sets.confirm];
    return {
      task: "recommend",
      simulation:
        `Each reader is an author (by name as written) with >= ${MIN_TRAIN} papers listed before ${windowStart} ` +
        `and >= 1 listed from ${windowStart} to ${end}. Their papers are their saved papers; the ones in that window ` +
        `(the latest) are hidden and the model trains on the rest. Candidates: all ${candidates.length} papers listed ` +
        `in the window (the For-you universe), hidden ones included. Vectors are title+abstract only, so author names cannot leak. ` +
        `Two disjoint sets of ${per} readers (shuffled with --seed): "tune" chose the shipped settings, "confirm" checks them.`,
      papers: rows.length,
      features: space.kind,
      dim: space.dim,
      eligibleReaders: eligible.length,
      hiddenPerReader: round(mean(all.map((u) => u.hidden.length))),
      trainPerReader: round(mean(all.map((u) => u.train.length))),
      shipped:
        DEFAULT_SVM_WEIGHT === 0
          ? "mean of the reader's vectors (svmWeight 0)"
          : { svmWeight: DEFAULT_SVM_WEIGHT, c: DEFAULT_C, negatives: shipped.negatives },
      notInterested:
        `Each reader dismisses ${DISMISSED} random papers of their first page that are not hidden; ` +
        `shipped: ${DEFAULT_DISMISS_STYLE} ${DEFAULT_DISMISS_WEIGHT} ("excluded only": the dismissed papers are left out, nothing more).`,
      randomRecall: round(K / candidates.length),
      ...report,
      medianTrainMs: round(median(trainMs)),
    };
  } finally {
    await store.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }
}
