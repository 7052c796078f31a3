// The live arXiv harvester behind `papertide sync arxiv`. Two sources, one after the other:
//  1. OAI-PMH ListRecords (metadataPrefix arXivRaw: full metadata with the version history) per
//     OAI set, paged by resumptionTokens, for everything new or changed since the last sync;
//  2. each category's listing feed, which is the only source that says on which day a paper was
//     announced as new or cross-listed, i.e. what puts it on that day's list.
// Every page is imported (one transaction) before its resumption token is saved, so an
// interruption at any point — error, Ctrl-C, kill -9 — costs at most one page, and a re-run
// continues from the saved token; upserts are idempotent, so a page seen twice changes nothing.
import { addDays, isoDay } from "../../lists/periods.ts";
import { parseArxivRef } from "../../model/arxivId.ts";
import type { Clock } from "../../model/clock.ts";
import type { ParsedRecord } from "../../model/paper.ts";
import type { SearchState } from "../../search/state.ts";
import { getMeta, type MetaReader, setMeta } from "../../store/meta.ts";
import { isCount, isRecord, isStringArray } from "../../store/storedPayload.ts";
import { emptySummary, type ImportSummary, importRecords, type Rejection } from "../importer.ts";
import { parseArxivAtom } from "../parsers/arxivAtom.ts";
import { parseArxivListing } from "../parsers/arxivListing.ts";
import { parseOaiPmh } from "../parsers/oaiPmh.ts";
import { groupBySet, inCategories } from "./oaiSets.ts";
import type { TextGetter } from "./politeClient.ts";

export const METADATA_PREFIX = "arXivRaw";
/** A first sync without --from takes this many days back, not all of an archive's history. */
export const FIRST_SYNC_DAYS = 7;

export interface HarvestOptions {
  /** arXiv categories to keep (cs.LG, hep-th, or a whole archive such as "cs"). */
  categories: string[];
  /** YYYY-MM-DD; default: where the previous sync of these categories stopped. */
  from?: string;
  /** YYYY-MM-DD, inclusive; default: no upper bound. */
  until?: string;
  oaiUrl: string;
  /** Listing feeds live at `${rssUrl}/${category}`. */
  rssUrl: string;
  apiUrl: string;
  client: TextGetter;
  /** Import each category's current listing feed after the OAI harvest (default true). */
  listing?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: HarvestProgress) => void;
  onReject?: (r: Rejection) => void;
  /** Today's date (the default window's end) and the saved cursors' time. */
  clock: Clock;
}

export interface HarvestSummary extends ImportSummary {
  /** OAI-PMH pages imported. */
  pages: number;
  /** Records read but outside the requested categories (an OAI set is a whole archive). */
  skipped: number;
  /** Records arXiv reported as deleted. */
  deleted: number;
  setsDone: string[];
  /** True when at least one set continued from a token saved by an interrupted run. */
  resumed: boolean;
  listings: { category: string; day: string | null; records: number }[];
}

export interface HarvestProgress {
  phase: "oai" | "listing";
  /** The OAI set, or the category whose listing is being read. */
  target: string;
  summary: HarvestSummary;
}

/** Where one set's harvest stands, saved after every page. */
export interface SetCursor {
  set: string;
  /** The categories this cursor serves: a set harvested for cs.LG says nothing about cs.CV. */
  categories: string[];
  from: string;
  until: string | null;
  /** Day (UTC) the current run of this set began; bounds the next incremental run. */
  startedOn: string;
  /** Non-null while a run is in progress: the page to ask for next. */
  resumptionToken: string | null;
  pagesDone: number;
  /** Set when a run completes: the next sync without --from starts here. */
  harvestedUntil: string | null;
}

const isText = (v: unknown): v is string => typeof v === "string";
const isTextOrNull = (v: unknown): v is string | null => v === null || typeof v === "string";

/** A stored cursor is read back only if it has this shape. */
export const setCursorReader: MetaReader<SetCursor> = {
  what: "an OAI-PMH harvest cursor",
  is: (v): v is SetCursor =>
    isRecord(v) &&
    isText(v.set) &&
    isStringArray(v.categories) &&
    isText(v.from) &&
    isTextOrNull(v.until) &&
    isText(v.startedOn) &&
    isTextOrNull(v.resumptionToken) &&
    isCount(v.pagesDone) &&
    isTextOrNull(v.harvestedUntil),
};

