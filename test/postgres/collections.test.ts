// Collections and their exports, run again on PostgreSQL.
import "./usePostgres.ts";
import "../community/collections.test.ts";
