// One reader's model: a direction in the paper-vector space, candidates ranked by cosine to it.
// Two directions are built here and can be blended (ModelOptions.svmWeight):
//   * the mean of the reader's positives' vectors (Rocchio; the positives are the papers they
//     saved, upvoted or picked as examples);
//   * a linear SVM over paper vectors, the positives against a random sample of other papers as
//     negatives (Scholar Inbox's sampled negatives; arxiv-sanity-lite uses every other paper).
// What ships is the mean alone: on simulated readers (`papertide eval recommend --grid`, figures
// in README "For you") it scored best on the set the settings were chosen on, the SVM alone
// (any C, any number of negatives) never beat it on both sets, and blends tied with it. It also
// trains in about a millisecond. Each pick is explained by the positive paper most similar to it
// (cosine of their vectors).
//
// Papers the reader marked "not interested" are never ranked again, and their mean direction is
// subtracted from the reader's (weight DEFAULT_DISMISS_WEIGHT; Rocchio's negative term), so papers
// like them sink too. The weight was chosen with `papertide eval recommend` on readers who dismiss
// some of what their first page showed them (see evalRecommend.ts).

import { prng } from "../../search/random.ts";
import { CandidateSet } from "./candidateSet.ts";
import type { FeatureSpace } from "./features.ts";
import { type LinearModel, trainLinearSvm } from "./linearSvm.ts";

export type PositiveSource = "saved" | "upvoted" | "example";

export interface Positive {
  paperId: string;
  source: PositiveSource;
}

export interface Pick {
  paperId: string;
  score: number;
  /** The positive paper most like this one. */
  because: Positive | null;
}

export interface ModelOptions {
  negatives?: number;
  c?: number;
  seed?: number;
  /** Weight of the SVM's direction against the mean of the positives: 1 = SVM alone, 0 = mean alone. */
  svmWeight?: number;
  /** Papers the reader marked "not interested": excluded from the ranking, and pushed away from. */
  dismissed?: readonly string[];
  /** How much of the dismissed papers' mean direction is subtracted (0 = only exclude them). */
  dismissWeight?: number;
  /** Which part of that direction: all of it, or only what is not the reader's own (pushAway). */
  dismissStyle?: DismissStyle;
}

export type DismissStyle = "mean" | "orthogonal";

/** The shipped settings, chosen on one set of simulated readers and confirmed on another. */
export const DEFAULT_SVM_WEIGHT = 0;
/** The SVM's settings when a weight above 0 asks for it (what shipped before the measurements). */
export const DEFAULT_NEGATIVES = 2000;
export const DEFAULT_C = 0.1;
/** Chosen on the "tune" readers, confirmed on the "confirm" ones (README, "For you"). */
export const DEFAULT_DISMISS_WEIGHT = 0.1;
export const DEFAULT_DISMISS_STYLE: DismissStyle = "mean";

export interface UserModel {
  model: LinearModel;
  /** Positives that have vectors, with them (for explanations). */
  positives: { positive: Positive; vector: Float32Array }[];
  /** Papers never to rank for this reader ("not interested"). */
  dismissed: readonly string[];
}

/** A stable seed per reader: the same reader sees the same negatives until their data changes. */
export function seedOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

function unit(w: ArrayLike<number>): Float32Array {
  let n = 0;
  for (let k = 0; k < w.length; k++) n += w[k] * w[k];
  const inv = n > 0 ? 1 / Math.sqrt(n) : 0;
  return Float32Array.from(w, (x) => x * inv);
}

/** null when no positive has a vector (nothing to learn from). */
export function trainUserModel(
  space: FeatureSpace,
  positives: Positive[],
  opts: ModelOptions = {},
): UserModel | null {
  const withVectors = positives.flatMap((positive) => {
    const vector = space.vector(positive.paperId);
    return vector ? [{ positive, vector }] : [];
  });
  if (withVectors.length === 0) return null;
  const dismissed = opts.dismissed ?? [];
  const model = directionOf(space, withVectors, opts);
  return {
    model: pushAway(space, model, dismissed, opts.dismissWeight, opts.dismissStyle),
    positives: withVectors,
    dismissed,
  };
}

