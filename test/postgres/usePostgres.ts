// Imported first by each test/postgres/*.test.ts: the test files it imports next then open
// their stores on a fresh PostgreSQL database (see test/support/tempStore.ts).
// The cluster's module first: it stops the cluster from a hook on the root test, which it
// registers when imported.
import "../support/postgres.ts";
import { usePostgresForTests } from "../support/tempStore.ts";

usePostgresForTests();
