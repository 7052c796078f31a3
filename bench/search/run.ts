// One engine in its own process (so its peak RSS is its own), answering the benchmark queries:
//   papertide: loads the index a `papertide import` left in the database (a restart), then runs
//              each query through the whole ranking (ten ids, as the peers answer) and through
//              the search path a page takes (search(), the ten papers read too),
//              the search-as-you-type prefixes and a few similar-papers lists;
//   minisearch | flexsearch: index the same corpus file, then answer the same queries.
// Prints one JSON object. With BENCH_PASSES_ON_REQUEST=1 (head to head, duel.ts) it instead
// waits, ready, for its parent to ask for one timed pass at a time over IPC, so that two engines
// alive side by side can take turns and be timed in the same minutes.
import fs from "node:fs";
import { readLines } from "../../src/ingest/parsers/arxivSnapshot.ts";
import { getEngine, type SearchEngine } from "../../src/search/engine.ts";
import { parseQuery } from "../../src/search/query.ts";
import { relatedPapers } from "../../src/search/related.ts";
import { search } from "../../src/search/searchPapers.ts";
import { SearchState } from "../../src/search/state.ts";
import { suggestTitles } from "../../src/search/suggest.ts";
import { openStore } from "../../src/store/db.ts";
import { flexSearch, miniSearch, type Peer } from "./peers.ts";

const [engineName, corpus, queriesFile, dbFile] = process.argv.slice(2);
const { queries, prefixes } = JSON.parse(fs.readFileSync(queriesFile, "utf8")) as {
  queries: string[];
  prefixes: string[];
};
const WARMUP = 10;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** No further pass once the passes so far took this long (BENCH_PASS_SECONDS, default 120). */
const PASS_BUDGET_MS = Number(process.env.BENCH_PASS_SECONDS ?? 120) * 1000;

export interface Latency {
  p50: number;
  p99: number;
  mean: number;
}

function latency(ms: number[]): Latency {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { p50: at(0.5), p99: at(0.99), mean: s.reduce((a, b) => a + b, 0) / s.length };
}

/**
 * Latency over `rounds` passes of the queries, reporting the median pass (by p99): the machine is
 * shared, and one burst of someone else's work should not decide a percentile.
 */
async function timed(run: (q: string) => unknown, qs: string[], rounds = ROUNDS): Promise<Latency> {
  for (const q of qs.slice(0, WARMUP)) await run(q);
  const passes: Latency[] = [];
  const started = Date.now();
  for (let r = 0; r < rounds; r++) {
    // A very slow engine (a peer at a million papers: seconds per query) gets fewer passes.
    if (r > 0 && Date.now() - started > PASS_BUDGET_MS) break;
    passes.push(await pass(run, qs));
  }
  return passes.sort((a, b) => a.p99 - b.p99)[Math.floor(passes.length / 2)];
}

/** One pass over the queries (after the warm-up the first one runs), each query timed. */
async function pass(run: (q: string) => unknown, qs: string[]): Promise<Latency> {
  const ms: number[] = [];
  for (const q of qs) {
    const t = process.hrtime.bigint();
    await run(q);
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return latency(ms);
}

/** Head to head: ready, then one pass per "pass" message from the parent, until "exit". */
async function passesOnRequest(run: (q: string) => unknown): Promise<void> {
  for (const q of queries.slice(0, WARMUP)) await run(q);
  let busy: Promise<void> = Promise.resolve();
  process.on("message", (m) => {
    if (m === "exit") process.exit(0);
    if (m === "pass")
      busy = busy.then(async () => {
        process.send?.({ pass: await pass(run, queries) });
      });
  });
  process.send?.({ ready: true });
}

/**
 * Papertide's whole ranking (every stage, the 3-gram re-score reading its candidates' stored
 * text included) answering with the ten best ids, as a peer does.
 */
function rankedIds(engine: SearchEngine): (q: string) => Promise<string[]> {
  return async (q) => (await engine.search(parseQuery(q), { limit: 10 })).map((h) => engine.paperIds[h.doc]);
}

const started = Date.now();
const onRequest = process.env.BENCH_PASSES_ON_REQUEST === "1";
if (engineName === "papertide" && onRequest) {
  const store = await openStore(`sqlite:${dbFile}`);
  const index = new SearchState(store.db);
  await passesOnRequest(rankedIds(await getEngine(index)));
} else if (engineName === "papertide") {
  const store = await openStore(`sqlite:${dbFile}`);
  const index = new SearchState(store.db);
  const engine = await getEngine(index);
  const loadSeconds = (Date.now() - started) / 1000;
  const result = {
    engine: "Papertide",
    papers: engine.lexical.liveCount,
    loadSeconds,
    // Ranked ids, as the peers answer; then the search path a page takes, the ten papers read too.
    ranked: await timed(rankedIds(engine), queries),
    search: await timed((q) => search(index, q, { limit: 10 }), queries),
    suggest: await timed((q) => suggestTitles(index, q, 8), prefixes),
    // The first request for a paper's similar papers computes its list (later ones read it).
    related: await timed(
      (id) => relatedPapers({ store, search: index }, id, 10),
      engine.paperIds.filter((_, i) => i % 997 === 0).slice(0, 40),
      1, // a second pass would read the lists the first one stored
    ),
  };
  await store.close();
  console.log(JSON.stringify(result));
} else {
  // A peer that has not indexed the corpus within the budget is stopped and reported as such.
  const budgetMs = Number(process.env.BENCH_PEER_MAX_SECONDS ?? 1800) * 1000;
  const peer: Peer = engineName === "minisearch" ? miniSearch() : flexSearch();
  let papers = 0;
  let incomplete = false;
  for await (const line of readLines(corpus)) {
    if (!line.trim()) continue;
    const p = JSON.parse(line) as { id: string; title: string; abstract: string; authors: string };
    peer.add({ id: p.id, title: p.title, abstract: p.abstract, authors: p.authors });
    papers++;
    if (papers % 1000 === 0 && Date.now() - started > budgetMs) {
      incomplete = true;
      break;
    }
  }
  const buildSeconds = (Date.now() - started) / 1000;
  if (onRequest) {
    if (incomplete) throw new Error(`${peer.name} did not index the corpus within the budget`);
    await passesOnRequest((q) => peer.search(q, 10));
  } else
    console.log(
      JSON.stringify({
        engine: peer.name,
        papers,
        buildSeconds,
        incomplete,
        // A peer stopped early is still timed, on the papers it did index: its latency there is a
        // lower bound of its latency on the whole corpus (posting lists only grow).
        search: await timed((q) => peer.search(q, 10), queries, incomplete ? 1 : ROUNDS),
      }),
    );
}
