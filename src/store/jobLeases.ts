// Leases on background jobs: the one way processes agree on who runs what. Taking a lease is one
// upsert that succeeds only when nobody holds the job, the holder's lease has run out, or the
// holder is us (a renewal), so it is atomic on SQLite (one writer at a time) and on PostgreSQL
// (ON CONFLICT locks the row and re-checks the condition). A holder renews its lease while it
// works; a holder that dies (kill -9, power loss) simply stops renewing, and the job is free
// again once `lease_until` has passed.
import type { Kysely } from "kysely";
import type { Database } from "./schema.ts";

export interface JobLease {
  job: string;
  owner: string;
  leaseUntil: string;
  claimedAt: string;
}

/**
 * Takes or renews `job` for `owner` until `until`. Returns false when another owner holds an
 * unexpired lease on it.
 */
export async function takeLease(
  db: Kysely<Database>,
  job: string,
  owner: string,
  now: Date,
  until: Date,
): Promise<boolean> {
  const nowIso = now.toISOString();
  const row = await db
    .insertInto("job_leases")
    .values({ job, owner, lease_until: until.toISOString(), claimed_at: nowIso })
    .onConflict((oc) =>
      oc
        .column("job")
        .doUpdateSet((eb) => ({
          owner: eb.ref("excluded.owner"),
          lease_until: eb.ref("excluded.lease_until"),
          // A renewal keeps the time the job was first taken.
          claimed_at: eb
            .case()
            .when("job_leases.owner", "=", owner)
            .then(eb.ref("job_leases.claimed_at"))
            .else(eb.ref("excluded.claimed_at"))
            .end(),
        }))
        .where((eb) =>
          eb.or([eb("job_leases.lease_until", "<=", nowIso), eb("job_leases.owner", "=", owner)]),
        ),
    )
    .returning("job")
    .executeTakeFirst();
  return row !== undefined;
}

/** Gives the job up at once (the work is done or abandoned), if `owner` still holds it. */
export async function releaseLease(db: Kysely<Database>, job: string, owner: string): Promise<void> {
  await db.deleteFrom("job_leases").where("job", "=", job).where("owner", "=", owner).execute();
}

/** Leases held now, for status pages. */
export async function activeLeases(db: Kysely<Database>, now: Date): Promise<JobLease[]> {
  const rows = await db
    .selectFrom("job_leases")
    .selectAll()
    .where("lease_until", ">", now.toISOString())
    .orderBy("job")
    .execute();
  return rows.map((r) => ({
    job: r.job,
    owner: r.owner,
    leaseUntil: r.lease_until,
    claimedAt: r.claimed_at,
  }));
}

/** Forgets leases that ran out long ago (job names include periods, so rows accumulate). */
export async function pruneLeases(db: Kysely<Database>, before: Date): Promise<number> {
  const res = await db
    .deleteFrom("job_leases")
    .where("lease_until", "<", before.toISOString())
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}
