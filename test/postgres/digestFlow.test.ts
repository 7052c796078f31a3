// Subscribe, digest, unsubscribe end to end, run again on PostgreSQL.
import "./usePostgres.ts";
import "../digest/digestFlow.test.ts";
