// Collections: named lists of papers a user keeps (private or public), each item with tags.
// "Saved papers" are the union of a user's collections; the Save button files into the user's
// first collection ("Saved", made on first use).
import type { Kysely, Selectable } from "kysely";
import type { CollectionsTable, Database } from "./schema.ts";

/** collections.is_public: 1 public (listed on the profile, has a feed), 0 private. */
export type CollectionVisibility = 0 | 1;

export interface Collection {
  id: string;
  userId: string;
  slug: string;
  name: string;
  description: string;
  isPublic: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface CollectionItem {
  paperId: string;
  tags: string[];
  createdAt: string;
}

function rowToCollection(r: Selectable<CollectionsTable>): Collection {
  return {
    id: r.id,
    userId: r.user_id,
    slug: r.slug,
    name: r.name,
    description: r.description,
    isPublic: r.is_public === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function parseTags(raw: string): string[] {
  try {
    const v = JSON.parse(raw);
    return Array.isArray(v) ? v.filter((t): t is string => typeof t === "string") : [];
  } catch {
    return [];
  }
}

/** Inserts a collection; false when the slug is taken (the caller picks another). */
export async function insertCollection(db: Kysely<Database>, c: Collection): Promise<boolean> {
  const r = await db
    .insertInto("collections")
    .values({
      id: c.id,
      user_id: c.userId,
      slug: c.slug,
      name: c.name,
      description: c.description,
      is_public: c.isPublic ? 1 : 0,
      created_at: c.createdAt,
      updated_at: c.updatedAt,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function updateCollection(
  db: Kysely<Database>,
  id: string,
  change: { name: string; description: string; isPublic: boolean; updatedAt: string },
): Promise<void> {
  await db
    .updateTable("collections")
    .set({
      name: change.name,
      description: change.description,
      is_public: change.isPublic ? 1 : 0,
      updated_at: change.updatedAt,
    })
    .where("id", "=", id)
    .execute();
}

export async function deleteCollection(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom("collections").where("id", "=", id).execute();
}

export async function getCollection(db: Kysely<Database>, id: string): Promise<Collection | null> {
  const row = await db.selectFrom("collections").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? rowToCollection(row) : null;
}

/** By id or by slug (the public address accepts both). */
export async function findCollection(db: Kysely<Database>, key: string): Promise<Collection | null> {
  const row = await db
    .selectFrom("collections")
    .selectAll()
    .where((eb) => eb.or([eb("id", "=", key), eb("slug", "=", key)]))
    .orderBy("created_at")
    .executeTakeFirst();
  return row ? rowToCollection(row) : null;
}

export async function collectionsOfUser(
  db: Kysely<Database>,
  userId: string,
  opts: { publicOnly?: boolean } = {},
): Promise<(Collection & { count: number })[]> {
  let q = db
    .selectFrom("collections as c")
    .leftJoin("collection_items as i", "i.collection_id", "c.id")
    .selectAll("c")
    .select((eb) => eb.fn.count<number>("i.paper_id").as("n"))
    .where("c.user_id", "=", userId)
    .groupBy("c.id")
    .orderBy("c.created_at")
    .orderBy("c.id");
  if (opts.publicOnly) q = q.where("c.is_public", "=", 1);
  const rows = await q.execute();
  return rows.map((r) => ({ ...rowToCollection(r), count: Number(r.n) }));
}

export async function itemsOf(db: Kysely<Database>, collectionId: string): Promise<CollectionItem[]> {
  const rows = await db
    .selectFrom("collection_items")
    .select(["paper_id", "tags", "created_at"])
    .where("collection_id", "=", collectionId)
    .orderBy("created_at", "desc")
    .orderBy("paper_id")
    .execute();
  return rows.map((r) => ({ paperId: r.paper_id, tags: parseTags(r.tags), createdAt: r.created_at }));
}

/** Adds a paper (or leaves it as it is); returns true when it was added. */
export async function addItem(
  db: Kysely<Database>,
  collectionId: string,
  paperId: string,
  now: string,
): Promise<boolean> {
  const r = await db
    .insertInto("collection_items")
    .values({ collection_id: collectionId, paper_id: paperId, created_at: now })
    .onConflict((oc) => oc.columns(["collection_id", "paper_id"]).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function removeItem(db: Kysely<Database>, collectionId: string, paperId: string): Promise<void> {
  await db
    .deleteFrom("collection_items")
    .where("collection_id", "=", collectionId)
    .where("paper_id", "=", paperId)
    .execute();
}

/** Returns false when the paper is not in the collection. */
export async function setItemTags(
  db: Kysely<Database>,
  collectionId: string,
  paperId: string,
  tags: string[],
): Promise<boolean> {
  const r = await db
    .updateTable("collection_items")
    .set({ tags: JSON.stringify(tags) })
    .where("collection_id", "=", collectionId)
    .where("paper_id", "=", paperId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows ?? 0) === 1;
}

/** Every paper in any of the user's collections, newest save first, with all its tags. */
export async function savedItems(db: Kysely<Database>, userId: string): Promise<CollectionItem[]> {
  const rows = await db
    .selectFrom("collection_items as i")
    .innerJoin("collections as c", "c.id", "i.collection_id")
    .select(["i.paper_id", "i.tags", "i.created_at"])
    .where("c.user_id", "=", userId)
    .orderBy("i.created_at", "desc")
    .orderBy("i.paper_id")
    .execute();
  const byPaper = new Map<string, CollectionItem>();
  for (const r of rows) {
    const seen = byPaper.get(r.paper_id);
    if (seen) seen.tags = [...new Set([...seen.tags, ...parseTags(r.tags)])];
    else byPaper.set(r.paper_id, { paperId: r.paper_id, tags: parseTags(r.tags), createdAt: r.created_at });
  }
  return [...byPaper.values()];
}

export async function savedPaperIds(db: Kysely<Database>, userId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom("collection_items as i")
    .innerJoin("collections as c", "c.id", "i.collection_id")
    .select("i.paper_id")
    .where("c.user_id", "=", userId)
    .execute();
  return new Set(rows.map((r) => r.paper_id));
}

/** Which of the user's collections hold the paper (for the "save to…" control). */
export async function collectionIdsHolding(
  db: Kysely<Database>,
  userId: string,
  paperId: string,
): Promise<Set<string>> {
  const rows = await db
    .selectFrom("collection_items as i")
    .innerJoin("collections as c", "c.id", "i.collection_id")
    .select("c.id")
    .where("c.user_id", "=", userId)
    .where("i.paper_id", "=", paperId)
    .execute();
  return new Set(rows.map((r) => r.id));
}
