// The in-memory search engine of one database: the inverted index (BM25F), a title-only index
// (search-as-you-type), paper vectors (LSA) and per-paper days (date filters and sort). It is
// loaded from the search tables on first use and catches up with whatever any process indexed
// since, by `seq`, before every search: a restart reloads, it never re-tokenises or retrains.
import { Kysely } from "kysely";
import type { Store } from "../store/db.ts";
import type { Database } from "../store/schema.ts";
import { termOf, words } from "./analyze.ts";
import { decodeTerms, int8s } from "./codec.ts";
import { syncIndex } from "./indexer.ts";
import { type DocTerms, LexicalIndex, packTf, type QueryTerm, tfAuthors, tfTitle } from "./lexicalIndex.ts";
import type { ParsedQuery } from "./query.ts";
import { type SearchState, searchState } from "./state.ts";
import { TermWeights } from "./termWeights.ts";
import { TitleWords } from "./titleWords.ts";
import { TopK } from "./topK.ts";
import { VectorStore } from "./vectors.ts";

export type SearchMode = "hybrid" | "lexical" | "semantic";

export interface EngineHit {
  doc: number;
  score: number;
}

/**
 * Hybrid ranking, chosen on SciFact (see README): the BM25F top RERANK_DEPTH are re-scored as
 * bm25 / best bm25 + SEMANTIC_WEIGHT * cosine(query vector, paper vector), where the query vector
 * is the query's own LSA vector plus the mean vector of the FEEDBACK_DOCS best lexical hits
 * (pseudo-relevance feedback in the latent space). Reciprocal rank fusion measured worse. BM25F
 * weighs each query word by its residual idf (termWeights.ts); with that, a lighter semantic
 * weight (0.05, was 0.1) measured best.
 */
export const RERANK_DEPTH = 100;
export const SEMANTIC_WEIGHT = 0.05;
export const FEEDBACK_DOCS = 5;
/** sort:date orders this many best matches by date. */
export const DATE_SORT_DEPTH = 1000;

const NO_DAY = -2147483648;

interface DocRow {
  paper_id: string;
  seq: number;
  day: number | null;
  title_len: number;
  abstract_len: number;
  authors_len: number;
  terms: Uint8Array;
  title: string;
}

/** Share of replaced docs at which the engine is rebuilt from the tables. */
const MAX_DEAD_SHARE = 0.3;

export interface SearchOptions {
  limit: number;
  offset?: number;
  mode?: SearchMode;
  sort?: "relevance" | "date";
}

export class SearchEngine {
  readonly lexical = new LexicalIndex();
  /** Corpus weights of query words (residual idf), for BM25F. */
  readonly termWeights = new TermWeights(this.lexical);
  /** Titles alone (frequencies in the abstract slot), for suggestions. */
  readonly titles = new LexicalIndex();
  /** Title words; a word's frequency is its term's document frequency in the title index. */
  readonly titleWords = new TitleWords((w) => {
    const t = termOf(w);
    const id = t === null ? undefined : this.state.vocab.id(t);
    return id === undefined ? 0 : this.titles.docFreq(id);
  });
  readonly paperIds: string[] = [];
  readonly docOf = new Map<string, number>();
  vectors: VectorStore | null = null;
  modelId = 0;
  /** Highest seq applied. */
  lastSeq = 0;
  private vectorsGeneration = 0;
  private seqs = new Float64Array(1024);
  private days = new Int32Array(1024);
  private refreshing: Promise<void> | null = null;

  constructor(readonly state: SearchState) {}

  get docCount(): number {
    return this.lexical.docCount;
  }

  seqOf(doc: number): number {
    return this.seqs[doc];
  }

  /** Applies what was indexed since the last call (by any process). Calls never overlap. */
  refresh(db: Kysely<Database>): Promise<void> {
    const run = (this.refreshing ?? Promise.resolve()).then(() => this.catchUp(db));
    this.refreshing = run.catch(() => {});
    return run;
  }

