// The daily-papers API's tests, run again with the store on PostgreSQL.
import "./usePostgres.ts";
import "../api/dailyPapers.test.ts";
