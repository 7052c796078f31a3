// Job leases, sync status and the scheduled syncs, run again on PostgreSQL.
import "./usePostgres.ts";
import "../../src/store/jobLeases.test.ts";
import "../../src/worker/leasedJob.test.ts";
import "../../src/worker/syncScheduler.test.ts";
