// Imported first by each test/postgres/*.test.ts: the test files it imports next then open
// their stores on a fresh PostgreSQL database (see test/support/tempStore.ts).
import { usePostgresForTests } from "../support/tempStore.ts";

usePostgresForTests();