  private async catchUp(db: Kysely<Database>): Promise<void> {
    const counters = new Map(
      (await db.selectFrom("search_state").select(["key", "value"]).execute()).map((r) => [
        r.key,
        Number(r.value),
      ]),
    );
    const seq = counters.get("seq") ?? 0;
    const vectorsGeneration = counters.get("vectors") ?? 0;
    await this.state.syncModel(db);
    const model = this.state.model;
    if ((model?.id ?? 0) !== this.modelId || vectorsGeneration !== this.vectorsGeneration) {
      // A new model, or vectors computed by another process: reload every paper's vector
      // (papers loaded below bring theirs).
      if ((model?.id ?? 0) !== this.modelId)
        this.vectors = model ? new VectorStore(model.projector.model.dim) : null;
      this.modelId = model?.id ?? 0;
      this.vectorsGeneration = vectorsGeneration;
      if (model && this.docCount > 0) await this.loadVectors(db, null);
    }
    if (seq <= this.lastSeq) return;
    await this.state.syncVocab(db);
    const initial = this.lastSeq === 0;
    if (initial) await this.preallocate(db);
    for (;;) {
      const rows = await db
        .selectFrom("search_docs")
        .select(["paper_id", "seq", "day", "title_len", "abstract_len", "authors_len", "terms", "title"])
        .where("seq", ">", this.lastSeq)
        .orderBy("seq")
        .limit(20_000)
        .execute();
      if (rows.length === 0) break;
      this.applyRows(rows);
      this.lastSeq = Number(rows[rows.length - 1].seq);
      // A few new papers: fetch their vectors; a whole load: one scan of the vectors below.
      const added = rows.filter((r) => r.terms.byteLength > 0).map((r) => r.paper_id);
      if (!initial && this.vectors && added.length) await this.loadVectors(db, added);
    }
    if (initial && this.vectors) await this.loadVectors(db, null);
    this.titleWords.compact();
  }

  /** search_docs rows, in seq order: each replaces whatever the engine held for that paper. */
  private applyRows(rows: DocRow[]): void {
    const docs: DocTerms[] = [];
    const titleDocs: DocTerms[] = [];
    const kept: DocRow[] = [];
    for (const r of rows) {
      const old = this.docOf.get(r.paper_id);
      if (old !== undefined) {
        this.lexical.remove(old);
        this.titles.remove(old);
        this.docOf.delete(r.paper_id);
      }
      if (r.terms.byteLength === 0) continue; // the paper is gone
      const { termIds, tfs } = decodeTerms(r.terms);
      docs.push({
        termIds,
        tfs,
        titleLen: r.title_len,
        abstractLen: r.abstract_len,
        authorsLen: r.authors_len,
      });
      // The title index: title terms only, their frequency moved to the (wider) abstract slot.
      let n = 0;
      for (let i = 0; i < tfs.length; i++) if (tfTitle(tfs[i]) > 0) n++;
      const titleIds = new Uint32Array(n);
      const titleTfs = new Uint8Array(n);
      n = 0;
      for (let i = 0; i < termIds.length; i++) {
        const t = tfTitle(tfs[i]);
        if (t > 0) {
          titleIds[n] = termIds[i];
          titleTfs[n++] = packTf(0, t, 0);
        }
      }
      titleDocs.push({
        termIds: titleIds,
        tfs: titleTfs,
        titleLen: 0,
        abstractLen: r.title_len,
        authorsLen: 0,
      });
      kept.push(r);
    }
    const first = this.lexical.addBatch(docs);
    this.titles.addBatch(titleDocs);
    if (first + kept.length > this.seqs.length) this.growDocs(first + kept.length);
    kept.forEach((r, i) => {
      const doc = first + i;
      this.seqs[doc] = Number(r.seq);
      this.days[doc] = r.day === null ? NO_DAY : Number(r.day);
      this.paperIds[doc] = r.paper_id;
      this.docOf.set(r.paper_id, doc);
      for (const w of words(r.title)) this.titleWords.add(w);
    });
  }

  /**
   * Counts, for a load from scratch, how many postings each term will get (one pass over the
   * stored term lists), so both indexes can lay their lists out once, exactly.
   */
  private async preallocate(db: Kysely<Database>): Promise<void> {
    const size = this.state.vocab.size;
    const all = new Int32Array(size);
    const inTitle = new Int32Array(size);
    let after = this.lastSeq;
    for (;;) {
      const rows = await db
        .selectFrom("search_docs")
        .select(["seq", "terms"])
        .where("seq", ">", after)
        .orderBy("seq")
        .limit(50_000)
        .execute();
      if (rows.length === 0) break;
      for (const r of rows) {
        const { termIds, tfs } = decodeTerms(r.terms);
        for (let i = 0; i < termIds.length; i++) {
          const t = termIds[i];
          if (t >= size) continue;
          all[t]++;
          if (tfTitle(tfs[i]) > 0) inTitle[t]++;
        }
      }
      after = Number(rows[rows.length - 1].seq);
    }
    this.lexical.preallocate(all);
    this.titles.preallocate(inTitle);
  }

