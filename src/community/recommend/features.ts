// Paper vectors for "For you". The search engine's LSA vectors (src/search: 256-dim, from title
// and abstract, kept up to date as papers arrive) are used as they are. An instance too small for
// the search engine to train them (fewer than MIN_MODEL_DOCS papers) gets TF-IDF vectors of the
// same index terms instead, hashed into HASHED_DIM dimensions with random signs (feature hashing),
// so the learner always sees dense vectors of one fixed size.
import { type Kysely, sql } from "kysely";
import { decodeTerms } from "../../search/codec.ts";
import { getEngine, type SearchEngine } from "../../search/engine.ts";
import { textTf } from "../../search/lsa.ts";
import type { SearchState } from "../../search/state.ts";
import type { Database } from "../../store/schema.ts";

export const HASHED_DIM = 256;

export interface FeatureSpace {
  kind: "lsa" | "hashed-tfidf";
  dim: number;
  /** The paper's unit vector, or null when it has none. */
  vector(paperId: string): Float32Array | null;
  /** w · x(paper) + b, or null when the paper has no vector. */
  score(paperId: string, w: Float32Array, b: number): number | null;
  /** Up to n distinct random papers with vectors, none of them in `exclude`. */
  sample(n: number, exclude: Set<string>, random: () => number): string[];
}

export async function loadFeatures(search: SearchState): Promise<FeatureSpace> {
  const engine = await getEngine(search);
  if (engine.vectors && engine.state.model?.id === engine.modelId) return lsaSpace(engine);
  return hashedTfidfSpace(search.db);
}

function lsaSpace(engine: SearchEngine): FeatureSpace {
  const vectors = engine.vectors;
  if (!vectors) throw new Error("no vectors");
  const docOf = (id: string) => {
    const d = engine.docOf.get(id);
    return d !== undefined && engine.lexical.isLive(d) && vectors.has(d) ? d : -1;
  };
  return {
    kind: "lsa",
    dim: vectors.dim,
    vector(id) {
      const d = docOf(id);
      return d < 0 ? null : vectors.unit(d);
    },
    score(id, w, b) {
      const d = docOf(id);
      return d < 0 ? null : vectors.cosine(d, w) + b;
    },
    sample(n, exclude, random) {
      const out = new Set<string>();
      const count = engine.docCount;
      // Rejection sampling over doc numbers; bounded so a corpus of few live docs cannot spin.
      for (let tries = 0; out.size < n && tries < n * 20 && count > 0; tries++) {
        const d = Math.floor(random() * count);
        if (!engine.lexical.isLive(d) || !vectors.has(d)) continue;
        const id = engine.paperIds[d];
        if (!exclude.has(id)) out.add(id);
      }
      return [...out];
    },
  };
}

/** 32-bit FNV-1a of a term id: its bucket (low bits) and its sign (top bit). */
function hashTerm(id: number): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < 4; k++) {
    h ^= (id >>> (8 * k)) & 0xff;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

async function hashedTfidfSpace(db: Kysely<Database>): Promise<FeatureSpace> {
  const rows = await db
    .selectFrom("search_docs")
    .select(["paper_id", "terms"])
    .where(sql<number>`length(terms)`, ">", 0)
    .execute();
  const docs = rows.map((r) => ({ id: r.paper_id, ...decodeTerms(r.terms) }));
  const df = new Map<number, number>();
  for (const d of docs)
    for (let i = 0; i < d.termIds.length; i++)
      if (textTf(d.tfs[i]) > 0) df.set(d.termIds[i], (df.get(d.termIds[i]) ?? 0) + 1);
  const n = docs.length;
  const vectors = new Map<string, Float32Array>();
  for (const d of docs) {
    const v = new Float32Array(HASHED_DIM);
    for (let i = 0; i < d.termIds.length; i++) {
      const tf = textTf(d.tfs[i]);
      if (tf === 0) continue;
      const idf = Math.log((n + 1) / ((df.get(d.termIds[i]) ?? 0) + 1)) + 1;
      const h = hashTerm(d.termIds[i]);
      v[h % HASHED_DIM] += (h & 0x80000000 ? -1 : 1) * (1 + Math.log(tf)) * idf;
    }
    let norm = 0;
    for (let k = 0; k < HASHED_DIM; k++) norm += v[k] * v[k];
    if (norm === 0) continue;
    const inv = 1 / Math.sqrt(norm);
    for (let k = 0; k < HASHED_DIM; k++) v[k] *= inv;
    vectors.set(d.id, v);
  }
  const ids = [...vectors.keys()];
  return {
    kind: "hashed-tfidf",
    dim: HASHED_DIM,
    vector: (id) => vectors.get(id) ?? null,
    score(id, w, b) {
      const v = vectors.get(id);
      if (!v) return null;
      let s = b;
      for (let k = 0; k < HASHED_DIM; k++) s += w[k] * v[k];
      return s;
    },
    sample(count, exclude, random) {
      const pool = ids.filter((id) => !exclude.has(id));
      for (let i = pool.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [pool[i], pool[j]] = [pool[j], pool[i]];
      }
      return pool.slice(0, count);
    },
  };
}
