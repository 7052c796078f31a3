// Plain full-text search over title, abstract and authors (SQLite FTS5 BM25, or PostgreSQL's
// tsvector). The search issue replaces the ranking; the safe query handling stays.
import { type Kysely, sql } from "kysely";
import type { Paper } from "../model/paper.ts";
import type { Store } from "../store/db.ts";
import { getPapers } from "../store/papers.ts";
import type { Database } from "../store/schema.ts";
import { fts5Match, queryTerms } from "./queryText.ts";

export interface SearchHit {
  paper: Paper;
  score: number;
}

export async function searchPapers(store: Store, text: string, limit: number): Promise<SearchHit[]> {
  if (store.dialect === "sqlite") {
    // All words first; if that finds too little, any word (ranked by BM25 either way).
    const hits = await ftsSqlite(store.db, fts5Match(text, "all"), limit);
    if (hits.length >= limit) return hits;
    const more = await ftsSqlite(store.db, fts5Match(text, "any"), limit);
    const seen = new Set(hits.map((h) => h.paper.id));
    return [...hits, ...more.filter((h) => !seen.has(h.paper.id))].slice(0, limit);
  }
  const terms = queryTerms(text);
  if (terms.length === 0) return [];
  const rows = await sql<{ id: string; score: number }>`
    SELECT id, ts_rank_cd(fts, q) AS score
    FROM papers, websearch_to_tsquery('english', ${terms.join(" ")}) q
    WHERE fts @@ q ORDER BY score DESC, id LIMIT ${limit}`.execute(store.db);
  return attach(store.db, rows.rows);
}

async function ftsSqlite(db: Kysely<Database>, match: string | null, limit: number): Promise<SearchHit[]> {
  if (!match) return [];
  // bm25 weights: title 10, abstract 1, authors 3. Lower bm25 is better; we flip the sign.
  const rows = await sql<{ id: string; score: number }>`
    SELECT p.id AS id, -bm25(papers_fts, 10.0, 1.0, 3.0) AS score
    FROM papers_fts JOIN papers p ON p.rowid = papers_fts.rowid
    WHERE papers_fts MATCH ${match}
    ORDER BY bm25(papers_fts, 10.0, 1.0, 3.0), p.id LIMIT ${limit}`.execute(db);
  return attach(db, rows.rows);
}

async function attach(db: Kysely<Database>, rows: { id: string; score: number }[]): Promise<SearchHit[]> {
  const papers = new Map((await getPapers(db, rows.map((r) => r.id))).map((p) => [p.id, p]));
  return rows
    .filter((r) => papers.has(r.id))
    .map((r) => ({ paper: papers.get(r.id) as Paper, score: Number(r.score) }));
}
