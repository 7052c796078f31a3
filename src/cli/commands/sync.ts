// papertide sync arxiv: harvest new and changed papers from arXiv, politely and resumably.
// papertide sync daily-papers: mirror a public daily-papers API (featured papers, upvotes, submitters).
import { DEFAULT_ARXIV_URLS } from "../../config/arxiv.ts";
import { loadConfig, parseCategories } from "../../config/load.ts";
import { FeedParseError } from "../../ingest/parsers/errors.ts";
import { HarvestError, type HarvestSummary, harvestArxiv } from "../../ingest/sync/arxivHarvester.ts";
import {
  FIRST_MIRROR_DAYS,
  formatMirrorSummary,
  mirrorDailyPapers,
} from "../../ingest/sync/dailyPapersMirror.ts";
import { DEFAULT_MIN_INTERVAL_MS, HttpError, PoliteClient } from "../../ingest/sync/politeClient.ts";
import { parseDay } from "../../lists/periods.ts";
import { systemClock } from "../../model/clock.ts";
import { SearchState } from "../../search/state.ts";
import { openStore, type Store } from "../../store/db.ts";
import { recordSyncFailure, recordSyncSuccess, type SyncSource } from "../../store/syncRuns.ts";
import { retryDelayMs } from "../../worker/syncScheduler.ts";
import { CliError, type Command, EXIT, parseCommandArgs, UsageError } from "../command.ts";
import { Progress } from "../progress.ts";
import { forTerminal } from "../terminalText.ts";

export const syncCommand: Command = {
  name: "sync",
  summary: "Harvest new papers from arXiv, or mirror a daily-papers API, politely and resumably",
  help: `Usage: papertide sync arxiv [--categories LIST] [--from YYYY-MM-DD] [--until YYYY-MM-DD]
                        [--no-listing] [--quiet]
       papertide sync daily-papers [--url URL] [--from YYYY-MM-DD] [--until YYYY-MM-DD] [--quiet]

Harvests papers from arXiv into the configured database (DATABASE_URL):
  1. OAI-PMH ListRecords (arXivRaw, with version history) for the archives holding the
     categories, keeping only papers in those categories;
  2. each category's current listing feed, which tells the day a paper was announced as
     new or cross-listed: that is what puts it on the day's list.

The first sync of some categories without --from takes the last 7 days; later syncs without
--from continue where the previous one finished. An interrupted sync (error, Ctrl-C, kill)
resumes from its last saved page when run again.

Polite by arXiv's rules: one request at a time, at least 3 s apart, a User-Agent naming this
instance (set PAPERTIDE_USER_AGENT to include a contact), 503 Retry-After obeyed, transient
failures retried with backoff.

Options:
  --categories LIST   comma-separated arXiv categories, e.g. cs.LG,cs.CV, or an archive such
                      as cs (default: PAPERTIDE_CATEGORIES, i.e. this instance's categories)
  --from DAY          harvest records added or changed on or after DAY (YYYY-MM-DD)
  --until DAY         ... and on or before DAY
  --no-listing        skip the listing feeds (announcement days) and harvest OAI-PMH only
  --quiet             print only the summary

Environment:
  PAPERTIDE_ARXIV_OAI_URL          default ${DEFAULT_ARXIV_URLS.oai}
  PAPERTIDE_ARXIV_RSS_URL          default ${DEFAULT_ARXIV_URLS.rss}
  PAPERTIDE_ARXIV_API_URL          default ${DEFAULT_ARXIV_URLS.api}
  PAPERTIDE_ARXIV_MIN_INTERVAL_MS  least time between requests, default ${DEFAULT_MIN_INTERVAL_MS};
                                   less is refused unless every URL is a loopback address

sync daily-papers reads URL?date=DAY for each day (default URL: PAPERTIDE_DAILY_PAPERS_URL,
e.g. https://huggingface.co/api/daily_papers) and imports each day's featured papers with their
upvote counts and submitters. Without --from it starts the day before the last day it mirrored
from that URL (upvotes keep arriving), or ${FIRST_MIRROR_DAYS} days back the first time, and reads up to today.

Both record their outcome where \`papertide stats\` and the admin page show it. The worker runs
them on schedule (see \`papertide worker --help\`).

Exit codes: 0 done, 1 failed (run again to resume), 2 bad usage, 3 done but some records
were rejected.`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      categories: { type: "string" },
      from: { type: "string" },
      until: { type: "string" },
      "no-listing": { type: "boolean" },
      quiet: { type: "boolean" },
      url: { type: "string" },
    });
    if (positionals.length !== 1 || (positionals[0] !== "arxiv" && positionals[0] !== "daily-papers")) {
      throw new UsageError(
        `name the source to sync: papertide sync arxiv, or papertide sync daily-papers (got "${positionals.join(" ")}")`,
      );
    }
    if (positionals[0] === "daily-papers") return syncDailyPapers(values);
    if (values.url !== undefined) throw new UsageError("--url is for sync daily-papers");
    const config = loadConfig();
    const categories = values.categories === undefined ? config.categories : cliCategories(values.categories);
    if (categories.length === 0) {
      throw new UsageError("harvesting every arXiv category is not supported; name some with --categories");
    }
    const from = cliDay("--from", values.from);
    const until = cliDay("--until", values.until);
    if (from && until && from > until) throw new UsageError(`--from ${from} is after --until ${until}`);
    const { minIntervalMs, ...urls } = config.arxiv;
    const quiet = Boolean(values.quiet);

    const client = new PoliteClient({
      userAgent: config.userAgent,
      minIntervalMs,
      onWait: ({ url, ms, reason }) => {
        if (!quiet) {
          console.error(
            `waiting ${(ms / 1000).toFixed(1)} s before retrying ${forTerminal(url)} (${forTerminal(reason)})`,
          );
        }
      },
    });
    // Ctrl-C stops at the next request boundary; a second Ctrl-C kills at once (default handler).
    const abort = new AbortController();
    const onSigint = () => abort.abort(new CliError("interrupted"));
    process.once("SIGINT", onSigint);
    const store = await openStore(config.databaseUrl);
    const progress = new Progress("harvesting", null);
    try {
      const summary = await harvestArxiv(new SearchState(store.db), {
        categories,
        from,
        until,
        ...urls,
        client,
        clock: systemClock,
        listing: !values["no-listing"],
        signal: abort.signal,
        onProgress: (p) => progress.update(p.summary.read, true),
        onReject: (r) => {
          if (quiet) return;
          progress.done();
          console.error(`rejected ${forTerminal(r.where)}: ${forTerminal(r.reason)}`);
        },
      });
      progress.done();
      console.log(formatHarvestSummary(summary));
      await recordSyncSuccess(store.db, "arxiv", systemClock.now(), formatHarvestSummary(summary));
      return summary.rejected > 0 ? EXIT.partial : EXIT.ok;
    } catch (e) {
      progress.done();
      if (!abort.signal.aborted) await recordFailure(store.db, "arxiv", e);
      if (
        abort.signal.aborted ||
        e instanceof HttpError ||
        e instanceof HarvestError ||
        e instanceof FeedParseError
      ) {
        const why = abort.signal.aborted ? "interrupted" : forTerminal((e as Error).message);
        throw new CliError(
          `${why}\nPages finished so far are saved; run the same command again to continue.`,
        );
      }
      throw e;
    } finally {
      process.removeListener("SIGINT", onSigint);
      await store.close();
    }
  },
};