  /** Vectors of the current model: all of them (ids null) or of these papers. */
  private async loadVectors(db: Kysely<Database>, ids: string[] | null): Promise<void> {
    const vectors = this.vectors;
    if (!vectors) return;
    const take = (rows: { paper_id: string; vector: Uint8Array }[]) => {
      for (const r of rows) {
        const doc = this.docOf.get(r.paper_id);
        if (doc !== undefined) vectors.set(doc, int8s(r.vector));
      }
    };
    if (ids) {
      for (let i = 0; i < ids.length; i += 500) {
        take(
          await db
            .selectFrom("search_vectors")
            .select(["paper_id", "vector"])
            .where("model_id", "=", this.modelId)
            .where("paper_id", "in", ids.slice(i, i + 500))
            .execute(),
        );
      }
      return;
    }
    let after = "";
    for (;;) {
      const rows = await db
        .selectFrom("search_vectors")
        .select(["paper_id", "vector"])
        .where("model_id", "=", this.modelId)
        .where("paper_id", ">", after)
        .orderBy("paper_id")
        .limit(20_000)
        .execute();
      if (rows.length === 0) return;
      take(rows);
      after = rows[rows.length - 1].paper_id;
    }
  }

  private growDocs(min: number): void {
    let size = this.seqs.length;
    while (size < min) size *= 2;
    const seqs = new Float64Array(size);
    seqs.set(this.seqs);
    this.seqs = seqs;
    const days = new Int32Array(size);
    days.set(this.days);
    this.days = days;
  }

