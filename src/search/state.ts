// What every search component of one database shares in a process: the term dictionary and the
// current LSA model (kept in step with the tables), and the in-memory engine once something
// searched. One object per database, made by the wiring (src/app/services.ts for the server, each
// CLI command for itself) and passed to whoever indexes or searches; nothing is kept per module.
import type { Kysely } from "kysely";
import { type Clock, systemClock } from "../model/clock.ts";
import type { Database } from "../store/schema.ts";
import { float32s, float64s, uint32s } from "./codec.ts";
import type { SearchEngine } from "./engine.ts";
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
  /**
   * `db` is the database whose search tables this state mirrors; `clock` dates what the index
   * writes (a model's creation).
   */
  constructor(
    readonly db: Kysely<Database>,
    readonly clock: Clock = systemClock,
  ) {}

  vocab = new Vocabulary();
  model: LoadedModel | null = null;
  /** 3-gram statistics of the current model's training sample, once computed (grams.ts). */
  grams: { modelId: number; stats: GramStats } | null = null;
  /** Set by getEngine (engine.ts); a promise so concurrent first searches share one load. */
  engine: Promise<SearchEngine> | null = null;
  /** Told how long each search took, in seconds (the server's /metrics listens). */
  onSearch: ((seconds: number) => void) | null = null;
  /** Told of the similar-paper lists each chunk of the background upkeep wrote (/metrics listens). */
  onRelatedLists: ((lists: { computed: number; updated: number }) => void) | null = null;

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
