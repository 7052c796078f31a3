// The search API's parameters and ids of every namespace, run again on PostgreSQL.
import "./usePostgres.ts";
import "../api/searchParams.test.ts";
