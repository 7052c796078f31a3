// Writes the search tables. Called by the importer after each committed batch (so the index is
// kept up to date as papers arrive), by `papertide reindex`, and by the engine when it finds
// papers the index has not seen (a process killed between a batch and its indexing).
//
// Each call is one transaction that first bumps the seq counter: that takes SQLite's write lock
// before anything is read, so term ids handed out here can never collide with another writer's.
import { type Kysely, sql } from "kysely";
import { paperTexts } from "../store/papers.ts";
import type { Database } from "../store/schema.ts";
import { bytesOf, decodeTerms, encodeTerms } from "./codec.ts";
import { docTerms } from "./docTerms.ts";
import { GramStats } from "./grams.ts";
import type { DocTerms } from "./lexicalIndex.ts";
import { textTf, trainLsa } from "./lsa.ts";
import { dayOf } from "./query.ts";
import type { SearchState } from "./state.ts";
import { quantize } from "./vectors.ts";

const BATCH = 1000;
const ROWS_PER_INSERT = 500;

/** Below this many papers there is too little text to learn vectors from: search is lexical only. */
export const MIN_MODEL_DOCS = 500;
/** Retrain the vector model once the corpus has grown by half since it was trained. */
export const RETRAIN_GROWTH = 1.5;
/** LSA is trained on at most this many papers (an even sample); the rest are folded in. */
export const TRAIN_SAMPLE = 20_000;

/**
 * Dimensions for a corpus of n papers: about 2·√n (a multiple of 16), from 32 up to 256, the top
 * of the usual LSA range. On SciFact the hybrid ranking did not move between 96 and 256
 * dimensions; training time grows with the square of it.
 */
export function dimFor(n: number): number {
  return Math.max(32, Math.min(256, Math.round((2 * Math.sqrt(n)) / 16) * 16));
}

/** (Re)indexes these papers as they are stored now; ids no longer in `papers` are removed. */
export async function indexPapers(search: SearchState, ids: string[]): Promise<void> {
  const db = search.db;
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += BATCH) {
    const chunk = unique.slice(i, i + BATCH);
    const rows = await db
      .selectFrom("papers")
      .select(["id", "title", "abstract", "authors", "categories", "published_at", "content_hash"])
      .where("id", "in", chunk)
      .execute();
    const found = new Set(rows.map((r) => r.id));
    await writeBatch(
      search,
      rows,
      chunk.filter((id) => !found.has(id)),
    );
  }
}

type PaperRow = {
  id: string;
  title: string;
  abstract: string;
  authors: string;
  categories: string;
  published_at: string | null;
  content_hash: string;
};

async function writeBatch(state: SearchState, papers: PaperRow[], removed: string[]): Promise<void> {
  const db = state.db;
  await state.syncModel(db);
  const model = state.model;
  const committedTerms = state.vocab.size;
  try {
    await db.transaction().execute(async (trx) => {
      let seq =
        (await reserveSeqs(trx, papers.length + removed.length)) - (papers.length + removed.length) + 1;
      await state.syncVocab(trx);
      const firstNew = state.vocab.size;
      const docs = [];
      const vectors = [];
      for (const p of papers) {
        const dt = docTerms(
          {
            title: p.title,
            abstract: p.abstract,
            authors: JSON.parse(p.authors),
            categories: p.categories.split(" "),
          },
          state.vocab,
        );
        docs.push(docRow(p.id, seq++, p.content_hash, dayOf(p.published_at), p.title, dt));
        if (model)
          vectors.push({ paper_id: p.id, model_id: model.id, vector: embedBytes(model.projector, dt) });
      }
      for (const id of removed) {
        docs.push(
          docRow(id, seq++, "", null, "", {
            termIds: new Uint32Array(0),
            tfs: new Uint8Array(0),
            titleLen: 0,
            abstractLen: 0,
            authorsLen: 0,
          }),
        );
      }
      const terms = [];
      for (let id = firstNew; id < state.vocab.size; id++)
        terms.push({ id, term: state.vocab.term(id) as string });
      for (let i = 0; i < terms.length; i += ROWS_PER_INSERT) {
        await trx
          .insertInto("search_terms")
          .values(terms.slice(i, i + ROWS_PER_INSERT))
          .execute();
      }
      await upsertDocs(trx, docs);
      await upsertVectors(trx, vectors);
      if (removed.length) await trx.deleteFrom("search_vectors").where("paper_id", "in", removed).execute();
    });
  } catch (e) {
    // Ids interned by the failed transaction were never stored: forget them.
    state.vocab.truncate(committedTerms);
    throw e;
  }
}

function docRow(paperId: string, seq: number, hash: string, day: number | null, title: string, dt: DocTerms) {
  return {
    paper_id: paperId,
    seq,
    content_hash: hash,
    day,
    title_len: dt.titleLen,
    abstract_len: dt.abstractLen,
    authors_len: dt.authorsLen,
    title,
    terms: encodeTerms(dt.termIds, dt.tfs),
  };
}

