// Changing the password, the address and the public name (old names kept, old profile links
// redirected), run again on PostgreSQL.
import "./usePostgres.ts";
import "../accounts/accountChanges.test.ts";
