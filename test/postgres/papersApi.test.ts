// The papers API's tests (lookup, cursor pages, search), run again on PostgreSQL.
import "./usePostgres.ts";
import "../api/papers.test.ts";