/**
 * w pushed away from the papers the reader dismissed: "mean" (shipped, Rocchio's negative term)
 * subtracts their mean direction; "orthogonal" only the part of it that is not the reader's own
 * (dismissed papers were shown because they are close to w, so their mean is mostly w itself).
 * Both lose recall above a weight of about 0.25 for that reason; at 0.1 both gain a little over
 * leaving the papers out, and the plain mean gained more on the readers the weight was chosen on.
 */
function pushAway(
  space: FeatureSpace,
  model: LinearModel,
  dismissed: readonly string[],
  weight = DEFAULT_DISMISS_WEIGHT,
  style: DismissStyle = DEFAULT_DISMISS_STYLE,
): LinearModel {
  if (weight <= 0 || dismissed.length === 0) return model;
  const neg = new Float32Array(space.dim);
  let n = 0;
  for (const id of dismissed) {
    const v = space.vector(id);
    if (!v) continue;
    for (let k = 0; k < neg.length; k++) neg[k] += v[k];
    n++;
  }
  if (n === 0) return model;
  const w = unit(model.w);
  if (style === "orthogonal") {
    let along = 0;
    for (let k = 0; k < neg.length; k++) along += neg[k] * w[k];
    for (let k = 0; k < neg.length; k++) neg[k] -= along * w[k];
  }
  const away = unit(neg);
  return { ...model, w: unit(w.map((x, k) => x - weight * away[k])) };
}

function directionOf(
  space: FeatureSpace,
  withVectors: { positive: Positive; vector: Float32Array }[],
  opts: ModelOptions,
): LinearModel {
  const positives = withVectors.map((p) => p.positive);
  const svmWeight = Math.min(1, Math.max(0, opts.svmWeight ?? DEFAULT_SVM_WEIGHT));
  const mean = new Float32Array(space.dim);
  for (const p of withVectors) for (let k = 0; k < mean.length; k++) mean[k] += p.vector[k];
  if (svmWeight === 0) return { w: unit(mean), b: 0, epochs: 0 };
  const random = prng(opts.seed ?? 1);
  const exclude = new Set([...positives.map((p) => p.paperId), ...(opts.dismissed ?? [])]);
  const negatives = space.sample(opts.negatives ?? DEFAULT_NEGATIVES, exclude, random);
  const n = withVectors.length + negatives.length;
  const dim = space.dim;
  const rows = new Float32Array(n * dim);
  const labels = new Int8Array(n);
  withVectors.forEach((p, i) => {
    rows.set(p.vector, i * dim);
    labels[i] = 1;
  });
  let i = withVectors.length;
  for (const id of negatives) {
    const v = space.vector(id);
    if (!v) continue;
    rows.set(v, i * dim);
    labels[i++] = -1;
  }
  const svm = trainLinearSvm(rows.subarray(0, i * dim), labels.subarray(0, i), dim, {
    c: opts.c ?? DEFAULT_C,
    seed: opts.seed,
  });
  if (svmWeight === 1) return svm;
  // Both directions as unit vectors, so the weight means what it says; the SVM's bias shifts every
  // candidate alike and drops out of the ranking.
  const a = unit(svm.w);
  const m = unit(mean);
  const w = a.map((x, k) => svmWeight * x + (1 - svmWeight) * m[k]);
  return { w, b: 0, epochs: svm.epochs };
}

/** Candidates by the model's score, best first (ties by id); positives themselves are left out. */
export function rankCandidates(
  space: FeatureSpace,
  user: UserModel,
  candidateIds: readonly string[],
  limit: number,
): Pick[] {
  return CandidateSet.of(space, candidateIds).rank(user, limit);
}
