// Small key/value state: sync cursors, "demo loaded" and the like. Values are JSON.
import type { Kysely } from "kysely";
import type { Database } from "./schema.ts";

export async function getMeta<T>(db: Kysely<Database>, key: string): Promise<T | null> {
  const row = await db.selectFrom("meta").select("value").where("key", "=", key).executeTakeFirst();
  return row ? (JSON.parse(row.value) as T) : null;
}

/** `at`: when (the caller's clock), kept as the row's updated_at. */
export async function setMeta(db: Kysely<Database>, key: string, value: unknown, at: Date): Promise<void> {
  const now = at.toISOString();
  const json = JSON.stringify(value);
  await db
    .insertInto("meta")
    .values({ key, value: json, updated_at: now })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value: json, updated_at: now }))
    .execute();
}

export async function deleteMeta(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom("meta").where("key", "=", key).execute();
}
