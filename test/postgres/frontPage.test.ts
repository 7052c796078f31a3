// The front page and list order tests, run again with the store on PostgreSQL.
import "./usePostgres.ts";
import "../web/frontPage.test.ts";
