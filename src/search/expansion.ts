// Document expansion from the corpus itself: each paper also carries the most telling terms of
// the EXPANSION_NEIGHBOURS papers nearest to it by wording (its own telling terms as a BM25F
// query, as similar papers do). An abstract rarely says every word of its topic; its neighbours
// say the rest ("glioma" for a paper that only says "astrocytoma"). The ranking re-scores its
// best candidates with these terms as a fourth, lightly weighted field (engine.ts; SciFact: +.009
// on both halves over the word ranking, README "Fourth round").
//
// Expansions are derived data: computed in the background (`papertide serve`, a few papers per
// tick), by `papertide reindex` and before `papertide eval search`, stored per paper version in
// search_expansions, and recomputed when the paper changes or the vector model is retrained (the
// corpus has grown by half: the neighbours of older papers have changed). Until then a paper is
// ranked without one, never wrongly.
import type { Kysely } from "kysely";
import { batches } from "../store/batches.ts";
import type { Database } from "../store/schema.ts";
import { type ChunkLoopOptions, startChunkLoop } from "../worker/chunkLoop.ts";
import { bytesOf, decodeTerms } from "./codec.ts";
import { tellingTerms } from "./docTerms.ts";
import { getEngine, type SearchEngine } from "./engine.ts";
import type { SearchState } from "./state.ts";

/** How many nearest papers lend their terms (2–10 measured; 3 best on both halves). */
export const EXPANSION_NEIGHBOURS = 3;
/** Terms kept per paper, and taken from each neighbour. */
export const EXPANSION_TERMS = 30;
/** A paper's telling terms that find its neighbours (as for similar papers). */
export const NEIGHBOUR_QUERY_TERMS = 24;
/** Papers expanded per transaction. */
const CHUNK = 200;
/** Papers per tick of the server's loop (one transaction). */
const LOOP_CHUNK = 50;
/**
 * In the server's loop, requests get their turn after this many neighbour queries: each takes
 * about 0.6 ms at 75,000 papers and 6 ms at a million, so a request waits at most ~50 ms.
 */
const YIELD_EVERY = 8;

/** The expansion of one paper: the best-summed telling terms of its neighbours, ids ascending. */
export function expansionTerms(neighbourTerms: { id: number; w: number }[][]): Uint32Array {
  const summed = new Map<number, number>();
  for (const terms of neighbourTerms) for (const t of terms) summed.set(t.id, (summed.get(t.id) ?? 0) + t.w);
  const best = [...summed]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, EXPANSION_TERMS)
    .map(([id]) => id);
  return Uint32Array.from(best).sort();
}

/** The nearest papers to `doc` by its telling terms (itself excluded), best first. */
export function neighboursOf(engine: SearchEngine, doc: number, telling: { id: number }[]): number[] {
  if (telling.length === 0) return [];
  const query = telling.map((t) => ({ id: t.id, weight: 1 }));
  return engine.lexical
    .score(query, { k: EXPANSION_NEIGHBOURS, allow: (d) => d !== doc })
    .sorted()
    .map((h) => h.doc);
}

/**
 * Expands up to `maxDocs` papers that lack a current expansion (oldest first); returns how many.
 * Each chunk is one transaction: a kill -9 loses at most the chunk in flight, which the next
 * call redoes.
 */
export async function expandPending(
  search: SearchState,
  opts: {
    maxDocs?: number;
    onProgress?: (done: number, total: number) => void;
    /** Let other work run between neighbour queries (a server); a CLI pass runs flat out. */
    yieldToRequests?: boolean;
  } = {},
): Promise<number> {
  const db = search.db;
  const engine = await getEngine(search);
  const pending = engine.pendingExpansions(opts.maxDocs ?? Number.POSITIVE_INFINITY);
  let done = 0;
  for (let i = 0; i < pending.length; i += CHUNK) {
    done += await expandChunk(db, engine, pending.slice(i, i + CHUNK), opts.yieldToRequests ?? false);
    opts.onProgress?.(Math.min(i + CHUNK, pending.length), pending.length);
  }
  if (done > 0) await engine.refresh(db);
  return done;
}

