// Daily entries: a paper featured on, or submitted to, a given day's list.
import type { Kysely } from "kysely";
import type { DailyEntryInput, DailySource } from "../model/paper.ts";
import { batches } from "./batches.ts";
import type { Database } from "./schema.ts";

/** Idempotent: the same (day, paper) twice keeps the first entry. Returns how many were new. */
export async function addDailyEntries(
  db: Kysely<Database>,
  entries: DailyEntryInput[],
  /** When (the caller's clock), kept as the entries' created_at. */
  at: Date,
): Promise<number> {
  if (entries.length === 0) return 0;
  const now = at.toISOString();
  let added = 0;
  for (const batch of batches(entries)) {
    const res = await db
      .insertInto("daily_entries")
      .values(
        batch.map((e) => ({
          day: e.day,
          paper_id: e.paperId,
          source: e.source,
          featured_by: e.featuredBy ?? null,
          created_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(["day", "paper_id"]).doNothing())
      .executeTakeFirst();
    added += Number(res.numInsertedOrUpdatedRows ?? 0);
  }
  return added;
}

export interface DailyEntry {
  day: string;
  paperId: string;
  source: DailySource;
  featuredBy: string | null;
}

export async function entriesForPapers(db: Kysely<Database>, paperIds: string[]): Promise<DailyEntry[]> {
  if (paperIds.length === 0) return [];
  const rows = await db.selectFrom("daily_entries").selectAll().where("paper_id", "in", paperIds).execute();
  return rows.map((r) => ({ day: r.day, paperId: r.paper_id, source: r.source, featuredBy: r.featured_by }));
}
