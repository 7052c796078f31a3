// Measures search quality on a BEIR-layout folder (corpus.jsonl, queries, qrels): the corpus is
// imported into a fresh temporary database through the normal import path, every judged query
// runs through the normal search path, once per mode. The queries are also split in two fixed
// halves (by a hash of their id) so a setting chosen on one half can be checked on the other.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { importRecords } from "../ingest/importer.ts";
import { parseBeirCorpus } from "../ingest/parsers/beirCorpus.ts";
import { openStore } from "../store/db.ts";
import type { SearchMode } from "./engine.ts";
import { expandPending } from "./expansion.ts";
import { type Judgements, type Quality, quality } from "./metrics.ts";
import { search } from "./searchPapers.ts";
import { SearchState } from "./state.ts";

const NAMESPACE = "beir";
const MODES: SearchMode[] = ["hybrid", "lexical", "semantic"];

export interface EvalReport {
  corpus: string;
  split: string;
  documents: number;
  queries: number;
  hybrid: Quality;
  lexical: Quality;
  semantic: Quality;
  /** The same measures on each half of the queries. */
  halves: Record<"A" | "B", Record<SearchMode, Quality>>;
  /** Import (papers, index, vectors), document expansion (what `serve` does in the background), queries. */
  seconds: { import: number; expand: number; search: number };
}

export interface EvalOptions {
  corpusDir: string;
  split: string;
  /** Evaluate only the first n judged queries (quick checks, tests). */
  maxQueries?: number;
  /** Import only the documents some judged query needs, plus this many others (tests). */
  maxDocuments?: number;
  onProgress?: (message: string) => void;
}

/** The files of a split: queries.NAME.jsonl or queries.jsonl, qrels.NAME.tsv, qrels/NAME.tsv or qrels.tsv. */
export function beirFiles(dir: string, split: string): { corpus: string; queries: string; qrels: string } {
  const first = (names: string[], what: string) => {
    for (const n of names) if (fs.existsSync(path.join(dir, n))) return path.join(dir, n);
    throw new Error(`no ${what} in ${dir} (looked for ${names.join(", ")})`);
  };
  return {
    corpus: first(["corpus.jsonl"], "corpus"),
    queries: first([`queries.${split}.jsonl`, "queries.jsonl"], "queries"),
    qrels: first([`qrels.${split}.tsv`, `qrels/${split}.tsv`, "qrels.tsv"], "relevance judgements"),
  };
}

export function readQrels(file: string): Map<string, Judgements> {
  const qrels = new Map<string, Judgements>();
  for (const line of fs.readFileSync(file, "utf8").split(/\r?\n/)) {
    const [q, d, s] = line.split("\t");
    const score = Number(s);
    if (!q || !d || !Number.isFinite(score)) continue; // the header, blank lines
    const rel = qrels.get(q) ?? new Map<string, number>();
    rel.set(d, score);
    qrels.set(q, rel);
  }
  return qrels;
}

export async function readQueries(file: string): Promise<{ id: string; text: string }[]> {
  const out: { id: string; text: string }[] = [];
  const rl = readline.createInterface({
    input: fs.createReadStream(file),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const line of rl) {
    if (!line.trim()) continue;
    const q = JSON.parse(line) as { _id: string | number; text: string };
    out.push({ id: String(q._id), text: String(q.text ?? "") });
  }
  return out;
}

/** Which half a query belongs to: FNV-1a of its id, so the split never changes. */
export function halfOf(id: string): "A" | "B" {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % 2 === 0 ? "A" : "B";
}

export async function evaluateBeir(opts: EvalOptions): Promise<EvalReport> {
  const files = beirFiles(opts.corpusDir, opts.split);
  const qrels = readQrels(files.qrels);
  const queries = (await readQueries(files.queries)).filter((q) => qrels.has(q.id)).slice(0, opts.maxQueries);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "papertide-eval-"));
  const store = await openStore(`sqlite:${path.join(tmp, "eval.db")}`);
  try {
    // The evaluation's own search index of its scratch database.
    const index = new SearchState(store.db);
    const started = Date.now();
    opts.onProgress?.(`importing ${files.corpus}`);
    const summary = await importRecords(index, corpusSubset(files.corpus, queries, qrels, opts.maxDocuments));
    const imported = Date.now();
    opts.onProgress?.("expanding papers (their nearest papers' terms)");
    await expandPending(index);
    const expanded = Date.now();
    const runs = new Map<SearchMode, { id: string; ranked: string[]; rel: Judgements }[]>(
      MODES.map((m) => [m, []]),
    );
    for (const [i, q] of queries.entries()) {
      if (i % 100 === 0) opts.onProgress?.(`searching ${i}/${queries.length}`);
      for (const mode of MODES) {
        const hits = await search(index, q.text, { limit: 100, mode });
        const ranked = hits.map((h) => h.paper.id.slice(NAMESPACE.length + 1));
        runs.get(mode)?.push({ id: q.id, ranked, rel: qrels.get(q.id) as Judgements });
      }
    }
    const measure = (mode: SearchMode, half?: "A" | "B") =>
      quality((runs.get(mode) ?? []).filter((r) => !half || halfOf(r.id) === half));
    const byMode = (half: "A" | "B") =>
      Object.fromEntries(MODES.map((m) => [m, measure(m, half)])) as Record<SearchMode, Quality>;
    return {
      corpus: opts.corpusDir,
      split: opts.split,
      documents: summary.new + summary.updated + summary.unchanged,
      queries: queries.length,
      hybrid: measure("hybrid"),
      lexical: measure("lexical"),
      semantic: measure("semantic"),
      halves: { A: byMode("A"), B: byMode("B") },
      seconds: {
        import: (imported - started) / 1000,
        expand: (expanded - imported) / 1000,
        search: (Date.now() - expanded) / 1000,
      },
    };
  } finally {
    await store.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** The corpus records; with maxDocuments, the judged documents first-come plus up to that many others. */
async function* corpusSubset(
  file: string,
  queries: { id: string }[],
  qrels: Map<string, Judgements>,
  maxDocuments: number | undefined,
) {
  const needed = new Set(queries.flatMap((q) => [...(qrels.get(q.id)?.keys() ?? [])]));
  let others = 0;
  for await (const rec of parseBeirCorpus(file, { namespace: NAMESPACE })) {
    if (maxDocuments !== undefined && rec.kind === "paper") {
      const id = rec.paper.id.slice(NAMESPACE.length + 1);
      if (!needed.has(id) && others++ >= maxDocuments) continue;
    }
    yield rec;
  }
}