async function expandChunk(
  db: Kysely<Database>,
  engine: SearchEngine,
  docs: number[],
  yieldToRequests: boolean,
): Promise<number> {
  const modelId = engine.modelId;
  const termsOf = await storedTerms(db, engine, docs);
  const neighbours = new Map<number, number[]>();
  for (const [i, d] of docs.entries()) {
    if (yieldToRequests && i > 0 && i % YIELD_EVERY === 0) await new Promise((r) => setImmediate(r));
    const own = termsOf.get(d);
    if (!own) continue; // re-indexed since: a newer version of the paper is pending instead
    neighbours.set(
      d,
      neighboursOf(engine, d, tellingTerms(engine.lexical, own.termIds, own.tfs, NEIGHBOUR_QUERY_TERMS)),
    );
  }
  const lenders = [...new Set([...neighbours.values()].flat())].filter((d) => !termsOf.has(d));
  for (const [d, t] of await storedTerms(db, engine, lenders)) termsOf.set(d, t);
  const telling = new Map<number, { id: number; w: number }[]>();
  const tellingOf = (d: number) => {
    let t = telling.get(d);
    if (!t) {
      const own = termsOf.get(d);
      t = own ? tellingTerms(engine.lexical, own.termIds, own.tfs, EXPANSION_TERMS) : [];
      telling.set(d, t);
    }
    return t;
  };
  const rows: { paper_id: string; doc_seq: number; model_id: number; terms: Buffer }[] = [];
  for (const [d, ns] of neighbours) {
    rows.push({
      paper_id: engine.paperIds[d],
      doc_seq: engine.seqOf(d),
      model_id: modelId,
      terms: bytesOf(expansionTerms(ns.map(tellingOf))),
    });
  }
  if (rows.length === 0) return 0;
  await db.transaction().execute(async (trx) => {
    let seq = (await reserveExpansionSeqs(trx, rows.length)) - rows.length + 1;
    for (const chunk of batches(rows)) {
      await trx
        .insertInto("search_expansions")
        .values(chunk.map((r) => ({ ...r, seq: seq++ })))
        .onConflict((oc) =>
          oc.column("paper_id").doUpdateSet((eb) => ({
            doc_seq: eb.ref("excluded.doc_seq"),
            model_id: eb.ref("excluded.model_id"),
            seq: eb.ref("excluded.seq"),
            terms: eb.ref("excluded.terms"),
          })),
        )
        .execute();
    }
  });
  return rows.length;
}

/** The stored term lists of these docs, for the version the engine holds (others are left out). */
async function storedTerms(db: Kysely<Database>, engine: SearchEngine, docs: number[]) {
  const out = new Map<number, { termIds: Uint32Array; tfs: Uint8Array }>();
  for (const chunk of batches(docs)) {
    const rows = await db
      .selectFrom("search_docs")
      .select(["paper_id", "seq", "terms"])
      .where(
        "paper_id",
        "in",
        chunk.map((d) => engine.paperIds[d]),
      )
      .execute();
    for (const r of rows) {
      const d = engine.docOf.get(r.paper_id);
      if (d !== undefined && engine.seqOf(d) === Number(r.seq)) out.set(d, decodeTerms(r.terms));
    }
  }
  return out;
}

/** Takes n numbers from the expansion counter (created on first use); returns the last. */
async function reserveExpansionSeqs(trx: Kysely<Database>, n: number): Promise<number> {
  const row = await trx
    .insertInto("search_state")
    .values({ key: "expansion_seq", value: n })
    .onConflict((oc) => oc.column("key").doUpdateSet((eb) => ({ value: eb("search_state.value", "+", n) })))
    .returning("value")
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

/**
 * Expands pending papers a chunk at a time in the background of a server (the shared loop of
 * src/worker/chunkLoop.ts: requests are served between chunks; idles while nothing is pending).
 * Returns a stop function.
 */
export function startExpansionLoop(
  search: SearchState,
  opts: {
    idleMs?: number;
    firstMs?: number;
    log?: (line: string) => void;
    /**
     * Runs each chunk as the one process doing it (a lease, src/worker/leasedJob.ts); resolves
     * null when another process has the work, which this loop then leaves to it for a while.
     */
    exclusive?: ChunkLoopOptions["exclusive"];
  } = {},
): () => Promise<void> {
  return startChunkLoop({
    chunk: () => expandPending(search, { maxDocs: LOOP_CHUNK, yieldToRequests: true }),
    exclusive: opts.exclusive,
    idleMs: opts.idleMs,
    firstMs: opts.firstMs,
    onError: (e) => opts.log?.(`search: expanding papers failed: ${e.message}`),
  });
}
