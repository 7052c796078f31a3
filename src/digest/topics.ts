// Topics a subscriber may choose: arXiv categories. On an instance that follows a list of
// categories (PAPERTIDE_CATEGORIES) only those, since only they make its lists; on one that
// follows everything, any well-formed category. No topics = everything the instance lists.
import type { Kysely } from "kysely";
import { sql } from "kysely";
import type { Config } from "../config/load.ts";
import type { Database } from "../store/schema.ts";
import { FREQUENCIES, type Frequency } from "../store/subscribers.ts";

export const MAX_TOPICS = 20;
const CATEGORY = /^[a-z-]+(\.[A-Za-z-]+)?$/;

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** Form values arrive as a string, an array of strings, or (JSON) an array. "all"/"" = []. */
export function parseTopics(raw: unknown, config: Pick<Config, "categories">): Checked<string[]> {
  const values: unknown[] = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
  if (values.some((v) => typeof v !== "string"))
    return { ok: false, message: "Topics must be arXiv categories." };
  const topics = [
    ...new Set(
      (values as string[])
        .flatMap((v) => v.split(/[\s,]+/))
        .map((v) => v.trim())
        .filter((v) => v !== ""),
    ),
  ];
  if (topics.includes("all") || topics.includes("*")) return { ok: true, value: [] };
  if (topics.length > MAX_TOPICS) return { ok: false, message: `Choose at most ${MAX_TOPICS} topics.` };
  for (const t of topics) {
    if (!CATEGORY.test(t) || t.length > 40)
      return { ok: false, message: "Topics must be arXiv categories like cs.LG." };
    if (config.categories.length > 0 && !config.categories.includes(t)) {
      return {
        ok: false,
        message: `This instance does not list ${t}; choose among ${config.categories.join(", ")}.`,
      };
    }
  }
  return { ok: true, value: topics.sort() };
}

export function parseFrequency(raw: unknown, fallback: Frequency = "daily"): Checked<Frequency> {
  if (raw === undefined || raw === null || raw === "") return { ok: true, value: fallback };
  if (typeof raw === "string" && (FREQUENCIES as readonly string[]).includes(raw))
    return { ok: true, value: raw as Frequency };
  return { ok: false, message: "Choose daily or weekly." };
}

/** The topics a form offers: the followed categories, or the most common ones in the database. */
export async function offeredTopics(
  db: Kysely<Database>,
  config: Pick<Config, "categories">,
  limit = 24,
): Promise<string[]> {
  if (config.categories.length > 0) return [...config.categories].sort();
  const rows = await db
    .selectFrom("paper_categories")
    .select(["category", sql<number>`count(*)`.as("n")])
    .groupBy("category")
    .orderBy("n", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => r.category).sort();
}

export function topicsLabel(topics: readonly string[]): string {
  return topics.length === 0 ? "all topics" : topics.join(", ");
}
