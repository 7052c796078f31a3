// Personal digests and saved-search alerts (the rest of issue 5):
//   * subscribers.picks: whether a subscriber linked to an account gets "Picked for you" in their
//     digest: off, besides the trending section ("with"), or instead of it ("only");
//   * digest_sent_papers: which papers a reader's personal picks already carried. Written in the
//     transaction that inserts the digest's outbox row, so "recorded" and "queued" are one fact
//     (a crash before commit records nothing and sends nothing);
//   * saved_searches: a reader's alerts, delivered in their digest or as a mail of their own;
//     last_run_at is the ingest-time watermark (papers.created_at) of the last build;
//   * saved_search_hits: each paper is alerted once per alert (written with the outbox row too);
//   * an index on papers.created_at (ingest time) for the alerts' "what arrived since" question.
import type { Kysely } from "kysely";
import type { Dialect } from "../db.ts";

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .alterTable("subscribers")
    .addColumn("picks", "text", (c) => c.notNull().defaultTo("off"))
    .execute();

  await db.schema
    .createTable("digest_sent_papers")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("paper_id", "text", (c) => c.notNull())
    // The outbox row (and so the period) that carried it.
    .addColumn("outbox_id", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("digest_sent_papers_pk", ["user_id", "paper_id"])
    .execute();

  await db.schema
    .createTable("saved_searches")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("query", "text", (c) => c.notNull())
    // digest (a section of the reader's digest) | alert (a mail of its own)
    .addColumn("delivery", "text", (c) => c.notNull())
    .addColumn("last_run_at", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("saved_searches_user")
    .on("saved_searches")
    .columns(["user_id", "created_at"])
    .execute();

  // Alerts ask "which papers arrived since the last run?" (ingest time) before they search.
  await db.schema.createIndex("papers_created_at").on("papers").column("created_at").execute();

  await db.schema
    .createTable("saved_search_hits")
    .addColumn("search_id", "text", (c) => c.notNull().references("saved_searches.id").onDelete("cascade"))
    .addColumn("paper_id", "text", (c) => c.notNull())
    .addColumn("outbox_id", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("saved_search_hits_pk", ["search_id", "paper_id"])
    .execute();
}
