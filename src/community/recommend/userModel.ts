// One reader's model: their positives (saved, upvoted, example papers) against a random sample of
// other papers as negatives (Scholar Inbox's sampled negatives; arxiv-sanity-lite uses every
// other paper, which costs too much per request at 75k papers), a linear SVM over paper vectors,
// then candidates ranked by its score. Each pick is explained by the positive paper most similar
// to it (cosine of their vectors).
import type { FeatureSpace } from "./features.ts";
import { type LinearModel, prng, trainLinearSvm } from "./linearSvm.ts";

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
}

/** 2,000 negatives: recall barely moves beyond it (see eval recommend) and training stays fast. */
export const DEFAULT_NEGATIVES = 2000;

export interface UserModel {
  model: LinearModel;
  /** Positives that have vectors, with them (for explanations). */
  positives: { positive: Positive; vector: Float32Array }[];
}

/** A stable seed per reader: the same reader sees the same negatives until their data changes. */
export function seedOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
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
  const random = prng(opts.seed ?? 1);
  const exclude = new Set(positives.map((p) => p.paperId));
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
  const model = trainLinearSvm(rows.subarray(0, i * dim), labels.subarray(0, i), dim, {
    c: opts.c,
    seed: opts.seed,
  });
  return { model, positives: withVectors };
}

/** Candidates by the model's score, best first (ties by id); positives themselves are left out. */
export function rankCandidates(
  space: FeatureSpace,
  user: UserModel,
  candidateIds: string[],
  limit: number,
): Pick[] {
  const own = new Set(user.positives.map((p) => p.positive.paperId));
  const scored: { paperId: string; score: number }[] = [];
  for (const id of candidateIds) {
    if (own.has(id)) continue;
    const s = space.score(id, user.model.w, user.model.b);
    if (s !== null) scored.push({ paperId: id, score: s });
  }
  scored.sort((a, b) => b.score - a.score || (a.paperId < b.paperId ? -1 : 1));
  return scored.slice(0, limit).map((s) => ({ ...s, because: explain(space, user, s.paperId) }));
}

function explain(space: FeatureSpace, user: UserModel, paperId: string): Positive | null {
  const v = space.vector(paperId);
  if (!v) return null;
  let best: Positive | null = null;
  let bestCos = -Infinity;
  for (const p of user.positives) {
    let s = 0;
    for (let k = 0; k < v.length; k++) s += v[k] * p.vector[k];
    if (s > bestCos) {
      bestCos = s;
      best = p.positive;
    }
  }
  return best;
}