function embedBytes(
  projector: { embed: (ids: Uint32Array, tf: (i: number) => number) => Float32Array },
  dt: Pick<DocTerms, "termIds" | "tfs">,
): Buffer {
  return bytesOf(quantize(projector.embed(dt.termIds, (i) => textTf(dt.tfs[i]))));
}

/** Takes n numbers from the seq counter; returns the last. Being a write, it takes the lock. */
async function reserveSeqs(trx: Kysely<Database>, n: number): Promise<number> {
  const row = await trx
    .updateTable("search_state")
    .set((eb) => ({ value: eb("value", "+", n) }))
    .where("key", "=", "seq")
    .returning("value")
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

async function upsertDocs(trx: Kysely<Database>, rows: ReturnType<typeof docRow>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    await trx
      .insertInto("search_docs")
      .values(rows.slice(i, i + ROWS_PER_INSERT))
      .onConflict((oc) =>
        oc.column("paper_id").doUpdateSet((eb) => ({
          seq: eb.ref("excluded.seq"),
          content_hash: eb.ref("excluded.content_hash"),
          day: eb.ref("excluded.day"),
          title_len: eb.ref("excluded.title_len"),
          abstract_len: eb.ref("excluded.abstract_len"),
          authors_len: eb.ref("excluded.authors_len"),
          title: eb.ref("excluded.title"),
          terms: eb.ref("excluded.terms"),
        })),
      )
      .execute();
  }
}

async function upsertVectors(
  trx: Kysely<Database>,
  rows: { paper_id: string; model_id: number; vector: Buffer }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    await trx
      .insertInto("search_vectors")
      .values(rows.slice(i, i + ROWS_PER_INSERT))
      .onConflict((oc) =>
        oc.column("paper_id").doUpdateSet((eb) => ({
          model_id: eb.ref("excluded.model_id"),
          vector: eb.ref("excluded.vector"),
        })),
      )
      .execute();
  }
}

export interface SyncReport {
  indexed: number;
  removed: number;
  retrained: boolean;
  vectors: number;
}

/**
 * Brings the index in line with the papers table: indexes papers it lacks or holds an older
 * version of (e.g. after kill -9 between an import batch and its indexing), removes papers that
 * are gone, retrains the vector model when due, and fills vectors the current model lacks.
 */
export async function syncIndex(
  search: SearchState,
  onProgress?: (done: number, total: number) => void,
): Promise<SyncReport> {
  const db = search.db;
  const stale = await db
    .selectFrom("papers as p")
    .leftJoin("search_docs as d", "d.paper_id", "p.id")
    .select("p.id")
    .where((eb) =>
      eb.or([eb("d.paper_id", "is", null), eb("d.content_hash", "<>", eb.ref("p.content_hash"))]),
    )
    .execute();
  const gone = await db
    .selectFrom("search_docs as d")
    .leftJoin("papers as p", "p.id", "d.paper_id")
    .select("d.paper_id")
    .where("p.id", "is", null)
    .where("d.content_hash", "<>", "")
    .execute();
  const ids = [...stale.map((r) => r.id), ...gone.map((r) => r.paper_id)];
  for (let i = 0; i < ids.length; i += BATCH) {
    await indexPapers(search, ids.slice(i, i + BATCH));
    onProgress?.(Math.min(i + BATCH, ids.length), ids.length);
  }
  const retrained = await retrainIfDue(search);
  const vectors = retrained ? 0 : await fillVectors(search);
  await ensureGramStats(search);
  return { indexed: stale.length, removed: gone.length, retrained, vectors };
}

