// papertide eval search: measure search quality on a BEIR-layout folder (e.g. SciFact).
import fs from "node:fs";
import { EVAL_RECOMMEND_HELP, runEvalRecommend } from "../../community/recommend/evalCommand.ts";
import { evaluateBeir } from "../../search/beirEval.ts";
import { CliError, type Command, parseCommandArgs, UsageError } from "../command.ts";
import { forTerminal } from "../terminalText.ts";

export const evalCommand: Command = {
  name: "eval",
  summary: "Measure search quality on a BEIR-layout dataset (nDCG@10, Recall@100, MRR@10)",
  help: `Usage: papertide eval search --corpus DIR [--split NAME] [--max-queries N]

Reads DIR/corpus.jsonl, DIR/queries.NAME.jsonl (or queries.jsonl) and DIR/qrels.NAME.tsv
(or qrels/NAME.tsv, qrels.tsv), imports the corpus into a fresh temporary database through the
normal import path, runs every judged query through the normal search path and prints, as JSON,
nDCG@10, Recall@100 and MRR@10 for hybrid (what search uses), lexical-only and semantic-only
ranking, overall and on two fixed halves of the queries (A/B, by a hash of the query id).
The configured database is not touched.

Options:
  --corpus DIR      the BEIR folder
  --split NAME      which queries/qrels (default: test)
  --max-queries N   only the first N judged queries

${EVAL_RECOMMEND_HELP}`,
  async run(argv) {
    // "eval recommend" (For you, issue 4) has its own options and module.
    if (argv[0] === "recommend") return runEvalRecommend(argv.slice(1));
    const { values, positionals } = parseCommandArgs(argv, {
      corpus: { type: "string" },
      split: { type: "string" },
      "max-queries": { type: "string" },
    });
    if (positionals[0] !== "search" || positionals.length !== 1) {
      throw new UsageError('say what to evaluate: "papertide eval search --corpus DIR"');
    }
    if (!values.corpus) throw new UsageError("--corpus DIR is required");
    if (!fs.existsSync(values.corpus)) throw new CliError(`no such folder: ${values.corpus}`);
    const maxQueries = values["max-queries"] === undefined ? undefined : Number(values["max-queries"]);
    if (maxQueries !== undefined && !(Number.isInteger(maxQueries) && maxQueries > 0)) {
      throw new UsageError("--max-queries must be a positive whole number");
    }
    let report: Awaited<ReturnType<typeof evaluateBeir>>;
    try {
      report = await evaluateBeir({
        corpusDir: values.corpus,
        split: values.split ?? "test",
        maxQueries,
        onProgress: (m) => {
          if (process.stderr.isTTY) process.stderr.write(`\r${forTerminal(m)}\x1b[K`);
        },
      });
    } catch (e) {
      if ((e as Error).message?.startsWith("no ")) throw new CliError((e as Error).message);
      throw e;
    } finally {
      if (process.stderr.isTTY) process.stderr.write("\r\x1b[K");
    }
    console.log(JSON.stringify(report, null, 2));
    return 0;
  },
};
