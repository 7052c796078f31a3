// kill -9 while papers are being expanded (`papertide reindex --catch-up`, what the server does
// in the background): every chunk is one transaction, so what was stored is whole and current,
// the database is intact, search keeps working, and the next pass expands exactly the rest.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import Database from "better-sqlite3";
import { search } from "../../src/search/searchPapers.ts";
import { SearchState } from "../../src/search/state.ts";
import { openStore } from "../../src/store/db.ts";
import { writeSnapshot } from "./fixtures.ts";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "papertide-killexpand-"));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, "papers.jsonl");
const dbFile = path.join(dir, "expand.db");
const env = { ...process.env, DATABASE_URL: `sqlite:${dbFile}` };
const N = 3000;
const CLI = path.join(ROOT, "bin/papertide.js");

function count(sql: string): number {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
}
const stored = () => {
  try {
    return count("SELECT count(*) AS n FROM search_expansions");
  } catch {
    return 0; // the table is not there yet (migrations run first)
  }
};
/** Expansions made for the paper version the index holds now. */
const current = () =>
  count(
    "SELECT count(*) AS n FROM search_expansions e JOIN search_docs d ON d.paper_id = e.paper_id AND d.seq = e.doc_seq",
  );

test("kill -9 while expanding papers, then search and finish", { timeout: 180_000 }, async () => {
  writeSnapshot(file, N);
  const imported = spawnSync(process.execPath, [CLI, "import", file, "--quiet"], { env, encoding: "utf8" });
  assert.equal(imported.status, 0, imported.stderr);
  assert.equal(stored(), 0, "an import leaves expansions to the server or reindex");

  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(ROOT, "src/cli/main.ts"), "reindex", "--catch-up"],
    {
      env,
      stdio: "ignore",
    },
  );
  while (stored() < 400) {
    if (child.exitCode !== null) assert.fail("the catch-up finished before it could be killed");
    await new Promise((r) => setTimeout(r, 20));
  }
  child.kill("SIGKILL");
  await new Promise((r) => child.on("close", r));
  const done = stored();
  assert.ok(done < N, `killed part-way (${done} of ${N} expanded)`);
  assert.equal(done % 200, 0, "whole chunks only");
  assert.equal(current(), done, "every stored expansion is for the paper's current version");
  const integrity = new Database(dbFile, { readonly: true }).pragma("integrity_check", { simple: true });
  assert.equal(integrity, "ok");

  // Search works on the half-expanded index (papers without an expansion rank on their own words).
  const store = await openStore(`sqlite:${dbFile}`);
  try {
    const hits = await search(new SearchState(store.db), "number1234", { limit: 3 });
    assert.equal(hits[0]?.paper.id, "2501.01234");
  } finally {
    await store.close();
  }

  // The next pass expands exactly the rest; one more finds nothing to do.
  const rest = spawnSync(process.execPath, [CLI, "reindex", "--catch-up"], { env, encoding: "utf8" });
  assert.equal(rest.status, 0, rest.stderr);
  assert.match(rest.stdout, new RegExp(`expanded ${N - done} `));
  assert.equal(current(), N);
  const again = spawnSync(process.execPath, [CLI, "reindex", "--catch-up"], { env, encoding: "utf8" });
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, /expanded 0 /);
});