/** Live papers in the index. */
export async function indexedCount(db: Kysely<Database>): Promise<number> {
  const r = await db
    .selectFrom("search_docs")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("content_hash", "<>", "")
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Trains a new vector model when there is none yet (and enough papers) or the corpus has grown
 * by RETRAIN_GROWTH since the current one, then recomputes every paper's vector with it.
 */
export async function retrainIfDue(state: SearchState, opts: { force?: boolean } = {}): Promise<boolean> {
  const db = state.db;
  await state.syncModel(db);
  const live = await indexedCount(db);
  const current = state.model;
  const due = current ? live >= RETRAIN_GROWTH * current.docs : live >= MIN_MODEL_DOCS;
  if (!(due || (opts.force && live > 0))) return false;
  const sample = await trainingSample(db, live);
  const docs = sample.map((r) => decodeTerms(r.terms));
  const model = trainLsa(docs, { dim: dimFor(live) });
  if (!model) return false;
  await db.transaction().execute(async (trx) => {
    const id = await nextModelId(trx);
    await trx
      .insertInto("search_models")
      .values({
        id,
        created_at: state.clock.now().toISOString(),
        docs: live,
        dim: model.dim,
        term_ids: bytesOf(model.termIds),
        idf: bytesOf(model.idf),
        basis: bytesOf(model.basis),
      })
      .execute();
    await trx.deleteFrom("search_models").where("id", "<", id).execute();
  });
  await state.syncModel(db);
  await fillVectors(state);
  await ensureGramStats(state);
  return true;
}

/**
 * A model id never used before in this database, even after `papertide reindex` emptied
 * search_models: a running engine that holds model n must see the rebuilt model as new, not as
 * the n it already has (counter "model_id"; databases from before it start past their newest model).
 */
async function nextModelId(trx: Kysely<Database>): Promise<number> {
  // The upsert first: it takes the write lock before anything is read.
  const counter = await trx
    .insertInto("search_state")
    .values({ key: "model_id", value: 1 })
    .onConflict((oc) => oc.column("key").doUpdateSet((eb) => ({ value: eb("search_state.value", "+", 1) })))
    .returning("value")
    .executeTakeFirstOrThrow();
  const newest = await trx
    .selectFrom("search_models")
    .select((eb) => eb.fn.max("id").as("id"))
    .executeTakeFirst();
  const id = Math.max(Number(counter.value), Number(newest?.id ?? 0) + 1);
  if (id !== Number(counter.value))
    await trx.updateTable("search_state").set({ value: id }).where("key", "=", "model_id").execute();
  return id;
}

/** An even sample of the indexed papers by seq: every k-th, reproducible, no sort of the whole table. */
async function trainingSample(db: Kysely<Database>, live: number) {
  const stride = Math.max(1, Math.floor(live / TRAIN_SAMPLE));
  return db
    .selectFrom("search_docs")
    .select(["paper_id", "terms"])
    .where("content_hash", "<>", "")
    .where(sql<number>`seq % ${stride}`, "=", 0)
    .limit(TRAIN_SAMPLE)
    .execute();
}

/**
 * Computes the 3-gram statistics of the current model (grams.ts) if it has none: from the text
 * of the same kind of sample the model was trained on. Databases from before grams get theirs
 * on the next catch-up.
 */
export async function ensureGramStats(state: SearchState): Promise<boolean> {
  const db = state.db;
  await state.syncModel(db);
  const model = state.model;
  if (!model) return false;
  const has = await db
    .selectFrom("search_grams")
    .select("model_id")
    .where("model_id", "=", model.id)
    .executeTakeFirst();
  if (has) return false;
  const ids = (await trainingSample(db, await indexedCount(db))).map((r) => r.paper_id);
  const stats = GramStats.fromTexts((await paperTexts(db, ids)).values());
  const { codes, dfs } = stats.encode();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("search_grams")
      .values({
        model_id: model.id,
        docs: stats.docs,
        title_avg: stats.titleAvg,
        abstract_avg: stats.abstractAvg,
        codes: bytesOf(codes),
        dfs: bytesOf(dfs),
      })
      .onConflict((oc) => oc.column("model_id").doNothing())
      .execute();
    await trx.deleteFrom("search_grams").where("model_id", "<", model.id).execute();
  });
  return true;
}

/** Computes, with the current model, the vectors of every paper that lacks one from it. */
export async function fillVectors(state: SearchState): Promise<number> {
  const db = state.db;
  await state.syncModel(db);
  const model = state.model;
  if (!model) return 0;
  // Which papers: from the narrow indexes alone (no paper's terms are read to find out).
  const missing = await db
    .selectFrom("search_docs as d")
    .leftJoin("search_vectors as v", (j) =>
      j.onRef("v.paper_id", "=", "d.paper_id").on("v.model_id", "=", model.id),
    )
    .select("d.paper_id")
    .where("v.paper_id", "is", null)
    .where("d.content_hash", "<>", "")
    .execute();
  const ids = missing.map((r) => r.paper_id);
  for (let i = 0; i < ids.length; i += BATCH) {
    const rows = await db
      .selectFrom("search_docs")
      .select(["paper_id", "terms"])
      .where("paper_id", "in", ids.slice(i, i + BATCH))
      .execute();
    const vectors = rows.map((r) => ({
      paper_id: r.paper_id,
      model_id: model.id,
      vector: embedBytes(model.projector, decodeTerms(r.terms)),
    }));
    await db.transaction().execute((trx) => upsertVectors(trx, vectors));
  }
  // Tells running engines to reload vectors (these changed without any paper's seq changing).
  if (ids.length > 0) {
    // Upserted: databases migrated before this counter existed have no row for it.
    await db
      .insertInto("search_state")
      .values({ key: "vectors", value: 1 })
      .onConflict((oc) => oc.column("key").doUpdateSet((eb) => ({ value: eb("search_state.value", "+", 1) })))
      .execute();
  }
  return ids.length;
}

/**
 * Indexes every paper again and retrains the vectors from scratch (`papertide reindex`). The term
 * dictionary is kept: its ids are what other running processes hold in memory.
 */
export async function rebuildIndex(
  state: SearchState,
  onProgress?: (done: number, total: number) => void,
): Promise<SyncReport> {
  const db = state.db;
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("search_related").execute();
    await trx.deleteFrom("search_expansions").execute();
    await trx.deleteFrom("search_grams").execute();
    await trx.deleteFrom("search_vectors").execute();
    await trx.deleteFrom("search_models").execute();
    await trx.deleteFrom("search_docs").execute();
  });
  state.model = null;
  state.grams = null;
  state.engine = null;
  return syncIndex(state, onProgress);
}
