// Writes of derived data (caches the app recomputes from other tables, like the stored
// "similar papers" lists) that do not change what any page shows. The anonymous page cache
// (src/web/http/responseCache.ts) watches SQLite's change counter; it subtracts these, so a crawler
// walking paper pages (each first view stores its similar papers) does not keep it cold. The count
// lives on the store object, so each open connection has its own.
import type { Store } from "./db.ts";

/** Records that `rows` rows were written as derived data on this store's connection. */
export function noteDerivedWrite(store: Store, rows: number): void {
  store.derivedRows += rows;
}

/** Rows written as derived data on this store's connection so far. */
export function derivedWrites(store: Store): number {
  return store.derivedRows;
}
