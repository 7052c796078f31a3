// Two workers, one killed with SIGKILL mid-sync and mid-digest, on PostgreSQL.
import "./usePostgres.ts";
import "../worker/killWorkers.test.ts";
