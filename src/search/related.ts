// Similar papers. Similarity of paper a to paper b blends meaning and wording:
//
//   sim(a, b) = 0.5 · cosine(vector a, vector b) + 0.5 · bm25(b | a's top terms) / bm25(a | a's top terms)
//
// (without vectors, the wording part alone). A list is stored in search_related with the seq it
// accounts for and the vector model it was made with. Once stored it is kept current
// incrementally: only papers indexed since that seq are scored and merged in (a new vector model
// means computing it again). Two ways bring a list up to date, both through relatedList: a read
// (the paper page, /api/papers/{id}/related) and the background upkeep (relatedUpkeep.ts), which
// does it ahead of readers for the papers they are most likely to open: the newest days' lists
// and the community's recent picks. Other papers get their list on first view; there is no
// full pass over the corpus.

import type { Kysely } from "kysely";
import type { Paper } from "../model/paper.ts";
import { batches } from "../store/batches.ts";
import type { Store } from "../store/db.ts";
import { getPapers } from "../store/papers.ts";
import type { Database } from "../store/schema.ts";
import { isRecord } from "../store/storedPayload.ts";
import { decodeTerms } from "./codec.ts";
import { tellingTerms } from "./docTerms.ts";
import { getEngine, type SearchEngine } from "./engine.ts";
import type { SearchState } from "./state.ts";
import { TopK } from "./topK.ts";

/** How many neighbours are stored per paper (the most a caller can ask for). */
export const RELATED_KEEP = 30;
/** Terms of the paper that define "shared wording". */
const QUERY_TERMS = 24;
/** Candidates taken from each side (vectors, terms) when computing a list from scratch. */
const CANDIDATES = 300;
/** Beyond this share of the corpus new since the stored list, recomputing is cheaper than merging. */
const MAX_SINCE_SHARE = 0.2;
const VECTOR_WEIGHT = 0.5;

export interface Neighbour {
  id: string;
  score: number;
}

/** Stored neighbours, or null when the row cannot be read: it is derived data, computed again. */
function readNeighbours(raw: string): Neighbour[] | null {
  try {
    const value: unknown = JSON.parse(raw);
    if (
      Array.isArray(value) &&
      value.every((n) => isRecord(n) && typeof n.id === "string" && typeof n.score === "number")
    )
      return value as Neighbour[];
  } catch {
    // not JSON: computed again below
  }
  return null;
}

export interface RelatedList {
  neighbours: Neighbour[];
  /** How the list was obtained: stored and current, stored and updated with new papers, or computed. */
  how: "stored" | "incremental" | "computed";
}

/** What similar papers read and write: the store (the list is a derived cache) and its search state. */
export interface RelatedDeps {
  store: Store;
  search: SearchState;
}

export async function relatedPapers(
  deps: RelatedDeps,
  id: string,
  limit = 10,
): Promise<{ paper: Paper; score: number }[]> {
  const { neighbours } = await relatedList(deps, id);
  const top = neighbours.slice(0, Math.max(0, Math.min(limit, RELATED_KEEP)));
  const papers = new Map(
    (
      await getPapers(
        deps.store.db,
        top.map((n) => n.id),
      )
    ).map((p) => [p.id, p]),
  );
  return top.flatMap((n) => {
    const paper = papers.get(n.id);
    return paper ? [{ paper, score: n.score }] : [];
  });
}

export async function relatedList(deps: RelatedDeps, id: string): Promise<RelatedList> {
  const { store } = deps;
  const engine = await getEngine(deps.search);
  const doc = engine.docOf.get(id);
  if (doc === undefined) return { neighbours: [], how: "computed" };
  const db = store.db;
  const stored = await db
    .selectFrom("search_related")
    .selectAll()
    .where("paper_id", "=", id)
    .executeTakeFirst();
  const seq = engine.lastSeq;
  const storedList = stored ? readNeighbours(stored.neighbours) : null;
  if (stored && storedList && Number(stored.model_id) === engine.modelId) {
    const storedSeq = Number(stored.seq);
    const kept = storedList.filter((n) => engine.docOf.has(n.id));
    if (isCurrent(engine, stored)) return { neighbours: kept, how: "stored" };
    const since = firstDocAfter(engine, storedSeq);
    if (engine.docCount - since <= MAX_SINCE_SHARE * engine.lexical.liveCount) {
      const scorer = await similarityTo(engine, store, doc);
      const fresh = scorer.score(since);
      // Papers re-indexed since are in `fresh` with their new score; drop their old entry.
      const freshIds = new Set(fresh.map((n) => n.id));
      const neighbours = best([
        ...kept.filter((n) => !freshIds.has(n.id) && (engine.docOf.get(n.id) ?? since) < since),
        ...fresh,
      ]);
      await save(store, id, engine, seq, neighbours);
      return { neighbours, how: "incremental" };
    }
  }
  const scorer = await similarityTo(engine, store, doc);
  const neighbours = best(scorer.score(0));
  await save(store, id, engine, seq, neighbours);
  return { neighbours, how: "computed" };
}

