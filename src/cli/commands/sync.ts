// papertide sync arxiv: harvest new and changed papers from arXiv, politely and resumably.
import { DEFAULT_ARXIV_URLS } from "../../config/arxiv.ts";
import { loadConfig, parseCategories } from "../../config/load.ts";
import { FeedParseError } from "../../ingest/parsers/errors.ts";
import { HarvestError, type HarvestSummary, harvestArxiv } from "../../ingest/sync/arxivHarvester.ts";
import { DEFAULT_MIN_INTERVAL_MS, HttpError, PoliteClient } from "../../ingest/sync/politeClient.ts";
import { parseDay } from "../../lists/periods.ts";
import { systemClock } from "../../model/clock.ts";
import { SearchState } from "../../search/state.ts";
import { openStore } from "../../store/db.ts";
import { CliError, type Command, EXIT, parseCommandArgs, UsageError } from "../command.ts";
import { Progress } from "../progress.ts";
import { forTerminal } from "../terminalText.ts";

export const syncCommand: Command = {
  name: "sync",
  summary: "Harvest new papers from arXiv (OAI-PMH + daily listings), politely and resumably",
  help: `Usage: papertide sync arxiv [--categories LIST] [--from YYYY-MM-DD] [--until YYYY-MM-DD]
                        [--no-listing] [--quiet]

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

Exit codes: 0 done, 1 failed (run again to resume), 2 bad usage, 3 done but some records
were rejected.`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      categories: { type: "string" },
      from: { type: "string" },
      until: { type: "string" },
      "no-listing": { type: "boolean" },
      quiet: { type: "boolean" },
    });
    if (positionals.length !== 1 || positionals[0] !== "arxiv") {
      throw new UsageError(`name the source to sync: papertide sync arxiv (got "${positionals.join(" ")}")`);
    }
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
      return summary.rejected > 0 ? EXIT.partial : EXIT.ok;
    } catch (e) {
      progress.done();
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
