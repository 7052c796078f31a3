// FeedItem -> one item of /api/daily_papers, shaped like the public daily-papers API:
// {paper:{...}, publishedAt, title, summary, numComments, submittedBy?} plus the list day and the
// reason the paper is on the list.
import type { Kysely } from "kysely";
import type { FeedItem } from "../../../lists/listing.ts";
import type { Database } from "../../../store/schema.ts";
import { firstFeaturedEntries, type PaperJson, presentPaper, type UserJson } from "./paper.ts";

export interface DailyPaperJson {
  paper: PaperJson;
  publishedAt: string | null;
  title: string;
  summary: string;
  numComments: number;
  submittedBy?: UserJson;
  listDay: string;
  source: string;
}

export function presentDailyPaper(item: FeedItem, paper: PaperJson): DailyPaperJson {
  const json: DailyPaperJson = {
    paper,
    publishedAt: item.paper.publishedAt,
    title: item.paper.title,
    summary: item.paper.abstract,
    numComments: item.paper.numComments,
    listDay: item.day,
    source: item.source,
  };
  // Only an item featured on this list has a submitter; announced papers got there by themselves.
  if (item.featuredBy) json.submittedBy = { name: item.featuredBy };
  return json;
}

export async function presentDailyPapers(
  db: Kysely<Database>,
  items: FeedItem[],
  baseUrl: string,
): Promise<DailyPaperJson[]> {
  const featured = await firstFeaturedEntries(
    db,
    items.map((i) => i.paper.id),
  );
  return items.map((item) =>
    presentDailyPaper(item, presentPaper(item.paper, featured.get(item.paper.id) ?? null, baseUrl)),
  );
}
