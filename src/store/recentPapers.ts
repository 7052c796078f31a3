// The papers For you chooses from: those on a list (announced in a followed category, or
// featured/submitted) between two days, with what ranking and filtering need. The same universe
// as the Trending view (src/lists/listing.ts), read without loading whole papers.
import { type Kysely, sql } from "kysely";
import type { Database } from "./schema.ts";

export interface RecentPaper {
  id: string;
  /** When it reached a list (start of its list day). */
  listedAt: string;
  upvotes: number;
  categories: string[];
}

export async function recentPapers(
  db: Kysely<Database>,
  q: { from: string; to: string; followed: string[] },
): Promise<RecentPaper[]> {
  const byId = new Map<string, RecentPaper>();
  let announced = db
    .selectFrom("papers")
    .select(["id", "list_day", "upvotes", "categories"])
    .where("list_day", ">=", q.from)
    .where("list_day", "<=", q.to);
  if (q.followed.length)
    announced = announced.where((eb) =>
      eb.exists(
        eb
          .selectFrom("paper_categories as pc")
          .select(sql`1`.as("one"))
          .whereRef("pc.paper_id", "=", "papers.id")
          .where("pc.category", "in", q.followed),
      ),
    );
  for (const r of await announced.execute())
    byId.set(r.id, {
      id: r.id,
      listedAt: `${r.list_day}T00:00:00.000Z`,
      upvotes: r.upvotes,
      categories: r.categories.split(" ").filter(Boolean),
    });
  const entries = await db
    .selectFrom("daily_entries as d")
    .innerJoin("papers as p", "p.id", "d.paper_id")
    .select(["d.day", "d.paper_id", "p.upvotes", "p.categories"])
    .where("d.day", ">=", q.from)
    .where("d.day", "<=", q.to)
    .orderBy("d.day")
    .execute();
  for (const r of entries)
    byId.set(r.paper_id, {
      id: r.paper_id,
      listedAt: `${r.day}T00:00:00.000Z`,
      upvotes: r.upvotes,
      categories: r.categories.split(" ").filter(Boolean),
    });
  return [...byId.values()];
}
