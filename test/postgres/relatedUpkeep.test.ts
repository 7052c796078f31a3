// The similar-paper upkeep (which papers it looks after, its passes, the loop under its lease),
// run again on PostgreSQL.
import "./usePostgres.ts";
import "../../src/search/relatedUpkeep.test.ts";
