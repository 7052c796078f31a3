// Search as the API, the pages and the CLI call it: direct hits (an arXiv id or URL, a DOI) jump
// to their paper; anything else is parsed (filters, sort) and ranked by the engine (BM25F over
// title, abstract and authors, re-ranked with LSA vectors). `searchPapers` keeps the original
// signature so every caller picks the ranking up unchanged.
import { sql } from "kysely";
import type { Paper } from "../model/paper.ts";
import { getPapers } from "../store/papers.ts";
import {
  DATE_SORT_DEPTH,
  getEngine,
  type Matcher,
  RERANK_DEPTH,
  type SearchEngine,
  type SearchMode,
} from "./engine.ts";
import { type ParsedQuery, parseQuery } from "./query.ts";
import type { SearchState } from "./state.ts";

export interface SearchHit {
  paper: Paper;
  score: number;
  /** The query named this paper (id, URL or DOI) rather than describing it. */
  direct?: boolean;
}

export interface SearchOptions {
  limit: number;
  offset?: number;
  /** relevance or date (newest first); when not given, a `sort:` in the text decides. */
  sort?: "relevance" | "date";
  mode?: SearchMode;
}

/** The search page goes no deeper than this many results (the engine's date-sort depth). */
export const MAX_BROWSABLE = DATE_SORT_DEPTH;

export interface SearchPageOptions {
  /** 0-based page. */
  page: number;
  pageSize: number;
  sort?: "relevance" | "date";
  /** Filters from a form, merged into those typed in the text (see mergeFilters). */
  filters?: Partial<Pick<ParsedQuery, "authors" | "categories" | "from" | "to">>;
}

export interface SearchPageResult {
  hits: SearchHit[];
  /** The query as understood, filters merged in (for highlighting and for the form). */
  query: ParsedQuery;
  /** Papers that contain at least one of the words and pass the filters (every passing paper when only filters are given). */
  matched: number;
  /** False when `matched` is a lower bound: a phrase was checked on the best PHRASE_CANDIDATES papers only. */
  matchedExact: boolean;
  /** Results that can be paged through: word matches, papers close in meaning after them, at most MAX_BROWSABLE. */
  total: number;
}

/**
 * One page of results and the counts a search page shows. The engine ranks word matches first
 * and, when they are fewer than its re-ranking depth, tops them up with papers close in meaning;
 * `matched` counts the former and `total` both, so a page can say which is which.
 */
export async function searchPage(
  state: SearchState,
  text: string,
  opts: SearchPageOptions,
): Promise<SearchPageResult> {
  return timed(state, () => rankPage(state, text, opts));
}

async function rankPage(
  state: SearchState,
  text: string,
  opts: SearchPageOptions,
): Promise<SearchPageResult> {
  const q = mergeFilters(parseQuery(text), opts.filters ?? {});
  const offset = opts.page * opts.pageSize;
  if (q.direct) {
    const paper = await directPaper(state, q.direct);
    const hits = paper && offset === 0 ? [{ paper, score: 1, direct: true }] : [];
    return { hits, query: q, matched: paper ? 1 : 0, matchedExact: true, total: paper ? 1 : 0 };
  }
  const engine = await getEngine(state);
  const matcher = await engine.matcher(q);
  const matched = countMatches(engine, q, matcher.allow);
  const sort = opts.sort ?? q.sort ?? "relevance";
  const depth = sort === "date" ? DATE_SORT_DEPTH : RERANK_DEPTH;
  // Below the engine's depth, the fill-in papers count too: ask for the whole depth once, and
  // take the page from it (the fill-in compares the query with every paper's vector: once is enough).
  const whole =
    matched >= depth || q.words.length === 0 ? null : await engine.search(q, { limit: depth, sort });
  const total = Math.min(MAX_BROWSABLE, whole ? whole.length : matched);
  const limit = Math.max(0, Math.min(opts.pageSize, total - offset));
  const page = whole
    ? whole.slice(offset, offset + limit)
    : limit > 0
      ? await engine.search(q, { limit, offset, sort })
      : [];
  const hits = page.length > 0 ? await papersOf(state, engine, page) : [];
  return { hits, query: q, matched, matchedExact: matcher.complete, total };
}