async function syncDailyPapers(values: {
  url?: string;
  from?: string;
  until?: string;
  quiet?: boolean;
  categories?: string;
  "no-listing"?: boolean;
}): Promise<number> {
  if (values.categories !== undefined || values["no-listing"]) {
    throw new UsageError("--categories and --no-listing are for sync arxiv");
  }
  const config = loadConfig();
  const url = values.url === undefined ? config.sync.dailyPapersUrl : cliUrl(values.url);
  if (!url) throw new UsageError("give the API's address with --url URL (or set PAPERTIDE_DAILY_PAPERS_URL)");
  const from = cliDay("--from", values.from);
  const until = cliDay("--until", values.until);
  if (from && until && from > until) throw new UsageError(`--from ${from} is after --until ${until}`);
  const quiet = Boolean(values.quiet);
  const client = new PoliteClient({
    userAgent: config.userAgent,
    minIntervalMs: config.arxiv.minIntervalMs,
    onWait: ({ url: at, ms, reason }) => {
      if (!quiet) {
        console.error(
          `waiting ${(ms / 1000).toFixed(1)} s before retrying ${forTerminal(at)} (${forTerminal(reason)})`,
        );
      }
    },
  });
  const abort = new AbortController();
  const onSigint = () => abort.abort(new CliError("interrupted"));
  process.once("SIGINT", onSigint);
  const store = await openStore(config.databaseUrl);
  try {
    const summary = await mirrorDailyPapers(new SearchState(store.db, systemClock), {
      url,
      from,
      until,
      client,
      clock: systemClock,
      signal: abort.signal,
      onReject: (r) => {
        if (!quiet) console.error(`rejected ${forTerminal(r.where)}: ${forTerminal(r.reason)}`);
      },
    });
    const line = formatMirrorSummary(summary);
    console.log(line);
    await recordSyncSuccess(store.db, "daily-papers", systemClock.now(), line);
    return summary.rejected > 0 ? EXIT.partial : EXIT.ok;
  } catch (e) {
    if (abort.signal.aborted)
      throw new CliError(
        "interrupted\nDays finished so far are saved; run the same command again to continue.",
      );
    await recordFailure(store.db, "daily-papers", e);
    if (e instanceof HttpError) throw new CliError(forTerminal(e.message));
    throw e;
  } finally {
    process.removeListener("SIGINT", onSigint);
    await store.close();
  }
}

/** A manual run's failure is shown like a scheduled one's, and the schedule backs off the same way. */
async function recordFailure(db: Store["db"], source: SyncSource, e: unknown): Promise<void> {
  const at = systemClock.now();
  await recordSyncFailure(
    db,
    source,
    at,
    (e as Error)?.message ?? String(e),
    (n) => new Date(at.getTime() + retryDelayMs(n)),
  );
}

function cliUrl(raw: string): string {
  try {
    const u = new URL(raw);
    if (u.protocol === "http:" || u.protocol === "https:") return u.toString();
  } catch {
    // reported below
  }
  throw new UsageError(`--url wants an http(s) URL, got "${raw}"`);
}

export function formatHarvestSummary(s: HarvestSummary): string {
  const parts = [
    `synced ${s.setsDone.join(", ") || "nothing"}: ${s.pages} page${s.pages === 1 ? "" : "s"}${s.resumed ? " (resumed)" : ""}`,
    `read ${s.read}, new ${s.new}, updated ${s.updated}, unchanged ${s.unchanged}, rejected ${s.rejected}, ` +
      `skipped ${s.skipped} (other categories), deleted ${s.deleted}`,
  ];
  if (s.listings.length) {
    parts.push(
      `listings ${s.listings.map((l) => `${l.category} ${l.day ?? "(no day)"} ${l.records}`).join(", ")}`,
    );
  }
  return parts.join("; ");
}

function cliCategories(raw: string): string[] {
  try {
    return parseCategories(raw);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

function cliDay(flag: string, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (!parseDay(raw)) throw new UsageError(`${flag} wants a day as YYYY-MM-DD, got "${raw}"`);
  return raw;
}
