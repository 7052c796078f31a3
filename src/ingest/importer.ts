// Feeds parsed records into storage in batches. One transaction a batch: a crash (even kill -9)
// loses at most the batch in flight, and since upserts are idempotent a re-run converges to the
// same final state as an uninterrupted import.
import type { DailyEntryInput, PaperInput, ParsedRecord } from "../model/paper.ts";
import { indexPapers, syncIndex } from "../search/indexer.ts";
import type { SearchState } from "../search/state.ts";
import { addDailyEntries } from "../store/dailyEntries.ts";
import { upsertPapers } from "../store/papers.ts";
import { checkDailyLimits, checkPaperLimits } from "./limits.ts";

export interface ImportSummary {
  read: number;
  new: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Daily-list entries (featured/submitted) that were not there before. */
  dailyEntries: number;
}

export interface Rejection {
  where: string;
  reason: string;
}

export interface ImportOptions {
  batchSize?: number;
  /** Called for each rejected record (file:line or record id, and why). */
  onReject?: (r: Rejection) => void;
  /** Called after each committed batch with the running summary. */
  onProgress?: (s: ImportSummary) => void;
}

export function emptySummary(): ImportSummary {
  return { read: 0, new: 0, updated: 0, unchanged: 0, rejected: 0, dailyEntries: 0 };
}

/** Stores the records in the database of `search` and indexes them there as they arrive. */
export async function importRecords(
  search: SearchState,
  records: AsyncIterable<ParsedRecord> | Iterable<ParsedRecord>,
  opts: ImportOptions = {},
): Promise<ImportSummary> {
  const db = search.db;
  const batchSize = opts.batchSize ?? 1000;
  const summary = emptySummary();
  let papers: PaperInput[] = [];
  let daily: DailyEntryInput[] = [];
  const flush = async () => {
    if (papers.length === 0) return;
    const at = search.clock.now();
    const outcomes = await upsertPapers(db, papers, at);
    for (const outcome of outcomes) summary[outcome]++;
    // Keep the search index up to date as papers arrive (a crash in between is caught up later).
    await indexPapers(
      search,
      papers.filter((_, i) => outcomes[i] !== "unchanged").map((p) => p.id),
    );
    summary.dailyEntries += await addDailyEntries(db, daily, at);
    papers = [];
    daily = [];
    opts.onProgress?.(summary);
  };
  try {
    for await (const rec of records) {
      summary.read++;
      if (rec.kind === "rejected") {
        summary.rejected++;
        opts.onReject?.({ where: rec.where, reason: rec.reason });
        continue;
      }
      const problem = checkPaper(rec.paper) ?? (rec.daily ? checkDailyLimits(rec.daily) : null);
      if (problem) {
        summary.rejected++;
        const id = rec.paper.id || "(no id)";
        opts.onReject?.({ where: rec.where ? `${rec.where} (${id})` : id, reason: problem });
        continue;
      }
      papers.push(rec.paper);
      if (rec.daily) daily.push(rec.daily);
      if (papers.length >= batchSize) await flush();
    }
  } catch (e) {
    // The source failed part way (a file past a limit, a broken stream): keep the good records
    // read before it, then report the failure.
    await flush();
    throw e;
  }
  await flush();
  // Catch up what the index lacks (papers a killed run committed but never indexed are
  // "unchanged" to this run, so no batch above indexed them), then retrain if due.
  await syncIndex(search);
  return summary;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Last line of defence for every source: what no stored paper may lack, and the limits. */
function checkPaper(p: PaperInput): string | null {
  if (!p.id) return "missing arXiv id";
  const problem = checkPaperLimits(p);
  if (problem) return problem;
  if (p.title !== undefined && p.title !== null && !p.title.trim()) return "empty title";
  if (p.announcedOn && !DAY.test(p.announcedOn)) return `bad announcement day ${p.announcedOn}`;
  if (p.upvotes !== undefined && p.upvotes !== null && (!Number.isInteger(p.upvotes) || p.upvotes < 0)) {
    return `bad upvote count ${p.upvotes}`;
  }
  return null;
}
