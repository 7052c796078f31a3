// Email digests (issue 5): subscribers, the editions built once per (period, topic set), the
// scheduler's record of which periods it has built, and the outbox the sender drains.
//
// Exactly-once hinges on two unique keys: digest_editions (period, topics) and outbox
// (subscriber_id, period). Re-running a build after a crash inserts nothing twice.
import type { Kysely } from "kysely";
import type { Dialect } from "../db.ts";

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("subscribers")
    // Random, unguessable text ids: they appear (signed) in every unsubscribe link.
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull())
    // Lower-cased address: one subscription per mailbox however it was typed.
    .addColumn("email_key", "text", (c) => c.notNull().unique())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("frequency", "text", (c) => c.notNull())
    .addColumn("topics", "text", (c) => c.notNull())
    .addColumn("pending_frequency", "text")
    .addColumn("pending_topics", "text")
    .addColumn("confirm_nonce", "text")
    .addColumn("confirm_requested_at", "text")
    .addColumn("confirm_sent_at", "text")
    .addColumn("confirm_window_start", "text")
    .addColumn("confirm_window_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("hard_bounces", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_bounce", "text")
    // Filled by the accounts issue when a signed-in user owns this subscription.
    .addColumn("user_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("confirmed_at", "text")
    .addColumn("unsubscribed_at", "text")
    .execute();
  await db.schema
    .createIndex("subscribers_status_frequency")
    .on("subscribers")
    .columns(["status", "frequency", "id"])
    .execute();
  await db.schema.createIndex("subscribers_user").on("subscribers").column("user_id").execute();

  await db.schema
    .createTable("digest_editions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("topics", "text", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("digest_editions_period_topics", ["period", "topics"])
    .execute();

  await db.schema
    .createTable("digest_runs")
    .addColumn("period", "text", (c) => c.primaryKey())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .addColumn("editions", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("enqueued", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable("outbox")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("subscriber_id", "text", (c) => c.references("subscribers.id").onDelete("cascade"))
    // The digest period ("daily:2026-06-15", "weekly:2026-W24") or another per-subscriber key.
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("recipient", "text", (c) => c.notNull())
    .addColumn("edition_id", "text", (c) => c.references("digest_editions.id").onDelete("cascade"))
    .addColumn("payload", "text")
    .addColumn("message_id", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("lease_until", "text")
    .addColumn("claim_id", "text")
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .addUniqueConstraint("outbox_subscriber_period", ["subscriber_id", "period"])
    .execute();
  // (status, next_attempt_at, id): the claim query reads the next due row straight off this index.
  await db.schema
    .createIndex("outbox_due")
    .on("outbox")
    .columns(["status", "next_attempt_at", "id"])
    .execute();
  await db.schema.createIndex("outbox_lease").on("outbox").columns(["status", "lease_until"]).execute();
  await db.schema.createIndex("outbox_edition").on("outbox").column("edition_id").execute();
}
