// npm run bench:import — imports the full 74,728-paper sample into a fresh database through the
// real CLI (`papertide import`) and prints papers/s, wall time and peak RSS, next to a ceiling
// measured in the same run: the same file only streamed and parsed, not stored.
// Target (issue "Papertide core"): the import under 60 s on this 2-core machine.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { machineLine, measureNode, median } from "./support/measure.ts";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const sample = path.resolve(process.argv[2] ?? path.join(root, "../shared/data/arxiv-sample.jsonl.gz"));
const runs = Number(process.env.BENCH_RUNS ?? 3);
if (!fs.existsSync(sample)) {
  console.error(`bench:import: sample not found at ${sample} (pass its path as the first argument)`);
  process.exit(1);
}

console.log(`bench:import — ${machineLine()}`);
console.log(`command: npm run bench:import  (file: ${sample}, ${runs} runs each, medians)`);

const imports: { seconds: number; rss: number; papers: number }[] = [];
const parses: { seconds: number; rss: number; papers: number }[] = [];
for (let i = 0; i < runs; i++) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-import-"));
  const r = await measureNode([path.join(root, "src/cli/main.ts"), "import", sample, "--quiet"], {
    DATABASE_URL: `sqlite:${path.join(dir, "bench.db")}`,
  });
  fs.rmSync(dir, { recursive: true, force: true });
  if (r.code !== 0) {
    console.error(`import failed (exit ${r.code}):\n${r.stderr}`);
    process.exit(1);
  }
  const papers = Number(/new (\d+)/.exec(r.stdout)?.[1] ?? 0);
  imports.push({ seconds: r.seconds, rss: r.peakRssBytes, papers });
  const p = await measureNode([path.join(root, "bench/parseOnly.ts"), sample]);
  parses.push({ seconds: p.seconds, rss: p.peakRssBytes, papers: Number(p.stdout.trim()) });
}

const row = (name: string, xs: typeof imports) => {
  const secs = median(xs.map((x) => x.seconds));
  const papers = xs[0].papers;
  return { name, papers, secs, rate: papers / secs, rss: median(xs.map((x) => x.rss)) };
};
const imp = row("import (papertide import)", imports);
const ceil = row("ceiling: parse only", parses);
const fmt = (r: ReturnType<typeof row>) =>
  `${r.name.padEnd(28)} ${String(r.papers).padStart(7)} papers  ${r.secs.toFixed(1).padStart(6)} s  ${Math.round(r.rate).toString().padStart(7)} papers/s  peak RSS ${(r.rss / 2 ** 20).toFixed(0).padStart(4)} MiB`;
console.log(fmt(imp));
console.log(fmt(ceil));
console.log(`import speed is ${((imp.rate / ceil.rate) * 100).toFixed(0)}% of the parse-only ceiling`);
console.log(
  `target: full import under 60 s -> ${imp.secs < 60 ? "MET" : "NOT MET"} (${imp.secs.toFixed(1)} s)`,
);
