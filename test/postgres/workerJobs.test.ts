// Job leases and sync status, run again on PostgreSQL.
import "./usePostgres.ts";
import "../../src/store/jobLeases.test.ts";