/** OAI-PMH answered with a protocol error we cannot work around. */
export class HarvestError extends Error {
  override name = "HarvestError";
}

export function cursorKey(set: string, categories: string[]): string {
  return `arxiv_oai_cursor:${set}:${[...categories].sort().join(",")}`;
}

/** Harvests into the database of `search`, indexing what it imports. */
export async function harvestArxiv(search: SearchState, opts: HarvestOptions): Promise<HarvestSummary> {
  if (opts.categories.length === 0) throw new HarvestError("name at least one arXiv category to harvest");
  const summary = emptyHarvestSummary();
  for (const [set, categories] of groupBySet(opts.categories)) {
    await harvestSet(search, set, categories, opts, summary);
    summary.setsDone.push(set);
  }
  if (opts.listing !== false) {
    for (const category of opts.categories) await importListing(search, category, opts, summary);
  }
  return summary;
}

export function emptyHarvestSummary(): HarvestSummary {
  return { ...emptySummary(), pages: 0, skipped: 0, deleted: 0, setsDone: [], resumed: false, listings: [] };
}

async function harvestSet(
  search: SearchState,
  set: string,
  categories: string[],
  opts: HarvestOptions,
  summary: HarvestSummary,
): Promise<void> {
  const db = search.db;
  const key = cursorKey(set, categories);
  const saved = await getMeta(db, key, setCursorReader);
  let cursor: SetCursor;
  if (saved?.resumptionToken && sameRange(saved, opts)) {
    cursor = saved;
    summary.resumed = true;
  } else {
    cursor = freshCursor(set, categories, saved, opts);
    await setMeta(db, key, cursor, opts.clock.now());
  }
  let restarted = false;
  for (;;) {
    opts.signal?.throwIfAborted();
    const usedToken = cursor.resumptionToken;
    const url = usedToken ? tokenUrl(opts.oaiUrl, usedToken) : firstPageUrl(opts.oaiUrl, cursor);
    const page = parseOaiPmh(await opts.client.getText(url, { signal: opts.signal }), url);
    if (page.error?.code === "badResumptionToken" && usedToken && !restarted) {
      // Tokens expire (e.g. after a long interruption). The set's range is still known, so start
      // it over; pages already imported come back as "unchanged". The new list is as of today.
      restarted = true;
      cursor = { ...cursor, resumptionToken: null, pagesDone: 0, startedOn: today(opts) };
      await setMeta(db, key, cursor, opts.clock.now());
      continue;
    }
    if (page.error && page.error.code !== "noRecordsMatch") {
      throw new HarvestError(`arXiv OAI-PMH error ${page.error.code} for ${url}: ${page.error.message}`);
    }
    if (!page.error) {
      await importPage(search, page.records, categories, opts, summary);
      summary.deleted += page.deleted.length;
      summary.pages++;
    }
    const next = page.error ? null : page.resumptionToken || null;
    if (next !== null && next === usedToken) {
      throw new HarvestError(`arXiv OAI-PMH returned the same resumption token twice for ${url}`);
    }
    cursor = { ...cursor, resumptionToken: next, pagesDone: cursor.pagesDone + (page.error ? 0 : 1) };
    if (next === null) cursor.harvestedUntil = nextFrom(cursor);
    await setMeta(db, key, cursor, opts.clock.now());
    opts.onProgress?.({ phase: "oai", target: set, summary });
    if (next === null) return;
  }
}

/** A saved token is only resumed by a run asking for the same range (or not naming one). */
function sameRange(saved: SetCursor, opts: HarvestOptions): boolean {
  return (
    (opts.from === undefined || opts.from === saved.from) &&
    (opts.until === undefined || opts.until === saved.until)
  );
}

function freshCursor(
  set: string,
  categories: string[],
  saved: SetCursor | null,
  opts: HarvestOptions,
): SetCursor {
  return {
    set,
    categories,
    from: opts.from ?? saved?.harvestedUntil ?? addDays(today(opts), -FIRST_SYNC_DAYS),
    until: opts.until ?? null,
    startedOn: today(opts),
    resumptionToken: null,
    pagesDone: 0,
    harvestedUntil: saved?.harvestedUntil ?? null,
  };
}

function today(opts: HarvestOptions): string {
  return isoDay(opts.clock.now());
}

