// Paper storage and feed listing, run again on PostgreSQL.
import "./usePostgres.ts";
import "../../src/store/papers.test.ts";
import "../../src/lists/listing.test.ts";
