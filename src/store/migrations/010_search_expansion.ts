// Search, third round (src/search/README.md): two corpus-learned signals the ranking re-scores
// its best candidates with.
//
//   search_expansions   per paper, the telling terms of its nearest papers by wording (document
//                       expansion), for the paper's version `doc_seq` under model `model_id`;
//                       `seq` (counter "expansion_seq") lets every process catch up
//   search_grams        per LSA model, character 3-gram document frequencies of its training
//                       sample and the mean gram lengths of titles and abstracts
import type { Kysely } from "kysely";
import type { Dialect } from "../db.ts";

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const blob = dialect === "postgres" ? "bytea" : "blob";
  await db.schema
    .createTable("search_expansions")
    .addColumn("paper_id", "text", (c) => c.primaryKey())
    .addColumn("doc_seq", "bigint", (c) => c.notNull())
    .addColumn("model_id", "integer", (c) => c.notNull())
    .addColumn("seq", "bigint", (c) => c.notNull().unique())
    // Uint32 term ids, ascending.
    .addColumn("terms", blob, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("search_grams")
    .addColumn("model_id", "integer", (c) => c.primaryKey())
    .addColumn("docs", "integer", (c) => c.notNull())
    .addColumn("title_avg", "real", (c) => c.notNull())
    .addColumn("abstract_avg", "real", (c) => c.notNull())
    // Float64 gram codes, ascending, and a Uint32 document frequency each.
    .addColumn("codes", blob, (c) => c.notNull())
    .addColumn("dfs", blob, (c) => c.notNull())
    .execute();
}