  /** Query words -> weighted term ids (repeats add up; words the corpus never saw drop out). */
  queryTerms(ws: string[]): QueryTerm[] {
    const counts = new Map<number, number>();
    for (const w of ws) {
      const t = termOf(w);
      const id = t === null ? undefined : this.state.vocab.id(t);
      if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return [...counts].map(([id, weight]) => ({ id, weight }));
  }

  /** Query terms with their corpus weights, for BM25F (the query vector keeps the plain counts). */
  weighted(terms: QueryTerm[]): QueryTerm[] {
    return terms.map((t) => ({ id: t.id, weight: t.weight * this.termWeights.weight(t.id) }));
  }

  /**
   * The filter of a query as a predicate on doc numbers (null = no filter). Categories and
   * authors come from postings (category terms, the authors field), dates from `days`.
   */
  filter(q: ParsedQuery): ((doc: number) => boolean) | null {
    const sets: number[][] = [];
    if (q.categories.length) {
      const docs: number[] = [];
      for (const c of q.categories) {
        const id = this.state.vocab.id(`cat:${c}`);
        if (id === undefined) continue;
        const p = this.lexical.postings(id);
        for (let i = p.start; i < p.start + p.length; i++) docs.push(p.docs[i]);
      }
      sets.push(docs);
    }
    for (const author of q.authors) {
      for (const w of author) {
        const t = termOf(w) ?? w;
        const id = this.state.vocab.id(t);
        const docs: number[] = [];
        if (id !== undefined) {
          const p = this.lexical.postings(id);
          for (let i = p.start; i < p.start + p.length; i++)
            if (tfAuthors(p.tfs[i]) > 0) docs.push(p.docs[i]);
        }
        sets.push(docs);
      }
    }
    const { from, to } = q;
    if (sets.length === 0 && from === null && to === null) return null;
    let passed: Uint8Array | null = null;
    if (sets.length) {
      // passed[d] = how many of the sets, in order, contain d; d passes when all of them do.
      const counts = new Uint8Array(this.docCount);
      sets.forEach((docs, i) => {
        for (const d of docs) if (counts[d] === i) counts[d] = i + 1;
      });
      passed = counts;
    }
    const need = sets.length;
    const days = this.days;
    return (d) => {
      if (passed !== null && passed[d] !== need) return false;
      if (from !== null && (days[d] === NO_DAY || days[d] < from)) return false;
      if (to !== null && (days[d] === NO_DAY || days[d] > to)) return false;
      return true;
    };
  }

  /** Ranked docs for a parsed query (direct hits are the caller's business). */
  search(q: ParsedQuery, opts: SearchOptions): EngineHit[] {
    const mode = opts.mode ?? "hybrid";
    const sort = opts.sort ?? q.sort ?? "relevance";
    const want = (opts.offset ?? 0) + opts.limit;
    const allow = this.filter(q);
    const live = (d: number) => this.lexical.isLive(d) && (allow === null || allow(d));
    const terms = this.queryTerms(q.words);
    let hits: EngineHit[];
    if (q.words.length === 0) {
      // Filters alone: every paper that passes, newest first.
      hits = allow === null ? [] : this.newestPassing(live, want);
    } else {
      const depth = sort === "date" ? Math.max(want, DATE_SORT_DEPTH) : Math.max(want, RERANK_DEPTH);
      if (mode === "semantic") hits = this.semantic(terms, [], depth, live);
      else {
        hits = this.lexical.score(this.weighted(terms), { k: depth, allow: allow && live }).sorted();
        if (mode === "hybrid") hits = this.rerank(terms, hits, depth, want, live);
      }
    }
    if (sort === "date") hits = this.byDate(hits);
    return hits.slice(opts.offset ?? 0, want);
  }

  /**
   * Lexical hits re-scored with vector similarity; topped up from the vectors when fewer than
   * `depth`, unless the word matches already fill the `want` results asked for: the top-up ranks
   * below every word match, so it could not change them, and finding it means comparing the query
   * with every paper's vector (about half a second at a million papers).
   */
  private rerank(
    terms: QueryTerm[],
    lexical: EngineHit[],
    depth: number,
    want: number,
    live: (d: number) => boolean,
  ): EngineHit[] {
    const vectors = this.vectors;
    const qv = this.queryVector(terms, lexical);
    if (!vectors || !qv) return lexical;
    const best = lexical[0]?.score || 1;
    const hits = lexical.map((h) => ({
      doc: h.doc,
      score: h.score / best + SEMANTIC_WEIGHT * vectors.cosine(h.doc, qv),
    }));
    if (hits.length < depth && hits.length < want) {
      // Meaning without shared words: papers the words missed, ranked below every word match.
      const seen = new Set(hits.map((h) => h.doc));
      const floor = Math.min(0, ...hits.map((h) => h.score));
      for (const h of vectors.nearest(qv, depth, this.docCount, (d) => live(d) && !seen.has(d)).sorted()) {
        if (h.score <= 0) break;
        hits.push({ doc: h.doc, score: floor - 1 + SEMANTIC_WEIGHT * h.score });
      }
    }
    return hits.sort((a, b) => b.score - a.score || a.doc - b.doc);
  }

  private semantic(
    terms: QueryTerm[],
    feedback: EngineHit[],
    k: number,
    live: (d: number) => boolean,
  ): EngineHit[] {
    const qv = this.queryVector(terms, feedback);
    if (!this.vectors || !qv) return [];
    return this.vectors
      .nearest(qv, k, this.docCount, live)
      .sorted()
      .filter((h) => h.score > 0);
  }

  /** The query's unit LSA vector, nudged towards the best lexical hits; null without a model. */
  queryVector(terms: QueryTerm[], feedback: EngineHit[]): Float32Array | null {
    const model = this.state.model;
    const vectors = this.vectors;
    if (!model || !vectors || model.id !== this.modelId) return null;
    const qv = model.projector.embed(
      terms.map((t) => t.id),
      (i) => terms[i].weight,
    );
    const fb = feedback.slice(0, FEEDBACK_DOCS).filter((h) => vectors.has(h.doc));
    for (const h of fb) {
      const v = vectors.unit(h.doc);
      for (let i = 0; i < qv.length; i++) qv[i] += v[i] / fb.length;
    }
    let norm = 0;
    for (let i = 0; i < qv.length; i++) norm += qv[i] * qv[i];
    if (norm === 0) return null;
    const inv = 1 / Math.sqrt(norm);
    for (let i = 0; i < qv.length; i++) qv[i] *= inv;
    return qv;
  }

  /** The k newest docs that pass (a heap, not a sort of every match). */
  private newestPassing(live: (d: number) => boolean, k: number): EngineHit[] {
    const top = new TopK(k);
    for (let d = 0; d < this.docCount; d++) if (live(d)) top.offer(d, this.days[d]);
    return top.sorted().map((h) => ({ doc: h.doc, score: 0 }));
  }

  /** Newest first; papers without a date last; ties by relevance. */
  private byDate(hits: EngineHit[]): EngineHit[] {
    const days = this.days;
    return [...hits].sort((a, b) => days[b.doc] - days[a.doc] || b.score - a.score || a.doc - b.doc);
  }
}

/**
 * The engine of a store, loaded on first use. The first load also indexes papers the index has
 * not seen (a crash between an import batch and its indexing), so search never misses them.
 */
export async function getEngine(store: Store | Kysely<Database>): Promise<SearchEngine> {
  const db = store instanceof Kysely ? store : store.db;
  const state = searchState(db);
  if (!state.engine) {
    state.engine = (async () => {
      await syncIndex(db);
      const engine = new SearchEngine(state);
      await engine.refresh(db);
      return engine;
    })();
    state.engine.catch(() => {
      state.engine = null;
    });
  }
  const engine = (await state.engine) as SearchEngine;
  await engine.refresh(db);
  if (engine.lexical.deadShare > MAX_DEAD_SHARE) {
    // Many papers were re-indexed (a reindex, a big update): start over to reclaim the memory.
    state.engine = null;
    return getEngine(store);
  }
  return engine;
}
