// The committed demo dataset: a month of real arXiv papers (cut from the public metadata
// snapshot) and one real day of a daily-papers API with its upvotes, so a fresh clone shows a
// living site without network. Loaded once, into an empty database, on first start.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type ImportSummary, importRecords } from "../ingest/importer.ts";
import { parseSnapshotFile } from "../ingest/parsers/arxivSnapshot.ts";
import { parseDailyPapersJson } from "../ingest/parsers/dailyPapersJson.ts";
import type { SearchState } from "../search/state.ts";
import { anyValue, getMeta, setMeta } from "../store/meta.ts";
import { countPapers } from "../store/papers.ts";

export const DEMO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../demo");
const MARK = "demo_loaded_at";

/**
 * Imports the demo into an empty database. Does nothing when the database already holds papers
 * or the demo was loaded before (so a second start neither re-imports nor duplicates).
 */
export async function loadDemoIfEmpty(search: SearchState): Promise<ImportSummary | null> {
  const db = search.db;
  if ((await getMeta(db, MARK, anyValue)) !== null || (await countPapers(db)) > 0) return null;
  const papers = await importRecords(search, parseSnapshotFile(path.join(DEMO_DIR, "papers.jsonl.gz")));
  const daily = path.join(DEMO_DIR, "daily_papers.json");
  const featured = await importRecords(search, parseDailyPapersJson(fs.readFileSync(daily, "utf8"), daily));
  const at = search.clock.now();
  await setMeta(db, MARK, at.toISOString(), at);
  return {
    read: papers.read + featured.read,
    new: papers.new + featured.new,
    updated: papers.updated + featured.updated,
    unchanged: papers.unchanged + featured.unchanged,
    rejected: papers.rejected + featured.rejected,
    dailyEntries: papers.dailyEntries + featured.dailyEntries,
  };
}

/** Whether this database was started with the demo dataset (scheduled arXiv syncs stay off then). */
export async function holdsDemoData(db: SearchState["db"]): Promise<boolean> {
  return (await getMeta(db, MARK, anyValue)) !== null;
}
