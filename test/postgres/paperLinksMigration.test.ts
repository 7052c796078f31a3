// Links read from stored papers by migration, run again on PostgreSQL.
import "./usePostgres.ts";
import "../store/paperLinksMigration.test.ts";