/**
 * The number of results a search states, as the search page words it and the API's
 * X-Total-Count gives it: the papers that contain the words (or pass the filters alone), plus
 * the papers close in meaning listed after them. Above `total` when more papers match than can
 * be browsed.
 */
export function statedCount(result: Pick<SearchPageResult, "matched" | "total">): number {
  return Math.max(result.matched, result.total);
}

/** Filters from a form added to those of the text (dates: the form's bound wins). */
export function mergeFilters(q: ParsedQuery, f: NonNullable<SearchPageOptions["filters"]>): ParsedQuery {
  return {
    ...q,
    authors: [...q.authors, ...(f.authors ?? [])],
    categories: [...q.categories, ...(f.categories ?? [])],
    from: f.from ?? q.from,
    to: f.to ?? q.to,
  };
}

/** Live papers with at least one of the query's words that pass its filters (every passing one without words). */
function countMatches(engine: SearchEngine, q: ParsedQuery, allow: Matcher["allow"]): number {
  const live = (d: number) => engine.lexical.isLive(d) && (allow === null || allow(d));
  const terms = engine.queryTerms(q.words);
  if (q.words.length === 0) {
    if (allow === null) return 0;
    let n = 0;
    for (let d = 0; d < engine.docCount; d++) if (live(d)) n++;
    return n;
  }
  if (terms.length === 1) {
    const p = engine.lexical.postings(terms[0].id);
    let n = 0;
    for (let i = p.start; i < p.start + p.length; i++) if (live(p.docs[i])) n++;
    return n;
  }
  const seen = new Uint8Array(engine.docCount);
  let n = 0;
  for (const t of terms) {
    const p = engine.lexical.postings(t.id);
    for (let i = p.start; i < p.start + p.length; i++) {
      const d = p.docs[i];
      if (seen[d]) continue;
      seen[d] = 1;
      if (live(d)) n++;
    }
  }
  return n;
}

async function papersOf(
  state: SearchState,
  engine: SearchEngine,
  hits: { doc: number; score: number }[],
): Promise<SearchHit[]> {
  const papers = new Map(
    (
      await getPapers(
        state.db,
        hits.map((h) => engine.paperIds[h.doc]),
      )
    ).map((p) => [p.id, p]),
  );
  return hits.flatMap((h) => {
    const paper = papers.get(engine.paperIds[h.doc]);
    return paper ? [{ paper, score: h.score }] : [];
  });
}

export async function searchPapers(state: SearchState, text: string, limit: number): Promise<SearchHit[]> {
  return search(state, text, { limit });
}

export async function search(state: SearchState, text: string, opts: SearchOptions): Promise<SearchHit[]> {
  if (opts.limit <= 0) return [];
  return timed(state, () => rank(state, text, opts));
}

/** Runs a search and tells the state's listener how long it took. */
async function timed<T>(state: SearchState, run: () => Promise<T>): Promise<T> {
  if (!state.onSearch) return run();
  const start = process.hrtime.bigint();
  try {
    return await run();
  } finally {
    state.onSearch(Number(process.hrtime.bigint() - start) / 1e9);
  }
}

async function rank(state: SearchState, text: string, opts: SearchOptions): Promise<SearchHit[]> {
  const q = parseQuery(text);
  if (q.direct) {
    // An id, URL or DOI names one paper: that paper, or nothing if we do not hold it.
    const paper = await directPaper(state, q.direct);
    return paper && (opts.offset ?? 0) === 0 ? [{ paper, score: 1, direct: true }] : [];
  }
  const engine = await getEngine(state);
  const hits = await engine.search(q, {
    limit: opts.limit,
    offset: opts.offset,
    mode: opts.mode,
    sort: opts.sort ?? undefined,
  });
  return papersOf(state, engine, hits);
}

async function directPaper(
  state: SearchState,
  hit: NonNullable<ReturnType<typeof parseQuery>["direct"]>,
): Promise<Paper | null> {
  let id: string | undefined = hit.kind === "arxiv" ? hit.id : undefined;
  if (hit.kind === "doi") {
    const row = await state.db
      .selectFrom("papers")
      .select("id")
      .where(sql<string>`lower(doi)`, "=", hit.doi.toLowerCase())
      .orderBy("id")
      .executeTakeFirst();
    id = row?.id;
  }
  if (!id) return null;
  return (await getPapers(state.db, [id]))[0] ?? null;
}
