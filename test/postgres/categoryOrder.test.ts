// The order and navigation of category pages, run again with the store on PostgreSQL.
import "./usePostgres.ts";
import "../authors/categoryOrder.test.ts";
