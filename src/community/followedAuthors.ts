// What following an author does for the reader: their new papers reach the reader's For-you page
// and personal digest. One function for both, so "new" means the same in each: first published
// within the window the caller ranks over (For you: the Trending window; a digest: the period).
import type { Kysely } from "kysely";
import { type FollowedPaper, followedAuthorPapers } from "../store/authors.ts";
import type { Database } from "../store/schema.ts";

export type { FollowedPaper };

/**
 * Papers first published from `from` to `to` (days, inclusive) that name an author each reader
 * follows, newest first, at most `perReader` each; readers following nobody (or whose authors
 * published nothing then) are absent from the map. One query per 500 readers.
 */
export function newPapersOfFollowedAuthors(
  db: Kysely<Database>,
  userIds: readonly string[],
  window: { from: string; to: string },
  perReader: number,
): Promise<Map<string, FollowedPaper[]>> {
  if (userIds.length === 0 || perReader <= 0) return Promise.resolve(new Map());
  return followedAuthorPapers(db, userIds, window.from, window.to, perReader);
}
