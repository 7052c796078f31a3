// Paper -> the JSON of /api/papers/{id}: the `paper` object of the public daily-papers API, plus
// a few fields of our own. Every field is always there: one we have no value for is null, as the
// OpenAPI document says, so a client can tell "not known" from a field it misspelt.
import type { Kysely } from "kysely";
import { absUrl, pdfUrl } from "../../../model/arxivId.ts";
import type { Paper } from "../../../model/paper.ts";
import { paperPath } from "../../../model/paperPath.ts";
import { type DailyEntry, entriesForPapers } from "../../../store/dailyEntries.ts";
import type { Database } from "../../../store/schema.ts";

export interface UserJson {
  name: string;
}

export interface PaperJson {
  id: string;
  title: string;
  summary: string;
  authors: { name: string }[];
  publishedAt: string | null;
  upvotes: number;
  submittedOnDailyAt: string | null;
  submittedOnDailyBy: UserJson | null;
  githubRepo: string | null;
  projectPage: string | null;
  numComments: number;
  updatedAt: string | null;
  primaryCategory: string | null;
  categories: string[];
  arxivComments: string | null;
  journalRef: string | null;
  doi: string | null;
  license: string | null;
  arxivUrl: string;
  pdfUrl: string;
  url: string;
}

/** A list day as the timestamp the daily-papers API uses for it (midnight UTC). */
export function dayTimestamp(day: string): string {
  return `${day}T00:00:00.000Z`;
}

export function presentPaper(paper: Paper, featured: DailyEntry | null, baseUrl: string): PaperJson {
  return {
    id: paper.id,
    title: paper.title,
    summary: paper.abstract,
    authors: paper.authors.map((name) => ({ name })),
    publishedAt: paper.publishedAt,
    upvotes: paper.upvotes,
    submittedOnDailyAt: featured ? dayTimestamp(featured.day) : null,
    submittedOnDailyBy: featured?.featuredBy ? { name: featured.featuredBy } : null,
    githubRepo: paper.codeUrl,
    projectPage: paper.projectUrl,
    numComments: paper.numComments,
    updatedAt: paper.updatedAt,
    primaryCategory: paper.primaryCategory,
    categories: paper.categories,
    arxivComments: paper.comments,
    journalRef: paper.journalRef,
    doi: paper.doi,
    license: paper.license,
    arxivUrl: absUrl(paper.id),
    pdfUrl: pdfUrl(paper.id),
    url: `${baseUrl}${paperPath(paper.id)}`,
  };
}

/** The first daily list each paper was featured on, by paper id (one query for a whole page). */
export async function firstFeaturedEntries(
  db: Kysely<Database>,
  ids: string[],
): Promise<Map<string, DailyEntry>> {
  const first = new Map<string, DailyEntry>();
  for (const e of await entriesForPapers(db, ids)) {
    const seen = first.get(e.paperId);
    if (!seen || e.day < seen.day) first.set(e.paperId, e);
  }
  return first;
}

/** Presents a page of papers with their featured entries. */
export async function presentPapers(
  db: Kysely<Database>,
  papers: Paper[],
  baseUrl: string,
): Promise<PaperJson[]> {
  const featured = await firstFeaturedEntries(
    db,
    papers.map((p) => p.id),
  );
  return papers.map((p) => presentPaper(p, featured.get(p.id) ?? null, baseUrl));
}
