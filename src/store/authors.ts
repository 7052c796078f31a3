// The author index (paper_authors) and follows (author_follows). Every read is by author key
// through an index: an author's page never scans the papers table.
import { type Kysely, sql } from "kysely";
import { authorEntries, initialsKey } from "../model/authorName.ts";
import type { Paper } from "../model/paper.ts";
import { BATCH, batches } from "./batches.ts";
import type { Database } from "./schema.ts";

/** Papers read per slice when the whole index is filled. */
const FILL_SLICE = 1_000;

type AuthorRow = Database["paper_authors"];

function rowsOf(p: Pick<Paper, "id" | "authors" | "publishedAt">): AuthorRow[] {
  return authorEntries(p.authors).map((a) => ({
    author_key: a.key,
    paper_id: p.id,
    position: a.position,
    name: a.name,
    initials_key: initialsKey(a.name),
    published: p.publishedAt ?? "",
  }));
}

async function insertRows(db: Kysely<Database>, rows: AuthorRow[]): Promise<void> {
  for (const slice of batches(rows)) await db.insertInto("paper_authors").values(slice).execute();
}

/**
 * Writes the index rows of papers just stored (inside the caller's transaction); `replaced` are
 * ids whose earlier rows go first (updated papers).
 */
export async function writeAuthorIndex(
  db: Kysely<Database>,
  papers: readonly Paper[],
  replaced: readonly string[],
): Promise<void> {
  for (const ids of batches(replaced))
    await db.deleteFrom("paper_authors").where("paper_id", "in", ids).execute();
  await insertRows(db, papers.flatMap(rowsOf));
}

/** Rebuilds the whole index from the stored papers, a slice at a time (migration, reindex). */
export async function fillAuthorIndex(db: Kysely<Database>): Promise<number> {
  await db.deleteFrom("paper_authors").execute();
  let after = "";
  let papers = 0;
  for (;;) {
    const slice = await db
      .selectFrom("papers")
      .select(["id", "authors", "published_at"])
      .where("id", ">", after)
      .orderBy("id")
      .limit(FILL_SLICE)
      .execute();
    if (slice.length === 0) return papers;
    await insertRows(
      db,
      slice.flatMap((r) =>
        rowsOf({ id: r.id, authors: JSON.parse(r.authors) as string[], publishedAt: r.published_at }),
      ),
    );
    papers += slice.length;
    after = slice[slice.length - 1].id;
  }
}

export interface AuthorSummary {
  key: string;
  /** The spelling most of the author's papers use. */
  name: string;
  papers: number;
  /** First-version dates of the oldest and newest paper (ISO), when known. */
  first: string | null;
  last: string | null;
}

export async function authorSummary(db: Kysely<Database>, key: string): Promise<AuthorSummary | null> {
  const totals = await db
    .selectFrom("paper_authors")
    .select((eb) => [
      eb.fn.countAll<number | string>().as("n"),
      eb.fn.min(sql<string | null>`nullif(published, '')`).as("first"),
      eb.fn.max("published").as("last"),
    ])
    .where("author_key", "=", key)
    .executeTakeFirst();
  const n = Number(totals?.n ?? 0);
  if (!totals || n === 0) return null;
  const spelling = await db
    .selectFrom("paper_authors")
    .select(["name", (eb) => eb.fn.countAll<number | string>().as("n")])
    .where("author_key", "=", key)
    .groupBy("name")
    .orderBy("n", "desc")
    .orderBy("name")
    .limit(1)
    .executeTakeFirstOrThrow();
  return { key, name: spelling.name, papers: n, first: totals.first ?? null, last: totals.last || null };
}

/** Paper ids of an author, newest first. */
export async function authorPaperIds(
  db: Kysely<Database>,
  key: string,
  offset: number,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom("paper_authors")
    .select("paper_id")
    .where("author_key", "=", key)
    .orderBy("published", "desc")
    .orderBy("paper_id", "desc")
    .offset(offset)
    .limit(limit)
    .execute();
  return rows.map((r) => r.paper_id);
}

export interface AuthorCount {
  key: string;
  name: string;
  papers: number;
}

/** How many of an author's newest papers co-authors are counted over (bounds the work). */
export const COAUTHOR_SCAN = 500;

