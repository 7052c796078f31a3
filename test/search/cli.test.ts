// `papertide search "query" [--json]`: the terminal's view of the same search as the page and
// the API: filters in the words, --sort, text and JSON output, usage errors with exit code 2.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { after, before, test } from "node:test";
import { importRecords } from "../../src/ingest/importer.ts";
import { SearchState } from "../../src/search/state.ts";
import { type TempStore, tempStore } from "../support/tempStore.ts";
import { LIBRARY } from "./fixtures.ts";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
let store: TempStore;
before(async () => {
  store = await tempStore("papertide-search-cli-");
  await importRecords(new SearchState(store.db), LIBRARY);
});
after(() => store.cleanup());

const papertide = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(ROOT, "bin/papertide.js"), "search", ...args], {
    env: { ...process.env, DATABASE_URL: store.url },
    encoding: "utf8",
  });

test("--json: id, title, authors, date and score of each hit, best first", () => {
  const run = papertide("attention transformers", "--json");
  assert.equal(run.status, 0, run.stderr);
  const hits = JSON.parse(run.stdout);
  assert.equal(hits[0].id, "2401.00001");
  assert.deepEqual(Object.keys(hits[0]).sort(), ["authors", "id", "publishedAt", "score", "title"]);
  for (let i = 1; i < hits.length; i++) assert.ok(hits[i - 1].score >= hits[i].score);
  const direct = JSON.parse(papertide("arXiv:2401.00002v1", "--json").stdout);
  assert.deepEqual(direct, [{ ...direct[0], id: "2401.00002", direct: true }]);
});

test("filters in the words and --sort date, as on the search page; a line per hit without --json", () => {
  const byAuthor = JSON.parse(papertide("author:lovelace", "--sort", "date", "--json").stdout);
  assert.deepEqual(
    byAuthor.map((h: { id: string }) => h.id),
    ["2410.00012", "2406.00007", "2403.00004", "2401.00001"],
  );
  const text = papertide("diffusion");
  assert.equal(text.status, 0, text.stderr);
  const lines = text.stdout.trim().split("\n");
  assert.equal(lines.length, 2);
  for (const line of lines) assert.match(line, /^\d{4}\.\d{5}\s+\d{4}-\d{2}-\d{2}\s+\d+\.\d{3}\s+\S/);
  assert.equal(papertide("zebra").stdout.trim(), "no papers found");
});

test("bad usage exits with 2 and says what to fix", () => {
  for (const [args, message] of [
    [[], /give the search text/],
    [["x", "--limit", "0"], /--limit must be 1 to 1000/],
    [["x", "--sort", "votes"], /--sort must be relevance or date/],
    [["x", "--mode", "magic"], /--mode must be one of/],
  ] as const) {
    const run = papertide(...args);
    assert.equal(run.status, 2, `${args.join(" ")}: ${run.stdout}${run.stderr}`);
    assert.match(run.stderr, message);
  }
});
