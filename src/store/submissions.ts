// Papers a user put on a day's list (submissions table, written by the submit use case).
import type { Kysely } from "kysely";
import type { Database } from "./schema.ts";

export async function submissionsOfUser(
  db: Kysely<Database>,
  userId: string,
  limit: number,
): Promise<{ paperId: string; day: string }[]> {
  const rows = await db
    .selectFrom("submissions")
    .select(["paper_id", "day"])
    .where("user_id", "=", userId)
    .orderBy("day", "desc")
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ paperId: r.paper_id, day: r.day }));
}
