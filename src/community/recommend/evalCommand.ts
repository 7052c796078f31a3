// `papertide eval recommend`: the CLI side of evalRecommend.ts (dispatched from eval.ts).
import fs from "node:fs";
import { CliError, parseCommandArgs, UsageError } from "../../cli/command.ts";
import { evaluateRecommend } from "./evalRecommend.ts";

export const EVAL_RECOMMEND_HELP = `Usage: papertide eval recommend (--db FILE | --corpus FILE) [--users N] [--seed N] [--negatives N]

Simulates readers from the papers (authors with >= 5 earlier papers), hides each reader's latest
papers (the last 30 days of the data), and prints as JSON the recall@20 of "For you" on them next to
a mean-vector (centroid) ranking and plain Trending. --db reads an existing SQLite database;
--corpus imports an arXiv snapshot (.jsonl or .jsonl.gz) into a temporary one first.`;

export async function runEvalRecommend(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    argv,
    {
      db: { type: "string" },
      corpus: { type: "string" },
      users: { type: "string" },
      seed: { type: "string" },
      negatives: { type: "string" },
    },
    false,
  );
  if (!values.db === !values.corpus) throw new UsageError("give one of --db FILE or --corpus FILE");
  const file = (values.db ?? values.corpus) as string;
  if (!fs.existsSync(file)) throw new CliError(`no such file: ${file}`);
  const int = (name: string, raw: string | undefined) => {
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a positive whole number`);
    return n;
  };
  const report = await evaluateRecommend({
    db: values.db,
    corpus: values.corpus,
    users: int("users", values.users),
    seed: int("seed", values.seed),
    negatives: int("negatives", values.negatives),
    onProgress: (m) => {
      if (process.stderr.isTTY) process.stderr.write(`\r${m}\x1b[K`);
    },
  });
  if (process.stderr.isTTY) process.stderr.write("\r\x1b[K");
  console.log(JSON.stringify(report, null, 2));
  return 0;
}
