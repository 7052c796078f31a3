// The in-memory search engine of one database: the inverted index (BM25F), a title-only index
// (search-as-you-type), paper vectors (LSA) and per-paper days (date filters and sort). It is
// loaded from the search tables on first use and catches up with whatever any process indexed
// since, by `seq`, before every search: a restart reloads, it never re-tokenises or retrains.
import type { Kysely } from "kysely";
import { authorKey } from "../model/authorName.ts";
import { batches } from "../store/batches.ts";
import { paperTexts } from "../store/papers.ts";
import type { Database } from "../store/schema.ts";
import { termOf, words } from "./analyze.ts";
import { AuthorIndex, parseNames } from "./authors.ts";
import { decodeTerms, int8s, uint32s } from "./codec.ts";
import { ExpansionTable } from "./expansionTable.ts";
import type { GramText } from "./grams.ts";
import { syncIndex } from "./indexer.ts";
import {
  type DocTerms,
  type ExtraField,
  LexicalIndex,
  packTf,
  type QueryTerm,
  tfAuthors,
  tfTitle,
} from "./lexicalIndex.ts";
import type { ParsedQuery } from "./query.ts";
import type { SearchState } from "./state.ts";
import { TermWeights } from "./termWeights.ts";
import { TitleWords } from "./titleWords.ts";
import { TopK } from "./topK.ts";
import { VectorStore } from "./vectors.ts";

export type SearchMode = "hybrid" | "lexical" | "semantic";

export interface EngineHit {
  doc: number;
  score: number;
  /** Shares no word with the query: added for its meaning, below every word match. */
  near?: true;
}

/**
 * The ranking, chosen on SciFact (see README), in stages over the best candidates:
 * 1. BM25F over title, abstract and authors, each query word weighed by its residual idf
 *    (termWeights.ts);
 * 2. its top EXPANSION_DEPTH re-scored by BM25F with a fourth field, the paper's expansion (the
 *    telling terms of its nearest papers, expansion.ts), weighted EXPANSION_WEIGHT;
 * 3. its top RERANK_DEPTH re-scored as bm25 / best bm25 + GRAM_WEIGHT · 3-gram BM25F / best
 *    3-gram score (grams.ts: what stemming splits);
 * 4. in hybrid mode, those re-scored as score / best + SEMANTIC_WEIGHT · cosine(query vector,
 *    paper vector), the query vector being the query's own LSA vector plus the mean vector of the
 *    FEEDBACK_DOCS best hits (pseudo-relevance feedback in the latent space); papers that share
 *    no word with the query follow, by meaning. Reciprocal rank fusion measured worse.
 */
export const RERANK_DEPTH = 100;
export const EXPANSION_DEPTH = 200;
export const EXPANSION_WEIGHT = 0.8;
/** The expansion field's length normalisation (BM25's usual b). */
const EXPANSION_B = 0.75;
export const GRAM_WEIGHT = 1;
export const SEMANTIC_WEIGHT = 0.05;
export const FEEDBACK_DOCS = 5;
/** sort:date orders this many best matches by date. */
export const DATE_SORT_DEPTH = 1000;
/**
 * A query with a phrase (or an excluded phrase) reads the stored title, abstract and authors of
 * at most this many candidates, the best by BM25F among the papers holding every word of its
 * phrases, and keeps those where the words stand in order.
 */
export const PHRASE_CANDIDATES = 2000;

