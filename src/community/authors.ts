// Author pages and following authors. An author is an author key (src/model/authorName.ts): the
// page of "Yann LeCun" lists every paper whose author list holds a name with that key.
import type { Kysely } from "kysely";
import { authorKey, initialsKey, MAX_AUTHOR_KEY } from "../model/authorName.ts";
import type { Clock } from "../model/clock.ts";
import type { Paper } from "../model/paper.ts";
import {
  type AuthorCount,
  type AuthorSummary,
  authorPaperIds,
  authorSummary,
  coauthors,
  followAuthor,
  otherSpellings,
  unfollowAuthor,
} from "../store/authors.ts";
import { getPapers } from "../store/papers.ts";
import type { Database } from "../store/schema.ts";

/** Co-authors an author page lists. */
export const COAUTHORS_SHOWN = 24;
/** Other spellings (same initials key) an author page points at. */
export const SPELLINGS_SHOWN = 8;
/** Longest name an address may carry (longer cannot be a stored name's key). */
export const MAX_AUTHOR_PARAM = MAX_AUTHOR_KEY * 2;

export interface AuthorPageData {
  author: AuthorSummary;
  papers: Paper[];
  coauthors: AuthorCount[];
  /** Names sharing the initials key: perhaps the same person, never merged. */
  spellings: AuthorCount[];
}

/** The key a name in an address stands for, or null when it cannot name anyone. */
export function keyOfParam(name: string): string | null {
  if (name.length > MAX_AUTHOR_PARAM) return null;
  const key = authorKey(name);
  return key ? key : null;
}

/** One page of an author's papers (newest first) and what the page shows around them; null: no such author. */
export async function loadAuthorPage(
  db: Kysely<Database>,
  name: string,
  offset: number,
  limit: number,
  extras = true,
): Promise<AuthorPageData | null> {
  const key = keyOfParam(name);
  if (!key) return null;
  const author = await authorSummary(db, key);
  if (!author) return null;
  const [ids, co, spellings] = await Promise.all([
    authorPaperIds(db, key, offset, limit),
    extras ? coauthors(db, key, COAUTHORS_SHOWN) : Promise.resolve([]),
    extras ? otherSpellings(db, key, initialsKey(author.name), SPELLINGS_SHOWN) : Promise.resolve([]),
  ]);
  return { author, papers: await getPapers(db, ids), coauthors: co, spellings };
}

export type FollowOutcome = { ok: true; name: string; key: string } | { ok: false; reason: "not-found" };

/** Follow (or stop following) the author a name stands for; only authors with papers here. */
export async function setFollow(
  deps: { db: Kysely<Database>; clock: Clock },
  userId: string,
  name: string,
  follow: boolean,
): Promise<FollowOutcome> {
  const key = keyOfParam(name);
  const author = key ? await authorSummary(deps.db, key) : null;
  if (!author) return { ok: false, reason: "not-found" };
  if (follow) await followAuthor(deps.db, userId, author.key, author.name, deps.clock.now());
  else await unfollowAuthor(deps.db, userId, author.key);
  return { ok: true, name: author.name, key: author.key };
}
