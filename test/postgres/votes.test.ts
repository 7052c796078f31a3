// Upvotes (incl. 50 concurrent voters), run again on PostgreSQL.
import "./usePostgres.ts";
import "../community/votes.test.ts";
