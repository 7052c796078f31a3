// Small key/value state: sync cursors, "demo loaded" and the like. Values are JSON, checked by
// the reader's own guard when read back, so a damaged or foreign value names its key instead of
// surfacing later as a TypeError.
import type { Kysely } from "kysely";
import type { Database } from "./schema.ts";
import { StoredPayloadError } from "./storedPayload.ts";

/** Checks a stored value's shape; `what` says what it should have been, for the error. */
export interface MetaReader<T> {
  what: string;
  is(value: unknown): value is T;
}

export async function getMeta<T>(
  db: Kysely<Database>,
  key: string,
  reader: MetaReader<T>,
): Promise<T | null> {
  const row = await db.selectFrom("meta").select("value").where("key", "=", key).executeTakeFirst();
  if (!row) return null;
  let value: unknown;
  try {
    value = JSON.parse(row.value);
  } catch {
    throw new StoredPayloadError(`meta "${key}": value is not JSON`);
  }
  if (!reader.is(value)) throw new StoredPayloadError(`meta "${key}": value is not ${reader.what}`);
  return value;
}

/** Any stored value (for marks whose presence is what counts). */
export const anyValue: MetaReader<unknown> = { what: "a value", is: (_v): _v is unknown => true };

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
