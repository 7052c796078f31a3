// Search's document expansions and 3-gram statistics (the search_expansions and search_grams
// tables, the expansion counter), run again on PostgreSQL through the server's background loop.
import "./usePostgres.ts";
import "../search/expansionLoop.test.ts";
