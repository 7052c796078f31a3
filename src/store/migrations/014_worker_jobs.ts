// Background work shared by many processes (see src/worker/):
//
//   job_leases    one row per job name ("digest:daily:2026-06-16", "sync:arxiv", "search:expand"):
//                 the process holding it (`owner`) until `lease_until` (ISO text). A job is taken
//                 by one statement that succeeds only when the row is absent, expired or already
//                 ours, so two workers never run the same job at once, and a worker killed with
//                 -9 stops holding it when its lease runs out.
//   sync_sources  one row per scheduled source ("arxiv", "daily-papers"): when it last
//                 succeeded, the last error, how many attempts in a row failed and when the next
//                 one is due. What `papertide stats`, the admin page and /metrics report.
import type { Kysely } from "kysely";
import type { Dialect } from "../db.ts";

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("job_leases")
    .addColumn("job", "text", (c) => c.primaryKey())
    .addColumn("owner", "text", (c) => c.notNull())
    .addColumn("lease_until", "text", (c) => c.notNull())
    .addColumn("claimed_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("sync_sources")
    .addColumn("source", "text", (c) => c.primaryKey())
    .addColumn("last_attempt_at", "text")
    .addColumn("last_success_at", "text")
    .addColumn("last_error", "text")
    .addColumn("last_error_at", "text")
    .addColumn("failures", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text")
    .addColumn("last_summary", "text")
    .execute();
}
