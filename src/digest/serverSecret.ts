// The server secret that signs unsubscribe, manage and confirmation links. PAPERTIDE_SECRET when
// set (config.secret, checked at start); otherwise 32 random bytes generated on first use and kept in the
// database's meta table, so links survive restarts and the server and a separate `papertide
// worker` agree. Never logged, never sent anywhere.
import { createHmac, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Clock } from "../model/clock.ts";
import type { Database } from "../store/schema.ts";
import { StoredPayloadError } from "../store/storedPayload.ts";

const META_KEY = "server_secret";

export async function loadServerSecret(
  db: Kysely<Database>,
  configured: string | null,
  /** Dates a generated secret's row. */
  clock: Clock,
): Promise<Buffer> {
  if (configured !== null) return Buffer.from(configured, "utf8");
  const fresh = JSON.stringify(randomBytes(32).toString("base64url"));
  const now = clock.now().toISOString();
  // Insert-if-absent, then read: two processes starting together end up with the same secret.
  await db
    .insertInto("meta")
    .values({ key: META_KEY, value: fresh, updated_at: now })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  const row = await db
    .selectFrom("meta")
    .select("value")
    .where("key", "=", META_KEY)
    .executeTakeFirstOrThrow();
  const stored: unknown = JSON.parse(row.value);
  if (typeof stored !== "string" || stored.length < 43)
    throw new StoredPayloadError(`meta "${META_KEY}": value is not a base64url secret of 32 bytes or more`);
  return Buffer.from(stored, "base64url");
}

/** A key for one use, so the same secret can sign other things (sessions, later) independently. */
export function deriveKey(secret: Buffer, purpose: string): Buffer {
  return createHmac("sha256", secret).update(`papertide/${purpose}`).digest();
}
