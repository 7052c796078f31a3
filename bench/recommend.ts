// npm run bench:recommend [-- --db FILE]: per-reader "For you" cost at the 74,728-paper sample.
// Imports ../shared/data/arxiv-sample.jsonl.gz into a temporary database (about two minutes; or
// reuse one with --db), then for 30 simulated readers (authors with >= 5 papers, their papers as
// saved) measures model training, scoring every paper in the corpus, scoring the For-you
// candidates (the last 30 days), and the plain Trending query as a baseline. Medians in ms.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadFeatures } from "../src/community/recommend/features.ts";
import {
  DEFAULT_C,
  DEFAULT_NEGATIVES,
  DEFAULT_SVM_WEIGHT,
  rankCandidates,
  trainUserModel,
} from "../src/community/recommend/userModel.ts";
import { importRecords } from "../src/ingest/importer.ts";
import { parseSnapshotFile } from "../src/ingest/parsers/arxivSnapshot.ts";
import { listTrending, referenceNow } from "../src/lists/listing.ts";
import { addDays } from "../src/lists/periods.ts";
import { TRENDING_WINDOW_DAYS } from "../src/lists/trending.ts";
import { systemClock } from "../src/model/clock.ts";
import { SearchState } from "../src/search/state.ts";
import { openStore } from "../src/store/db.ts";

const SAMPLE = path.resolve(
  path.dirname(new URL(import.meta.url).pathname),
  "../../shared/data/arxiv-sample.jsonl.gz",
);
const READERS = 30;

const { values } = parseArgs({ options: { db: { type: "string" } } });
let tmp: string | null = null;
let file = values.db;
if (!file) {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "papertide-bench-rec-"));
  file = path.join(tmp, "bench.db");
}
const store = await openStore(`sqlite:${file}`);
const search = new SearchState(store.db);
try {
  if (tmp) {
    console.error(`importing ${SAMPLE} ...`);
    await importRecords(search, parseSnapshotFile(SAMPLE));
  }
  const space = await loadFeatures(search);
  const rows = await store.db.selectFrom("papers").select(["id", "authors", "list_day"]).execute();
  const end = rows.reduce((m, r) => (r.list_day && r.list_day > m ? r.list_day : m), "");
  const from = addDays(end, -TRENDING_WINDOW_DAYS + 1);
  const candidates = rows.filter((r) => r.list_day && r.list_day >= from).map((r) => r.id);
  const allIds = rows.map((r) => r.id);
  const byAuthor = new Map<string, string[]>();
  for (const r of rows)
    for (const a of JSON.parse(r.authors) as string[]) byAuthor.set(a, [...(byAuthor.get(a) ?? []), r.id]);
  const readers = [...byAuthor.values()].filter((ids) => ids.length >= 5).slice(0, READERS);

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const time = <T>(f: () => T): [T, number] => {
    const t = performance.now();
    const out = f();
    return [out, performance.now() - t];
  };
  const train: number[] = [];
  const scoreAll: number[] = [];
  const scoreCandidates: number[] = [];
  for (const [n, ids] of readers.entries()) {
    const [model, ms] = time(() =>
      trainUserModel(
        space,
        ids.map((paperId) => ({ paperId, source: "saved" as const })),
        { seed: n + 1 },
      ),
    );
    if (!model) continue;
    train.push(ms);
    scoreAll.push(time(() => rankCandidates(space, model, allIds, 30))[1]);
    scoreCandidates.push(time(() => rankCandidates(space, model, candidates, 30))[1]);
  }
  const trending: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    // What the Trending page does: its reference time, then the list.
    const now = await referenceNow(store.db, [], systemClock.now().getTime());
    await listTrending(store.db, { categories: [], offset: 0, limit: 30, now });
    trending.push(performance.now() - t);
  }
  const round = (x: number) => Math.round(x * 10) / 10;
  console.log(
    JSON.stringify(
      {
        papers: rows.length,
        features: `${space.kind} (${space.dim} dims)`,
        model: { svmWeight: DEFAULT_SVM_WEIGHT, c: DEFAULT_C, negatives: DEFAULT_NEGATIVES },
        readers: train.length,
        candidates: candidates.length,
        medianMs: {
          train: round(median(train)),
          scoreAllPapers: round(median(scoreAll)),
          scoreCandidates: round(median(scoreCandidates)),
          trendingBaseline: round(median(trending)),
        },
        budget: "training < 200 ms per reader",
      },
      null,
      2,
    ),
  );
} finally {
  await store.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
}
