// Author-name queries: does searching a person's name bring that person's papers to the top?
//
//   npx tsx bench/search/authorQueries.ts <imported database>   (e.g. the one BENCH_REUSE_DB=1
//   npm run bench:search keeps: $BENCH_DIR/db-74728/bench.db)
//
// 200 authors with at least two papers in the database, picked by a hash of their name (so the
// same ones every run), each searched by their name as a paper spells it, top 10 through the
// normal search path. precision@10 = the share of the top 10 that the author wrote, out of
// min(10, the author's papers): 1 means every paper of theirs that fits is in the top 10.
// A paper counts as the author's when one of its names has the same key (src/model/authorName.ts).
import path from "node:path";
import { authorKey } from "../../src/model/authorName.ts";
import { search } from "../../src/search/searchPapers.ts";
import { SearchState } from "../../src/search/state.ts";
import { openStore } from "../../src/store/db.ts";

const QUERIES = Number(process.env.BENCH_AUTHOR_QUERIES ?? 200);
const file = process.argv[2];
if (!file) throw new Error("usage: tsx bench/search/authorQueries.ts <database file>");
const store = await openStore(`sqlite:${path.resolve(file)}`);
const state = new SearchState(store.db);

/** FNV-1a of a string: an order that does not follow the alphabet or the corpus. */
function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const byKey = new Map<string, { name: string; papers: number }>();
let after = "";
for (;;) {
  const rows = await store.db
    .selectFrom("papers")
    .select(["id", "authors"])
    .where("id", ">", after)
    .orderBy("id")
    .limit(20_000)
    .execute();
  if (rows.length === 0) break;
  for (const r of rows) {
    const seen = new Set<string>();
    for (const name of JSON.parse(r.authors) as string[]) {
      const key = authorKey(name);
      if (!key.includes(" ") || seen.has(key)) continue;
      seen.add(key);
      const a = byKey.get(key) ?? { name: name.trim(), papers: 0 };
      a.papers++;
      byKey.set(key, a);
    }
  }
  after = rows[rows.length - 1].id;
}
const picked = [...byKey]
  .filter(([, a]) => a.papers >= 2)
  .sort(([a], [b]) => fnv(a) - fnv(b) || a.localeCompare(b))
  .slice(0, QUERIES);

let sum = 0;
let perfect = 0;
const started = performance.now();
for (const [key, a] of picked) {
  const hits = await search(state, a.name, { limit: 10 });
  const theirs = hits.filter((h) => h.paper.authors.some((n) => authorKey(n) === key)).length;
  const p = theirs / Math.min(10, a.papers);
  sum += p;
  if (p === 1) perfect++;
}
const seconds = (performance.now() - started) / 1000;
console.log(
  `${picked.length} author-name queries (authors with >= 2 papers of ${byKey.size.toLocaleString("en")} names): ` +
    `precision@10 ${(sum / picked.length).toFixed(3)}, all of the author's papers in the top 10 for ${perfect}; ` +
    `${seconds.toFixed(1)} s`,
);
await store.close();
