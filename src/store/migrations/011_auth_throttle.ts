// Per-account throttling of sign-in and account mails (src/accounts/accountThrottle.ts), kept in
// the database so it holds across processes and restarts.
//
//   auth_throttle   one row per (action, account key): `key` is "<action>:<sha256 of the
//                   normalised email or the user id>"; `count` events since `window_start`;
//                   `locked_until` ends a sign-in backoff (ISO text, null when none)
import type { Kysely } from "kysely";
import type { Dialect } from "../db.ts";

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("auth_throttle")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("count", "integer", (c) => c.notNull())
    .addColumn("window_start", "text", (c) => c.notNull())
    .addColumn("locked_until", "text")
    .execute();
}
