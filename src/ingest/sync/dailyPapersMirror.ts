// Mirrors a public daily-papers API (the shape of huggingface.co/api/daily_papers): for each day,
// GET <url>?date=YYYY-MM-DD answers the papers featured that day with their upvote counts and who
// submitted them. Each day's answer goes through the daily-papers parser and the importer, like
// any import, so upvotes and featured entries are updated in place when a day is read again.
// Every run reads the day before the last one it finished again (upvotes keep arriving for a
// day or so), then every day up to today.
import { addDays, isoDay } from "../../lists/periods.ts";
import type { Clock } from "../../model/clock.ts";
import type { SearchState } from "../../search/state.ts";
import { getMeta, type MetaReader, setMeta } from "../../store/meta.ts";
import { isRecord } from "../../store/storedPayload.ts";
import { emptySummary, type ImportSummary, importRecords, type Rejection } from "../importer.ts";
import { parseDailyPapersJson } from "../parsers/dailyPapersJson.ts";
import type { TextGetter } from "./politeClient.ts";

/** A first mirror without --from takes this many days, today included. */
export const FIRST_MIRROR_DAYS = 3;
/** At most this many days are read in one run (a long outage catches up over several runs). */
export const MAX_MIRROR_DAYS = 31;
const CURSOR_KEY = "daily_papers_mirror";

interface MirrorCursor {
  url: string;
  /** The last day read completely. */
  until: string;
}

const cursorReader: MetaReader<MirrorCursor> = {
  what: "a daily-papers mirror cursor",
  is: (v): v is MirrorCursor => isRecord(v) && typeof v.url === "string" && typeof v.until === "string",
};

export interface MirrorOptions {
  /** The API's address, without the date parameter. */
  url: string;
  client: TextGetter;
  clock: Clock;
  /** YYYY-MM-DD; default: the day before the last day mirrored from this URL. */
  from?: string;
  /** YYYY-MM-DD, inclusive; default today (UTC). */
  until?: string;
  signal?: AbortSignal;
  onReject?: (r: Rejection) => void;
}

export interface MirrorSummary extends ImportSummary {
  days: { day: string; items: number }[];
}

export function dayUrl(url: string, day: string): string {
  const u = new URL(url);
  u.searchParams.set("date", day);
  return u.toString();
}

export async function mirrorDailyPapers(search: SearchState, opts: MirrorOptions): Promise<MirrorSummary> {
  const db = search.db;
  const today = isoDay(opts.clock.now());
  const until = opts.until ?? today;
  const saved = await getMeta(db, CURSOR_KEY, cursorReader);
  const resumeFrom = saved && saved.url === opts.url ? addDays(saved.until, -1) : null;
  let from = opts.from ?? resumeFrom ?? addDays(until, -(FIRST_MIRROR_DAYS - 1));
  if (opts.from === undefined && from < addDays(until, -(MAX_MIRROR_DAYS - 1))) {
    from = addDays(until, -(MAX_MIRROR_DAYS - 1));
  }
  const summary: MirrorSummary = { ...emptySummary(), days: [] };
  for (let day = from; day <= until; day = addDays(day, 1)) {
    opts.signal?.throwIfAborted();
    const url = dayUrl(opts.url, day);
    const records = parseDailyPapersJson(await opts.client.getText(url, { signal: opts.signal }), url);
    const part = await importRecords(search, records, { onReject: opts.onReject });
    summary.read += part.read;
    summary.new += part.new;
    summary.updated += part.updated;
    summary.unchanged += part.unchanged;
    summary.rejected += part.rejected;
    summary.dailyEntries += part.dailyEntries;
    summary.days.push({ day, items: records.length });
    // Only forward, and only for days that are over or today: a backfill of old days leaves the
    // next run's starting point alone.
    if (!saved || saved.url !== opts.url || day > saved.until) {
      await setMeta(db, CURSOR_KEY, { url: opts.url, until: day }, opts.clock.now());
    }
  }
  return summary;
}

export function formatMirrorSummary(s: MirrorSummary): string {
  const featured = s.days.filter((d) => d.items > 0);
  return (
    `mirrored ${s.days.length} day${s.days.length === 1 ? "" : "s"}` +
    (featured.length ? ` (${featured.map((d) => `${d.day} ${d.items}`).join(", ")})` : "") +
    `: read ${s.read}, new ${s.new}, updated ${s.updated}, unchanged ${s.unchanged}, rejected ${s.rejected}, featured ${s.dailyEntries}`
  );
}
