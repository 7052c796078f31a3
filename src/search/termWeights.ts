// How much each query word counts beyond its idf, learned from the corpus: residual idf (Church &
// Gale 1995). A topical word is bursty: the papers that use it use it several times, so it sits
// in fewer papers than a Poisson spread of its occurrences would put it in ("kinase"), while a
// word of ordinary prose is spread evenly ("associated", "increase"). Residual idf measures that
// excess; scoring query words by 1 + RIDF_WEIGHT · max(0, ridf) lifts the topical words of a
// claim over the common-but-spread ones (SciFact: +.006 on both halves, README "Third round").
// No table is stored: a term's collection frequency is summed from its posting list the first
// time a query asks for it and cached until the term's document frequency or the corpus changes.
import { type LexicalIndex, tfAbstract, tfTitle } from "./lexicalIndex.ts";

/** Chosen on half A of the SciFact queries, held on half B (0.4–0.8 all help). */
export const RIDF_WEIGHT = 0.6;

/** Cached weights are recomputed once the number of live papers has moved by this share. */
const CORPUS_DRIFT = 0.05;
/** The cache holds the terms queries asked for; it starts over beyond this many. */
const CACHE_LIMIT = 200_000;

/**
 * idf observed minus idf a Poisson would predict: −log2(df/N) + log2(1 − e^(−cf/N)), in bits.
 * 0 for a term spread like chance, larger the more its occurrences clump in few papers.
 */
export function residualIdf(docs: number, df: number, cf: number): number {
  if (docs <= 0 || df <= 0 || cf <= 0) return 0;
  const observed = -Math.log2(Math.min(df, docs) / docs);
  const expected = -Math.log2(1 - Math.exp(-cf / docs));
  return observed - expected;
}

/** The multiplier of a term's BM25F weight: 1 for chance-like terms, up to 1 + RIDF_WEIGHT · ridf. */
export function termWeight(docs: number, df: number, cf: number): number {
  return 1 + RIDF_WEIGHT * Math.max(0, residualIdf(docs, df, cf));
}

export class TermWeights {
  private readonly cache = new Map<number, { df: number; weight: number }>();
  private cachedFor = 0;

  constructor(private readonly index: LexicalIndex) {}

  /** The weight of a term in the current index (1 for a term no paper has). */
  weight(termId: number): number {
    const docs = this.index.liveCount;
    if (Math.abs(docs - this.cachedFor) > CORPUS_DRIFT * this.cachedFor || this.cache.size >= CACHE_LIMIT) {
      this.cache.clear();
      this.cachedFor = docs;
    }
    const df = this.index.docFreq(termId);
    const hit = this.cache.get(termId);
    if (hit && hit.df === df) return hit.weight;
    const weight = termWeight(docs, df, this.collectionFrequency(termId));
    this.cache.set(termId, { df, weight });
    return weight;
  }

  /** Occurrences of the term in titles and abstracts (the stored, capped counts; deleted papers' postings included, as in df). */
  private collectionFrequency(termId: number): number {
    const { tfs, start, length } = this.index.postings(termId);
    let cf = 0;
    for (let i = start; i < start + length; i++) cf += tfTitle(tfs[i]) + tfAbstract(tfs[i]);
    return cf;
  }
}