/** Co-authors, most shared papers first (over the author's newest COAUTHOR_SCAN papers). */
export async function coauthors(db: Kysely<Database>, key: string, limit: number): Promise<AuthorCount[]> {
  const newest = db
    .selectFrom("paper_authors")
    .select("paper_id")
    .where("author_key", "=", key)
    .orderBy("published", "desc")
    .orderBy("paper_id", "desc")
    .limit(COAUTHOR_SCAN);
  const rows = await db
    .selectFrom("paper_authors as o")
    .select((eb) => [
      "o.author_key",
      eb.fn.min("o.name").as("name"),
      eb.fn.countAll<number | string>().as("n"),
    ])
    .where("o.paper_id", "in", newest)
    .where("o.author_key", "<>", key)
    .groupBy("o.author_key")
    .orderBy("n", "desc")
    .orderBy("o.author_key")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ key: r.author_key, name: r.name ?? r.author_key, papers: Number(r.n) }));
}

/** Other keys sharing an initials key ("Y. LeCun" for "Yann LeCun"): perhaps the same person. */
export async function otherSpellings(
  db: Kysely<Database>,
  key: string,
  initials: string | null,
  limit: number,
): Promise<AuthorCount[]> {
  if (!initials) return [];
  const rows = await db
    .selectFrom("paper_authors")
    .select((eb) => ["author_key", eb.fn.min("name").as("name"), eb.fn.countAll<number | string>().as("n")])
    .where("initials_key", "=", initials)
    .where("author_key", "<>", key)
    .groupBy("author_key")
    .orderBy("n", "desc")
    .orderBy("author_key")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ key: r.author_key, name: r.name ?? r.author_key, papers: Number(r.n) }));
}

// ---- Follows ----

export async function followAuthor(
  db: Kysely<Database>,
  userId: string,
  key: string,
  name: string,
  at: Date,
): Promise<void> {
  await db
    .insertInto("author_follows")
    .values({ user_id: userId, author_key: key, name, created_at: at.toISOString() })
    .onConflict((oc) => oc.columns(["user_id", "author_key"]).doNothing())
    .execute();
}

export async function unfollowAuthor(db: Kysely<Database>, userId: string, key: string): Promise<void> {
  await db.deleteFrom("author_follows").where("user_id", "=", userId).where("author_key", "=", key).execute();
}

export async function isFollowing(db: Kysely<Database>, userId: string, key: string): Promise<boolean> {
  const row = await db
    .selectFrom("author_follows")
    .select("author_key")
    .where("user_id", "=", userId)
    .where("author_key", "=", key)
    .executeTakeFirst();
  return row !== undefined;
}

/** Authors a reader follows, by name. */
export async function followedAuthors(
  db: Kysely<Database>,
  userId: string,
): Promise<{ key: string; name: string }[]> {
  const rows = await db
    .selectFrom("author_follows")
    .select(["author_key", "name"])
    .where("user_id", "=", userId)
    .orderBy("name")
    .execute();
  return rows.map((r) => ({ key: r.author_key, name: r.name }));
}

export interface FollowedPaper {
  userId: string;
  paperId: string;
  /** The followed author, as the paper spells the name. */
  author: string;
  published: string;
}

/**
 * Papers first published in [from, to] (days, inclusive) by authors these readers follow, newest
 * first, at most `perReader` each (one query for a page of readers).
 */
export async function followedAuthorPapers(
  db: Kysely<Database>,
  userIds: readonly string[],
  from: string,
  to: string,
  perReader: number,
): Promise<Map<string, FollowedPaper[]>> {
  const out = new Map<string, FollowedPaper[]>();
  for (const ids of batches(userIds, BATCH)) {
    const rows = await db
      .selectFrom("author_follows as f")
      .innerJoin("paper_authors as a", "a.author_key", "f.author_key")
      .select(["f.user_id", "a.paper_id", "a.name", "a.published"])
      .where("f.user_id", "in", ids)
      .where("a.published", ">=", from)
      // Dates are ISO timestamps: every instant of the last day sorts below "<day>~".
      .where("a.published", "<", `${to}~`)
      .orderBy("a.published", "desc")
      .orderBy("a.paper_id", "desc")
      .execute();
    for (const r of rows) {
      const list = out.get(r.user_id) ?? [];
      if (list.length >= perReader || list.some((p) => p.paperId === r.paper_id)) continue;
      list.push({ userId: r.user_id, paperId: r.paper_id, author: r.name, published: r.published });
      out.set(r.user_id, list);
    }
  }
  return out;
}
