// Saved searches ("alert me about new papers for this search"). Each belongs to a user (deleted
// with the account); hits record which papers an alert has carried, written with the outbox row.
import { type Kysely, sql } from "kysely";
import { batches } from "./batches.ts";
import type { Database } from "./schema.ts";

export type AlertDelivery = "digest" | "alert";
export const ALERT_DELIVERIES: readonly AlertDelivery[] = ["digest", "alert"];

export interface SavedSearch {
  id: string;
  userId: string;
  query: string;
  delivery: AlertDelivery;
  lastRunAt: string;
  createdAt: string;
}

type Row = Database["saved_searches"];

function rowToSearch(r: Row): SavedSearch {
  return {
    id: r.id,
    userId: r.user_id,
    query: r.query,
    delivery: r.delivery === "alert" ? "alert" : "digest",
    lastRunAt: r.last_run_at,
    createdAt: r.created_at,
  };
}

export async function insertSavedSearch(db: Kysely<Database>, s: SavedSearch): Promise<void> {
  await db
    .insertInto("saved_searches")
    .values({
      id: s.id,
      user_id: s.userId,
      query: s.query,
      delivery: s.delivery,
      last_run_at: s.lastRunAt,
      created_at: s.createdAt,
    })
    .execute();
}

export async function savedSearchesOfUser(db: Kysely<Database>, userId: string): Promise<SavedSearch[]> {
  const rows = await db
    .selectFrom("saved_searches")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map(rowToSearch);
}

/** The saved searches of many users at once (a page of subscribers), by user. */
export async function savedSearchesOfUsers(
  db: Kysely<Database>,
  userIds: readonly string[],
): Promise<Map<string, SavedSearch[]>> {
  const out = new Map<string, SavedSearch[]>();
  for (const batch of batches(userIds)) {
    const rows = await db
      .selectFrom("saved_searches")
      .selectAll()
      .where("user_id", "in", batch)
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    for (const r of rows) {
      const list = out.get(r.user_id) ?? [];
      list.push(rowToSearch(r));
      out.set(r.user_id, list);
    }
  }
  return out;
}

export async function countSavedSearches(db: Kysely<Database>, userId: string): Promise<number> {
  const row = await db
    .selectFrom("saved_searches")
    .select(sql<number>`count(*)`.as("n"))
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Deletes one of the user's saved searches; false when it is not theirs (or gone). */
export async function deleteSavedSearch(db: Kysely<Database>, userId: string, id: string): Promise<boolean> {
  const res = await db
    .deleteFrom("saved_searches")
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return Number(res.numDeletedRows ?? 0) > 0;
}

export async function setSavedSearchDelivery(
  db: Kysely<Database>,
  userId: string,
  id: string,
  delivery: AlertDelivery,
): Promise<boolean> {
  const res = await db
    .updateTable("saved_searches")
    .set({ delivery })
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return Number(res.numUpdatedRows ?? 0) > 0;
}

/** Papers each of these alerts has already carried. */
export async function alertedPaperIdsOf(
  db: Kysely<Database>,
  searchIds: readonly string[],
): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>(searchIds.map((id) => [id, new Set<string>()]));
  for (const batch of batches(searchIds)) {
    const rows = await db
      .selectFrom("saved_search_hits")
      .select(["search_id", "paper_id"])
      .where("search_id", "in", batch)
      .execute();
    for (const r of rows) out.get(r.search_id)?.add(r.paper_id);
  }
  return out;
}

export interface AlertRunRecord {
  searchId: string;
  /** Papers the row carries ([] for a run that found nothing). */
  paperIds: readonly string[];
  /** The outbox row carrying them ("" when none). */
  outboxId: string;
}

/**
 * In the outbox rows' transaction: the hits they carry, and each alert's new watermark (many
 * alerts in one go: a digest build writes a page of readers at a time).
 */
export async function recordAlertRuns(
  db: Kysely<Database>,
  runs: readonly AlertRunRecord[],
  watermark: string,
  now: string,
): Promise<void> {
  const hits = runs.flatMap((r) =>
    r.paperIds.map((p) => ({ search_id: r.searchId, paper_id: p, outbox_id: r.outboxId, created_at: now })),
  );
  for (const batch of batches(hits)) {
    await db
      .insertInto("saved_search_hits")
      .values(batch)
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  const ids = [...new Set(runs.map((r) => r.searchId))];
  for (const batch of batches(ids)) {
    await db
      .updateTable("saved_searches")
      .set({ last_run_at: watermark })
      .where("id", "in", batch)
      .where("last_run_at", "<", watermark)
      .execute();
  }
}

/** For `papertide digest status`: subscriptions of accounts with picks on, and saved searches. */
export async function personalCounts(
  db: Kysely<Database>,
): Promise<{ picks: number; savedSearches: number; alertOnly: number }> {
  const picks = await db
    .selectFrom("subscribers")
    .select(sql<number>`count(*)`.as("n"))
    .where("user_id", "is not", null)
    .where("picks", "!=", "off")
    .where("status", "=", "active")
    .executeTakeFirst();
  const searches = await db
    .selectFrom("saved_searches")
    .select(["delivery", sql<number>`count(*)`.as("n")])
    .groupBy("delivery")
    .execute();
  const by = Object.fromEntries(searches.map((r) => [r.delivery, Number(r.n)]));
  return {
    picks: Number(picks?.n ?? 0),
    savedSearches: (by.digest ?? 0) + (by.alert ?? 0),
    alertOnly: by.alert ?? 0,
  };
}
