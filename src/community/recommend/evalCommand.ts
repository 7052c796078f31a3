// `papertide eval recommend`: the CLI side of evalRecommend.ts (dispatched from eval.ts).
import fs from "node:fs";
import { CliError, parseCommandArgs, UsageError } from "../../cli/command.ts";
import { evaluateRecommend } from "./evalRecommend.ts";

export const EVAL_RECOMMEND_HELP = `Usage: papertide eval recommend (--db FILE | --corpus FILE) [--users N] [--seed N] [--negatives N] [--grid]

Simulates readers from the papers (authors with >= 5 earlier papers), hides each reader's latest
papers (the last 30 days of the data), and prints as JSON the recall@20 of the shipped "For you"
ranking on them next to its baselines: plain Trending, the mean of the reader's vectors, and a
linear SVM alone. Two disjoint sets of readers are scored: "tune" (the one the shipped settings
were chosen on) and "confirm". --db reads an existing SQLite database; --corpus imports an arXiv
snapshot (.jsonl or .jsonl.gz) into a temporary one first.

Options:
  --users N       readers per set (default 300)
  --seed N        shuffle of the readers (default 42)
  --negatives N   sampled negatives of the shipped model (default 2000)
  --grid          also score the grid of SVM and blend settings the shipped ones were chosen from`;

export async function runEvalRecommend(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    argv,
    {
      db: { type: "string" },
      corpus: { type: "string" },
      users: { type: "string" },
      seed: { type: "string" },
      negatives: { type: "string" },
      grid: { type: "boolean" },
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
    grid: values.grid === true,
    onProgress: (m) => {
      if (process.stderr.isTTY) process.stderr.write(`\r${m}\x1b[K`);
    },
  });
  if (process.stderr.isTTY) process.stderr.write("\r\x1b[K");
  console.log(JSON.stringify(report, null, 2));
  return 0;
}
