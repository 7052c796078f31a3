// FeedItem -> one item of /api/daily_papers, shaped like the public daily-papers API:
// {paper:{...}, publishedAt, title, summary, numComments, submittedBy?} plus the list day and the
// reason the paper is on the list.
import type { Kysely } from "kysely";
import type { FeedItem } from "../../../lists/listing.ts";
import type { DailyEntry } from "../../../store/dailyEntries.ts";
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

/**
 * An item on the list for a community signal carries that signal's day as
 * paper.submittedOnDailyAt (a paper featured on two days is on each day's list with that day);
 * an upvoted paper is featured on its list day, by nobody in particular. Any other item says
 * when the paper was first featured, if ever.
 */
function ownEntry(item: FeedItem): DailyEntry | null {
  if (item.source === "featured" || item.source === "submitted") {
    return { day: item.day, paperId: item.paper.id, source: item.source, featuredBy: item.featuredBy };
  }
  if (item.source === "upvoted") {
    return { day: item.day, paperId: item.paper.id, source: "featured", featuredBy: null };
  }
  return null;
}

export async function presentDailyPapers(
  db: Kysely<Database>,
  items: FeedItem[],
  baseUrl: string,
): Promise<DailyPaperJson[]> {
  const featured = await firstFeaturedEntries(
    db,
    items.filter((i) => !ownEntry(i)).map((i) => i.paper.id),
  );
  return items.map((item) => {
    const entry = ownEntry(item) ?? featured.get(item.paper.id) ?? null;
    return presentDailyPaper(item, presentPaper(item.paper, entry, baseUrl));
  });
}
