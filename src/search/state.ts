// What every search component of one database shares in a process: the term dictionary and the
// current LSA model (kept in step with the tables), and the in-memory engine once something
// searched. Keyed by the Kysely instance, so tests with many stores never mix them up.
import type { Kysely } from "kysely";
import type { Database } from "../store/schema.ts";
import { float32s, float64s, uint32s } from "./codec.ts";
import { GramStats } from "./grams.ts";
import { LsaProjector } from "./lsa.ts";
import { Vocabulary } from "./vocabulary.ts";

export interface LoadedModel {
  id: number;
  /** Live papers when it was trained. */
  docs: number;
  projector: LsaProjector;
}

export class SearchState {
  vocab = new Vocabulary();
  model: LoadedModel | null = null;
  /** 3-gram statistics of the current model's training sample, once computed (grams.ts). */
  grams: { modelId: number; stats: GramStats } | null = null;
  /** Set by the engine module; a promise so concurrent first searches share one load. */
  engine: Promise<unknown> | null = null;

  /** Reads the terms other writers (or processes) added since we last looked. */
  async syncVocab(db: Kysely<Database>): Promise<void> {
    for (;;) {
      const rows = await db
        .selectFrom("search_terms")
        .select(["id", "term"])
        .where("id", ">=", this.vocab.size)
        .orderBy("id")
        .limit(100_000)
        .execute();
      for (const r of rows) this.vocab.set(r.term, Number(r.id));
      if (rows.length < 100_000) return;
    }
  }

  /** Loads the gram statistics of the current model when they exist and are not loaded yet. */
  async syncGrams(db: Kysely<Database>): Promise<void> {
    const id = this.model?.id ?? 0;
    if (id === 0) {
      this.grams = null;
      return;
    }
    if (this.grams?.modelId === id) return;
    const row = await db.selectFrom("search_grams").selectAll().where("model_id", "=", id).executeTakeFirst();
    this.grams = row
      ? {
          modelId: id,
          stats: GramStats.decode(
            Number(row.docs),
            Number(row.title_avg),
            Number(row.abstract_avg),
            float64s(row.codes),
            uint32s(row.dfs),
          ),
        }
      : null;
  }

  /** Loads the newest model if it is not the one we hold. */
  async syncModel(db: Kysely<Database>): Promise<void> {
    const latest = await db
      .selectFrom("search_models")
      .select(["id"])
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst();
    if (!latest) {
      this.model = null;
      return;
    }
    if (this.model?.id === Number(latest.id)) return;
    const row = await db
      .selectFrom("search_models")
      .selectAll()
      .where("id", "=", latest.id)
      .executeTakeFirstOrThrow();
    this.model = {
      id: Number(row.id),
      docs: Number(row.docs),
      projector: new LsaProjector({
        dim: Number(row.dim),
        termIds: uint32s(row.term_ids),
        idf: float32s(row.idf),
        basis: float32s(row.basis),
      }),
    };
  }
}

const states = new WeakMap<object, SearchState>();

export function searchState(db: Kysely<Database>): SearchState {
  let s = states.get(db);
  if (!s) {
    s = new SearchState();
    states.set(db, s);
  }
  return s;
}
