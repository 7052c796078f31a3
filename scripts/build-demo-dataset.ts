// Rebuilds demo/ from the shared arXiv sample: the papers of the sample's last weeks, plus the
// recorded daily-papers response (real upvotes, real submitters). Run by a developer, never at
// run time: `npx tsx scripts/build-demo-dataset.ts [../shared]`.
import { once } from "node:events";
import fs from "node:fs";
import path from "node:path";
import { finished } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { readLines } from "../src/ingest/parsers/arxivSnapshot.ts";

const shared = path.resolve(process.argv[2] ?? "../shared");
const FROM = "2026-06-08"; // first day kept (the sample ends 2026-07-01)
const out = path.resolve("demo");
fs.mkdirSync(out, { recursive: true });

const gzip = createGzip({ level: 9 });
const sink = fs.createWriteStream(path.join(out, "papers.jsonl.gz"));
gzip.pipe(sink);
let kept = 0;
for await (const line of readLines(path.join(shared, "data/arxiv-sample.jsonl.gz"))) {
  const rec = JSON.parse(line) as { versions?: { created: string }[] };
  const first = rec.versions?.[0]?.created;
  if (!first || new Date(first).toISOString().slice(0, 10) < FROM) continue;
  if (!gzip.write(`${line}\n`)) await once(gzip, "drain");
  kept++;
}
gzip.end();
await finished(sink);
fs.copyFileSync(path.join(shared, "fixtures/hf/daily_papers.json"), path.join(out, "daily_papers.json"));
console.log(
  `demo: ${kept} papers since ${FROM}, ${fs.statSync(path.join(out, "papers.jsonl.gz")).size} bytes`,
);
