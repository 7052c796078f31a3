// Ranking quality measures, as BEIR / pytrec_eval compute them (graded gains, log2 discount).

/** Relevance judgements of one query: doc id -> gain (> 0 means relevant). */
export type Judgements = Map<string, number>;

export function ndcgAt(k: number, ranked: string[], rel: Judgements): number {
  let dcg = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) {
    const g = rel.get(ranked[i]) ?? 0;
    if (g > 0) dcg += g / Math.log2(i + 2);
  }
  const ideal = [...rel.values()].filter((g) => g > 0).sort((a, b) => b - a);
  let idcg = 0;
  for (let i = 0; i < Math.min(k, ideal.length); i++) idcg += ideal[i] / Math.log2(i + 2);
  return idcg === 0 ? 0 : dcg / idcg;
}

export function recallAt(k: number, ranked: string[], rel: Judgements): number {
  const relevant = [...rel.values()].filter((g) => g > 0).length;
  if (relevant === 0) return 0;
  let found = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) if ((rel.get(ranked[i]) ?? 0) > 0) found++;
  return found / relevant;
}

export function mrrAt(k: number, ranked: string[], rel: Judgements): number {
  for (let i = 0; i < Math.min(k, ranked.length); i++) if ((rel.get(ranked[i]) ?? 0) > 0) return 1 / (i + 1);
  return 0;
}

export interface Quality {
  queries: number;
  ndcg10: number;
  recall100: number;
  mrr10: number;
}

/** Mean of the three measures over queries that have at least one relevant doc. */
export function quality(runs: { ranked: string[]; rel: Judgements }[]): Quality {
  const judged = runs.filter((r) => [...r.rel.values()].some((g) => g > 0));
  const mean = (f: (r: (typeof judged)[number]) => number) =>
    judged.length === 0 ? 0 : round(judged.reduce((s, r) => s + f(r), 0) / judged.length);
  return {
    queries: judged.length,
    ndcg10: mean((r) => ndcgAt(10, r.ranked, r.rel)),
    recall100: mean((r) => recallAt(100, r.ranked, r.rel)),
    mrr10: mean((r) => mrrAt(10, r.ranked, r.rel)),
  };
}

const round = (x: number) => Math.round(x * 10000) / 10000;