/** What a query lets through: its filters, exclusions and phrases. */
export interface Matcher {
  /** Null: every live paper. */
  allow: ((doc: number) => boolean) | null;
  /** Phrases were checked on the papers' text (so only the checked papers can pass). */
  textChecked: boolean;
  /** False when more candidates than PHRASE_CANDIDATES held the phrases' words: some were not checked. */
  complete: boolean;
}

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
  /** The catch-up running now, and the one that follows it (shared by every caller meanwhile). */
  private refreshing: Promise<void> | null = null;
  private nextRefresh: Promise<void> | null = null;
  /** Search-as-you-type's reusable per-doc buffer (suggest.ts), sized to this engine's docs. */
  suggestScratch: { slots: Float32Array; docs: number } | null = null;
  /** Each paper's expansion (expansion.ts), for the version of the paper it was made for. */
  private readonly expansions = new ExpansionTable();
  private lastExpansionSeq = 0;
  /** Every author name (authors.ts), read from the papers table on first use. */
  private readonly authorIndex = new AuthorIndex();
  private authorsUpdating: Promise<void> | null = null;
  /** The last query's phrase check, reused while nothing was indexed (a page asks twice). */
  private textCheck: { key: string; seq: number; docs: Set<number>; complete: boolean } | null = null;

  /** `db` is where the gram re-score reads candidates' text. */
  constructor(
    readonly state: SearchState,
    private readonly db: Kysely<Database>,
  ) {}

  get docCount(): number {
    return this.lexical.docCount;
  }

  seqOf(doc: number): number {
    return this.seqs[doc];
  }

  /**
   * Applies what was indexed before the call (by any process). Catch-ups never overlap, and
   * callers that arrive while one runs share the single one that starts after it: every search
   * calls this, and on PostgreSQL a catch-up per request, one after another, made concurrent
   * searches queue behind each other's round trips.
   */
  refresh(db: Kysely<Database>): Promise<void> {
    if (!this.refreshing) {
      const run = this.catchUp(db).finally(() => {
        this.refreshing = null;
      });
      this.refreshing = run;
      return run;
    }
    if (!this.nextRefresh) {
      this.nextRefresh = this.refreshing
        .catch(() => {})
        .then(() => {
          this.nextRefresh = null;
          return this.refresh(db);
        });
    }
    return this.nextRefresh;
  }

  private async catchUp(db: Kysely<Database>): Promise<void> {
    const counters = new Map(
      (await db.selectFrom("search_state").select(["key", "value"]).execute()).map((r) => [
        r.key,
        Number(r.value),
      ]),
    );
    const seq = counters.get("seq") ?? 0;
    const expansionSeq = counters.get("expansion_seq") ?? 0;
    const vectorsGeneration = counters.get("vectors") ?? 0;
    await this.state.syncModel(db);
    await this.state.syncGrams(db);
    const model = this.state.model;
    if ((model?.id ?? 0) !== this.modelId || vectorsGeneration !== this.vectorsGeneration) {
      // A new model, or vectors computed by another process: reload every paper's vector
      // (papers loaded below bring theirs).
      if ((model?.id ?? 0) !== this.modelId)
        this.vectors = model ? new VectorStore(model.projector.model.dim) : null;
      this.modelId = model?.id ?? 0;
      this.expansions.modelChanged();
      this.vectorsGeneration = vectorsGeneration;
      if (model && this.docCount > 0) await this.loadVectors(db, null);
    }
    if (seq > this.lastSeq) await this.catchUpDocs(db);
    if (expansionSeq > this.lastExpansionSeq) await this.catchUpExpansions(db);
  }

  private async catchUpDocs(db: Kysely<Database>): Promise<void> {
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

  /** Expansions stored since the last look, applied to the paper versions they were made for. */
  private async catchUpExpansions(db: Kysely<Database>): Promise<void> {
    for (;;) {
      const rows = await db
        .selectFrom("search_expansions")
        .select(["paper_id", "doc_seq", "model_id", "seq", "terms"])
        .where("seq", ">", this.lastExpansionSeq)
        .orderBy("seq")
        .limit(50_000)
        .execute();
      if (rows.length === 0) return;
      for (const r of rows) {
        const doc = this.docOf.get(r.paper_id);
        if (doc !== undefined && this.seqs[doc] === Number(r.doc_seq))
          this.expansions.set(doc, this.seqs[doc], uint32s(r.terms), Number(r.model_id));
      }
      this.lastExpansionSeq = Number(rows[rows.length - 1].seq);
    }
  }

  /** The doc's expansion terms (ids ascending), or null when it has none for its version yet. */
  expansionOf(doc: number): Uint32Array | null {
    return this.expansions.get(doc, this.seqs[doc]);
  }

  /** Live docs without an expansion for their current version and the current model, oldest first. */
  pendingExpansions(max: number): number[] {
    return this.expansions.pending(
      max,
      this.docCount,
      (d) => this.lexical.isLive(d),
      (d) => this.seqs[d],
      this.modelId,
    );
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

  private termId(word: string): number | undefined {
    const t = termOf(word);
    return t === null ? undefined : this.state.vocab.id(t);
  }

  /**
   * The query's filter (filter()) narrowed by its phrases and excluded phrases, which are
   * checked on the stored text of the best PHRASE_CANDIDATES papers that pass the filter.
   */
  async matcher(q: ParsedQuery): Promise<Matcher> {
    const base = this.filter(q);
    const phrases = q.phrases ?? [];
    const excludedPhrases = (q.excluded ?? []).filter((e) => e.length > 1);
    if (phrases.length === 0 && excludedPhrases.length === 0)
      return { allow: base, textChecked: false, complete: true };
    const key = JSON.stringify([
      q.words,
      phrases,
      excludedPhrases,
      q.excluded,
      q.authors,
      q.categories,
      q.from,
      q.to,
    ]);
    let check = this.textCheck;
    if (!check || check.key !== key || check.seq !== this.lastSeq) {
      const live = (d: number) => this.lexical.isLive(d) && (base === null || base(d));
      const candidates =
        q.words.length > 0
          ? this.lexical
              .score(this.weighted(this.queryTerms(q.words)), {
                k: PHRASE_CANDIDATES + 1,
                allow: base && live,
              })
              .sorted()
              .map((h) => h.doc)
          : this.newestPassing(live, PHRASE_CANDIDATES + 1).map((h) => h.doc);
      const complete = candidates.length <= PHRASE_CANDIDATES;
      const docs = new Set<number>();
      const checked = candidates.slice(0, PHRASE_CANDIDATES);
      const texts = await paperTextsWithAuthors(
        this.db,
        checked.map((d) => this.paperIds[d]),
      );
      const want = phrases.map(phraseTerms);
      const unwanted = excludedPhrases.map(phraseTerms);
      for (const d of checked) {
        const t = texts.get(this.paperIds[d]);
        if (!t) continue;
        // Names in their natural order ("LeCun, Yann" reads "Yann LeCun"), as author pages key them.
        const fields = [t.title, t.abstract, ...t.authors.map(authorKey)].map(phraseTerms);
        const has = (p: string[]) => fields.some((f) => containsRun(f, p));
        if (want.every(has) && !unwanted.some(has)) docs.add(d);
      }
      check = { key, seq: this.lastSeq, docs, complete };
      this.textCheck = check;
    }
    const docs = check.docs;
    return { allow: (d) => docs.has(d), textChecked: true, complete: check.complete };
  }

  /** Some paper has this word's term among its author names (or it is a stop word). */
  private inSomeAuthors(word: string): boolean {
    if (termOf(word) === null) return true; // a stop word ("de", "van"…) is not indexed
    const id = this.termId(word);
    if (id === undefined) return false;
    const p = this.lexical.postings(id);
    for (let i = p.start; i < p.start + p.length; i++) if (tfAuthors(p.tfs[i]) > 0) return true;
    return false;
  }

  /** The author index, brought up to the docs indexed so far (calls never overlap). */
  async authors(): Promise<AuthorIndex> {
    const run = (this.authorsUpdating ?? Promise.resolve()).then(() =>
      this.authorIndex.update(
        this.db,
        this.docCount,
        (d) => this.paperIds[d],
        (id) => this.docOf.get(id),
      ),
    );
    this.authorsUpdating = run.catch(() => {});
    await run;
    return this.authorIndex;
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
    // A phrase needs each of its words (the text check then looks at their order).
    for (const phrase of q.phrases ?? []) {
      for (const w of phrase) {
        const id = this.termId(w);
        if (id === undefined) {
          if (termOf(w) !== null) sets.push([]); // a word no paper has: nothing can match
          continue;
        }
        const p = this.lexical.postings(id);
        sets.push(Array.from(p.docs.subarray(p.start, p.start + p.length)));
      }
    }
    // One excluded word: the papers holding its term (any field) are left out. Stop words
    // cannot be excluded (nearly every paper has them); excluded phrases are read in the text.
    let excluded: Uint8Array | null = null;
    for (const ex of q.excluded ?? []) {
      if (ex.length !== 1) continue;
      const id = this.termId(ex[0]);
      if (id === undefined) continue;
      excluded ??= new Uint8Array(this.docCount);
      const p = this.lexical.postings(id);
      for (let i = p.start; i < p.start + p.length; i++) excluded[p.docs[i]] = 1;
    }
    const { from, to } = q;
    if (sets.length === 0 && from === null && to === null && excluded === null) return null;
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
      if (excluded !== null && excluded[d] === 1) return false;
      if (from !== null && (days[d] === NO_DAY || days[d] < from)) return false;
      if (to !== null && (days[d] === NO_DAY || days[d] > to)) return false;
      return true;
    };
  }

  /** Ranked docs for a parsed query (direct hits are the caller's business). */
  async search(q: ParsedQuery, opts: SearchOptions): Promise<EngineHit[]> {
    const mode = opts.mode ?? "hybrid";
    const sort = opts.sort ?? q.sort ?? "relevance";
    const want = (opts.offset ?? 0) + opts.limit;
    const matcher = await this.matcher(q);
    const allow = matcher.allow;
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
        // A query that names an author with papers here: their papers first, and no papers
        // close in meaning after the word matches (a name has no meaning to match: its vector's
        // neighbours are unrelated papers).
        const named = await this.namedAuthorDocs(q);
        const weighted = this.weighted(terms);
        if (sort === "date") {
          hits = this.lexical.score(weighted, { k: depth, allow: allow && live }).sorted();
        } else {
          const k = this.expansions.count > 0 ? Math.max(depth, EXPANSION_DEPTH) : depth;
          hits = this.lexical.score(weighted, { k, allow: allow && live }).sorted();
          hits = await this.byGrams(q.words.join(" "), this.byExpansions(weighted, hits));
          if (hits.length > depth) hits = hits.slice(0, depth);
        }
        // No papers close in meaning for a phrase (they do not hold it) or an author's name.
        const topUp = matcher.textChecked || named.length > 0 ? 0 : want;
        if (mode === "hybrid") hits = this.rerank(terms, hits, depth, topUp, live);
        if (sort !== "date" && named.length > 0) hits = this.authorFirst(named.filter(live), hits, depth);
      }
    }
    if (sort === "date") hits = this.byDate(hits);
    return hits.slice(opts.offset ?? 0, want);
  }

  /**
   * The live docs of the author(s) a query names in full (authors.ts: its key, or the first and
   * last words of a longer name), whatever its filters; empty when it is not a name.
   */
  private async namedAuthorDocs(q: ParsedQuery): Promise<number[]> {
    if (q.words.length < 2 || q.words.length > 6 || q.phrases.length > 0) return [];
    // Only when every word is in some paper's author list: most queries are topics, and the
    // author index is built on first use.
    if (!q.words.every((w) => this.inSomeAuthors(w))) return [];
    const index = await this.authors();
    return index.docsNamed(q.words.join(" "), (d) => this.lexical.isLive(d));
  }

  /**
   * The named author's papers (those passing the query's filters) first: those among the hits in
   * their order, then the others newest first; every other hit follows.
   */
  private authorFirst(named: number[], hits: EngineHit[], depth: number): EngineHit[] {
    if (named.length === 0) return hits;
    const mine = new Set(named);
    const first = hits.filter((h) => mine.has(h.doc));
    const inHits = new Set(first.map((h) => h.doc));
    const days = this.days;
    const rest = named.filter((d) => !inHits.has(d)).sort((a, b) => days[b] - days[a] || a - b);
    const order = [...first.map((h) => h.doc), ...rest];
    const top = Math.max(0, ...hits.map((h) => h.score));
    const boosted: EngineHit[] = order.map((doc, i) => ({
      doc,
      score: top + 1 + (order.length - i) / order.length,
    }));
    return [...boosted, ...hits.filter((h) => !mine.has(h.doc))].slice(0, Math.max(depth, boosted.length));
  }

  /**
   * The top EXPANSION_DEPTH hits re-scored with their expansions as a fourth BM25F field. Adding
   * a field never lowers a score, so they stay above the hits below them.
   */
  private byExpansions(weighted: QueryTerm[], hits: EngineHit[]): EngineHit[] {
    if (this.expansions.count === 0 || hits.length === 0) return hits;
    const top = hits.slice(0, EXPANSION_DEPTH);
    const field: ExtraField = {
      terms: (d) => this.expansionOf(d),
      weight: EXPANSION_WEIGHT,
      b: EXPANSION_B,
      averageLength: this.expansions.averageLength,
    };
    const scores = this.lexical.scoreWithField(
      weighted,
      top.map((h) => h.doc),
      field,
    );
    const rescored = top
      .map((h, i) => ({ doc: h.doc, score: scores[i] }))
      .sort((a, b) => b.score - a.score || a.doc - b.doc);
    return [...rescored, ...hits.slice(EXPANSION_DEPTH)];
  }

  /**
   * The top RERANK_DEPTH hits re-scored as score / best + GRAM_WEIGHT · gram score / best gram
   * score, from their stored title and abstract; hits below keep their order, under them.
   * Without gram statistics (no vector model yet) the hits stay as they are.
   */
  private async byGrams(text: string, hits: EngineHit[]): Promise<EngineHit[]> {
    const grams = this.state.grams;
    if (!grams || grams.modelId !== this.modelId || hits.length === 0) return hits;
    const top = hits.slice(0, RERANK_DEPTH);
    const texts = await this.textsOf(top.map((h) => h.doc));
    const g = grams.stats.score(text, texts);
    let bestGram = 0;
    for (const v of g) if (v > bestGram) bestGram = v;
    const best = top[0].score || 1;
    const rescored = top
      .map((h, i) => ({
        doc: h.doc,
        score: h.score / best + (bestGram > 0 ? (GRAM_WEIGHT * g[i]) / bestGram : 0),
      }))
      .sort((a, b) => b.score - a.score || a.doc - b.doc);
    // Below the block, on the same scale and under it (a re-scored hit is ≥ 0, these ≤ -1).
    const rest = hits.slice(RERANK_DEPTH).map((h) => ({ doc: h.doc, score: h.score / best - 2 }));
    return [...rescored, ...rest];
  }

  /** Title and abstract of these docs, in order (empty for a paper deleted meanwhile). */
  private async textsOf(docs: number[]): Promise<GramText[]> {
    const ids = docs.map((d) => this.paperIds[d]);
    const found = await paperTexts(this.db, ids);
    return ids.map((id) => found.get(id) ?? { title: "", abstract: "" });
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
    const hits: EngineHit[] = lexical.map((h) => ({
      doc: h.doc,
      score: h.score / best + SEMANTIC_WEIGHT * vectors.cosine(h.doc, qv),
    }));
    if (hits.length < depth && hits.length < want) {
      // Meaning without shared words: papers the words missed, ranked below every word match.
      const seen = new Set(hits.map((h) => h.doc));
      const floor = Math.min(0, ...hits.map((h) => h.score));
      for (const h of vectors.nearest(qv, depth, this.docCount, (d) => live(d) && !seen.has(d)).sorted()) {
        if (h.score <= 0) break;
        hits.push({ doc: h.doc, score: floor - 1 + SEMANTIC_WEIGHT * h.score, near: true });
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

  /** Newest first; papers without a date last; ties by relevance. Word matches stay above papers close in meaning. */
  private byDate(hits: EngineHit[]): EngineHit[] {
    const days = this.days;
    return [...hits].sort(
      (a, b) =>
        Number(a.near ?? false) - Number(b.near ?? false) ||
        days[b.doc] - days[a.doc] ||
        b.score - a.score ||
        a.doc - b.doc,
    );
  }
}

/** A text's words as the phrase check compares them: by term (so "models" = "model"), stop words as typed. */
function phraseTerms(text: string | string[]): string[] {
  const ws = Array.isArray(text) ? text : words(text);
  return ws.map((w) => termOf(w) ?? w);
}

/** Title, abstract and author names of these papers (those still stored). */
async function paperTextsWithAuthors(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, { title: string; abstract: string; authors: string[] }>> {
  const out = new Map<string, { title: string; abstract: string; authors: string[] }>();
  for (const chunk of batches(ids)) {
    const rows = await db
      .selectFrom("papers")
      .select(["id", "title", "abstract", "authors"])
      .where("id", "in", chunk)
      .execute();
    for (const r of rows)
      out.set(r.id, { title: r.title, abstract: r.abstract ?? "", authors: parseNames(r.authors) });
  }
  return out;
}

/** The run of words `run` appears, in order and side by side, in `text`. */
export function containsRun(text: string[], run: string[]): boolean {
  if (run.length === 0) return true;
  outer: for (let i = 0; i + run.length <= text.length; i++) {
    for (let j = 0; j < run.length; j++) if (text[i + j] !== run[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * The engine of a search state's database, loaded on first use. The first load also indexes
 * papers the index has not seen (a crash between an import batch and its indexing), so search
 * never misses them.
 */
export async function getEngine(search: SearchState): Promise<SearchEngine> {
  const db = search.db;
  if (!search.engine) {
    const loading = (async () => {
      await syncIndex(search);
      const engine = new SearchEngine(search, db);
      await engine.refresh(db);
      // The author index is read with the engine, not inside the first query that names an
      // author (seconds at 75k papers, which would land on one reader's search).
      await engine.authors();
      return engine;
    })();
    search.engine = loading;
    loading.catch(() => {
      if (search.engine === loading) search.engine = null;
    });
  }
  const engine = await search.engine;
  await engine.refresh(db);
  if (engine.lexical.deadShare > MAX_DEAD_SHARE) {
    // Many papers were re-indexed (a reindex, a big update): start over to reclaim the memory.
    search.engine = null;
    return getEngine(search);
  }
  return engine;
}