/**
 * Where the next incremental run starts once this one completed. OAI dates are inclusive and
 * day-granular, so overlapping by a day costs a few re-read records but never misses one changed
 * later on the last day; the extra day back absorbs clock skew between us and arXiv. A backfill
 * of an older range never moves the mark backwards.
 */
function nextFrom(c: SetCursor): string {
  const reached = c.until ?? addDays(c.startedOn, -1);
  return c.harvestedUntil && c.harvestedUntil > reached ? c.harvestedUntil : reached;
}

async function importPage(
  search: SearchState,
  records: ParsedRecord[],
  categories: string[],
  opts: HarvestOptions,
  summary: HarvestSummary,
): Promise<void> {
  // Rejected records are kept so they are reported, whatever category they might have had.
  const wanted = records.filter(
    (r) => r.kind === "rejected" || inCategories(r.paper.categories ?? [], categories),
  );
  summary.skipped += records.length - wanted.length;
  summary.read += records.length - wanted.length;
  addInto(summary, await importRecords(search, wanted, { onReject: opts.onReject }));
}

async function importListing(
  search: SearchState,
  category: string,
  opts: HarvestOptions,
  summary: HarvestSummary,
): Promise<void> {
  opts.signal?.throwIfAborted();
  const url = `${opts.rssUrl.replace(/\/+$/, "")}/${encodeURIComponent(category)}`;
  const listing = parseArxivListing(await opts.client.getText(url, { signal: opts.signal }), url);
  addInto(summary, await importRecords(search, listing.records, { onReject: opts.onReject }));
  summary.listings.push({ category, day: listing.day, records: listing.records.length });
  opts.onProgress?.({ phase: "listing", target: category, summary });
}

function firstPageUrl(oaiUrl: string, c: SetCursor): string {
  const u = new URL(oaiUrl);
  u.searchParams.set("verb", "ListRecords");
  u.searchParams.set("metadataPrefix", METADATA_PREFIX);
  u.searchParams.set("set", c.set);
  u.searchParams.set("from", c.from);
  if (c.until) u.searchParams.set("until", c.until);
  return u.toString();
}

/** resumptionToken is an exclusive argument in OAI-PMH: nothing but the verb goes with it. */
function tokenUrl(oaiUrl: string, token: string): string {
  const u = new URL(oaiUrl);
  u.searchParams.set("verb", "ListRecords");
  u.searchParams.set("resumptionToken", token);
  return u.toString();
}

function addInto(total: ImportSummary, part: ImportSummary): void {
  total.read += part.read;
  total.new += part.new;
  total.updated += part.updated;
  total.unchanged += part.unchanged;
  total.rejected += part.rejected;
  total.dailyEntries += part.dailyEntries;
}

/** The query API's id_list is answered in one page; keep URLs and answers reasonably small. */
const IDS_PER_REQUEST = 50;

/**
 * Fetches specific papers (latest version) through the arXiv query API, e.g. when a user submits
 * a paper by id. Accepts anything parseArxivRef understands (ids, arXiv: ids, abs/pdf URLs).
 * Returns the parsed records (not imported) and the requested ids arXiv did not return.
 */
export async function fetchArxivPapers(
  ids: string[],
  opts: { apiUrl: string; client: TextGetter; signal?: AbortSignal },
): Promise<{ records: ParsedRecord[]; missing: string[] }> {
  const wanted: string[] = [];
  for (const raw of ids) {
    const ref = parseArxivRef(raw);
    if (!ref) throw new RangeError(`not an arXiv id: "${raw}"`);
    if (!wanted.includes(ref.id)) wanted.push(ref.id);
  }
  const records: ParsedRecord[] = [];
  for (let i = 0; i < wanted.length; i += IDS_PER_REQUEST) {
    const chunk = wanted.slice(i, i + IDS_PER_REQUEST);
    const u = new URL(opts.apiUrl);
    u.searchParams.set("id_list", chunk.join(","));
    // The API answers 10 entries unless told otherwise.
    u.searchParams.set("max_results", String(chunk.length));
    const url = u.toString();
    records.push(...parseArxivAtom(await opts.client.getText(url, { signal: opts.signal }), url).records);
  }
  const found = new Set(records.flatMap((r) => (r.kind === "paper" ? [r.paper.id] : [])));
  return { records, missing: wanted.filter((id) => !found.has(id)) };
}
