// Lists of ids and rows go to the database in slices: `IN (…)` lists and multi-row inserts bind
// one parameter per value, and 500 rows of a few columns stay far below every engine's limit
// (SQLite's 32,766 bound parameters, PostgreSQL's 65,535) while still taking one statement per
// 500 instead of one per row.
export const BATCH = 500;

/** Consecutive slices of at most `size` items. */
export function* batches<T>(items: readonly T[], size = BATCH): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
