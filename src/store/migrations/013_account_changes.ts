// Changing an account's address and public name (src/accounts/emailChange.ts, handleChange.ts):
//
//   account_tokens.new_email   the address an "email" token confirms (null for the other purposes);
//                              the change takes effect only when the mailed link is followed
//   handle_history             the names an account used before: /u/<old> answers 301 to the
//                              current profile, and nobody else can take the name while the
//                              account exists (the rows go with the account)
import type { Kysely } from "kysely";
import type { Dialect } from "../db.ts";

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable("account_tokens").addColumn("new_email", "text").execute();
  await db.schema
    .createTable("handle_history")
    .addColumn("handle_key", "text", (c) => c.primaryKey())
    .addColumn("handle", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("handle_history_user").on("handle_history").column("user_id").execute();
}
