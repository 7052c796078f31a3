// Search as the API, the pages and the CLI call it: direct hits (an arXiv id or URL, a DOI) jump
// to their paper; anything else is parsed (filters, sort) and ranked by the engine (BM25F over
// title, abstract and authors, re-ranked with LSA vectors). `searchPapers` keeps the original
// signature so every caller picks the ranking up unchanged.
import { sql } from "kysely";
import type { Paper } from "../model/paper.ts";
import type { Store } from "../store/db.ts";
import { getPapers } from "../store/papers.ts";
import { getEngine, type SearchMode } from "./engine.ts";
import { parseQuery } from "./query.ts";

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

export async function searchPapers(store: Store, text: string, limit: number): Promise<SearchHit[]> {
  return search(store, text, { limit });
}

export async function search(store: Store, text: string, opts: SearchOptions): Promise<SearchHit[]> {
  if (opts.limit <= 0) return [];
  const q = parseQuery(text);
  if (q.direct) {
    // An id, URL or DOI names one paper: that paper, or nothing if we do not hold it.
    const paper = await directPaper(store, q.direct);
    return paper && (opts.offset ?? 0) === 0 ? [{ paper, score: 1, direct: true }] : [];
  }
  const engine = await getEngine(store);
  const hits = engine.search(q, {
    limit: opts.limit,
    offset: opts.offset,
    mode: opts.mode,
    sort: opts.sort ?? undefined,
  });
  const papers = new Map(
    (
      await getPapers(
        store.db,
        hits.map((h) => engine.paperIds[h.doc]),
      )
    ).map((p) => [p.id, p]),
  );
  return hits.flatMap((h) => {
    const paper = papers.get(engine.paperIds[h.doc]);
    return paper ? [{ paper, score: h.score }] : [];
  });
}

async function directPaper(
  store: Store,
  hit: NonNullable<ReturnType<typeof parseQuery>["direct"]>,
): Promise<Paper | null> {
  let id: string | undefined = hit.kind === "arxiv" ? hit.id : undefined;
  if (hit.kind === "doi") {
    const row = await store.db
      .selectFrom("papers")
      .select("id")
      .where(sql<string>`lower(doi)`, "=", hit.doi.toLowerCase())
      .orderBy("id")
      .executeTakeFirst();
    id = row?.id;
  }
  if (!id) return null;
  return (await getPapers(store.db, [id]))[0] ?? null;
}
