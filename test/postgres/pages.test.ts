// The HTML pages' tests, run again on PostgreSQL.
import "./usePostgres.ts";
import "../web/pages.test.ts";
