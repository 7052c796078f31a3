// RSS/Atom/JSON feeds, run again on PostgreSQL.
import "./usePostgres.ts";
import "../feeds/feeds.test.ts";
