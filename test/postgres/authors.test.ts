// The author index, author and category pages, and their API, run again on PostgreSQL.
import "./usePostgres.ts";
import "../authors/authorIndex.test.ts";
import "../authors/authorPages.test.ts";
import "../authors/categoryPages.test.ts";
import "../authors/authorsApi.test.ts";
import "../authors/followedDigest.test.ts";
