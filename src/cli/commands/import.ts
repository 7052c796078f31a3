// papertide import <file> [--format F]: load papers from a file through the normal ingest path.
import fs from "node:fs";
import { loadConfig } from "../../config/load.ts";
import { emptySummary, type ImportSummary, importRecords } from "../../ingest/importer.ts";
import { FeedParseError } from "../../ingest/parsers/errors.ts";
import { detectFormat, FORMATS, isFormat, readRecords } from "../../ingest/parsers/index.ts";
import { SearchState } from "../../search/state.ts";
import { openStore } from "../../store/db.ts";
import { CliError, type Command, EXIT, parseCommandArgs, UsageError } from "../command.ts";
import { Progress } from "../progress.ts";
import { forTerminal } from "../terminalText.ts";

export const importCommand: Command = {
  name: "import",
  summary: "Import papers from a file (arXiv snapshot, API/OAI/RSS XML, daily-papers JSON, BEIR)",
  help: `Usage: papertide import <file> [--format FORMAT] [--quiet]

Imports papers into the configured database (DATABASE_URL, default ./data/papertide.db).
Re-importing the same file changes nothing; newer versions of a paper update it in place.
Malformed records are reported (file:line or record id, and why) and skipped, as are
records over a size limit (title, abstract, authors, lines of a JSONL file...). A compressed
file that inflates past PAPERTIDE_IMPORT_MAX_BYTES or PAPERTIDE_IMPORT_MAX_RATIO to 1, or a
document over PAPERTIDE_IMPORT_MAX_DOCUMENT_BYTES, is refused; what was read before it is kept.

Options:
  --format FORMAT   one of: ${FORMATS.join(", ")}
                    (default: recognised from the file name and content)
  --quiet           print only the summary
  --expected N      number of records expected, for the progress bar's ETA

Exit codes: 0 all imported, 1 failed, 2 bad usage, 3 imported but some records were rejected.`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      format: { type: "string" },
      quiet: { type: "boolean" },
      expected: { type: "string" },
    });
    if (positionals.length !== 1) throw new UsageError("give exactly one file to import");
    const file = positionals[0];
    if (!fs.existsSync(file)) throw new CliError(`no such file: ${file}`);
    let format = values.format;
    if (format !== undefined && !isFormat(format)) {
      throw new UsageError(`unknown format "${format}" (known: ${FORMATS.join(", ")})`);
    }
    format ??= (await detectFormat(file)) ?? undefined;
    if (!format || !isFormat(format)) {
      throw new UsageError(
        `cannot tell the format of ${file}; pass --format (one of: ${FORMATS.join(", ")})`,
      );
    }
    const config = loadConfig();
    const limits = config.imports;
    const store = await openStore(config.databaseUrl);
    try {
      const expected = values.expected ? Number(values.expected) : null;
      const progress = new Progress("importing", expected);
      let rejectedShown = 0;
      let stored = emptySummary();
      let summary: ImportSummary;
      try {
        summary = await importRecords(new SearchState(store.db), readRecords(file, format, limits), {
          onReject: (r) => {
            if (values.quiet) return;
            // A broken file could reject millions: show the first 50, count the rest.
            if (rejectedShown++ < 50) {
              progress.done();
              console.error(`rejected ${forTerminal(r.where)}: ${forTerminal(r.reason)}`);
            }
          },
          onProgress: (s) => {
            stored = { ...s };
            progress.update(s.read);
          },
        });
      } catch (e) {
        progress.done();
        if (!(e instanceof FeedParseError)) throw e;
        // The file failed as a whole part way (a gzip bomb, a broken stream): what came before
        // it is stored; say so, and what was wrong.
        throw new CliError(
          `${forTerminal(e.message)}\nstopped; before it: ${formatSummary(stored)} (those are stored)`,
        );
      }
      progress.done();
      console.log(formatSummary(summary));
      return summary.rejected > 0 ? EXIT.partial : EXIT.ok;
    } finally {
      await store.close();
    }
  },
};

export function formatSummary(s: ImportSummary): string {
  return `read ${s.read}, new ${s.new}, updated ${s.updated}, unchanged ${s.unchanged}, rejected ${s.rejected}`;
}