/** A stored list needs no work: made with the engine's vector model, and no paper indexed since. */
function isCurrent(engine: SearchEngine, row: { model_id: number; seq: number }): boolean {
  return Number(row.model_id) === engine.modelId && Number(row.seq) >= engine.lastSeq;
}

/**
 * Of `ids` (in their order), the first `max` papers the engine holds whose stored list is
 * missing or not current, i.e. those relatedList would compute or update rather than read.
 */
export async function staleRelated(
  db: Kysely<Database>,
  engine: SearchEngine,
  ids: readonly string[],
  max = Number.POSITIVE_INFINITY,
): Promise<string[]> {
  const out: string[] = [];
  for (const chunk of batches(ids.filter((id) => engine.docOf.has(id)))) {
    const rows = await db
      .selectFrom("search_related")
      .select(["paper_id", "model_id", "seq"])
      .where("paper_id", "in", chunk)
      .execute();
    const current = new Set(rows.filter((r) => isCurrent(engine, r)).map((r) => r.paper_id));
    for (const id of chunk) {
      if (current.has(id)) continue;
      out.push(id);
      if (out.length >= max) return out;
    }
  }
  return out;
}

function best(ns: Neighbour[]): Neighbour[] {
  return ns.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).slice(0, RELATED_KEEP);
}

async function save(
  store: Store,
  id: string,
  engine: SearchEngine,
  seq: number,
  neighbours: Neighbour[],
): Promise<void> {
  const row = { paper_id: id, model_id: engine.modelId, seq, neighbours: JSON.stringify(neighbours) };
  // A derived cache: no trigger bumps the page cache's counter for it (migration 017), so a
  // crawler walking paper pages (each first view stores its similar papers) keeps no page cold.
  await store.db
    .insertInto("search_related")
    .values(row)
    .onConflict((oc) =>
      oc.column("paper_id").doUpdateSet({ model_id: row.model_id, seq: row.seq, neighbours: row.neighbours }),
    )
    .execute();
}

/** The first doc number indexed after `seq` (docs are numbered in seq order). */
function firstDocAfter(engine: SearchEngine, seq: number): number {
  let lo = 0;
  let hi = engine.docCount;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (engine.seqOf(mid) <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Scores other papers against paper `doc`: score(from) covers live docs numbered from `from` on. */
async function similarityTo(engine: SearchEngine, store: Store, doc: number) {
  const row = await store.db
    .selectFrom("search_docs")
    .select("terms")
    .where("paper_id", "=", engine.paperIds[doc])
    .executeTakeFirstOrThrow();
  const { termIds, tfs } = decodeTerms(row.terms);
  // Its most telling words (the same that find a paper's neighbours for expansion.ts).
  const query = tellingTerms(engine.lexical, termIds, tfs, QUERY_TERMS).map((t) => ({ id: t.id, weight: 1 }));
  const vectors = engine.vectors?.has(doc) ? engine.vectors : null;
  const va = vectors ? vectors.unit(doc) : null;
  return {
    score(from: number): Neighbour[] {
      const allow = (d: number) => d >= from && d !== doc;
      const lexical = engine.lexical.score(query, {
        k: CANDIDATES + 1,
        allow: (d) => d >= from || d === doc,
      });
      const lexHits = lexical.sorted();
      const self = lexHits.find((h) => h.doc === doc)?.score ?? lexHits[0]?.score ?? 1;
      const bm25 = new Map(lexHits.map((h) => [h.doc, h.score / self]));
      const candidates = new Set(lexHits.map((h) => h.doc));
      if (vectors && va) {
        for (const h of vectors
          .nearest(va, CANDIDATES, engine.docCount, (d) => allow(d) && engine.lexical.isLive(d))
          .sorted()) {
          candidates.add(h.doc);
        }
      }
      const top = new TopK(RELATED_KEEP);
      for (const d of candidates) {
        if (!allow(d) || !engine.lexical.isLive(d)) continue;
        const words = Math.min(bm25.get(d) ?? 0, 1);
        const s = va && vectors ? VECTOR_WEIGHT * vectors.cosine(d, va) + (1 - VECTOR_WEIGHT) * words : words;
        top.offer(d, s);
      }
      return top
        .sorted()
        .map((h) => ({ id: engine.paperIds[h.doc], score: Math.round(h.score * 1e4) / 1e4 }));
    },
  };
}
