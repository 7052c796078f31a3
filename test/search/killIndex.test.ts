// kill -9 in the middle of an import (papers and their indexing interleave batch by batch): the
// next process that searches finds every stored paper, `papertide reindex` rebuilds the index,
// and finishing the import leaves the index in step with the papers table. The CLI's search and
// reindex commands are exercised on the way.
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
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "papertide-killindex-"));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, "papers.jsonl");
const dbFile = path.join(dir, "kill.db");
const env = { ...process.env, DATABASE_URL: `sqlite:${dbFile}` };
const N = 2500;

function count(sql: string): number {
  try {
    const db = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare(sql).get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0; // not created yet
  }
}
const papers = () => count("SELECT count(*) AS n FROM papers");
const indexed = () => count("SELECT count(*) AS n FROM search_docs WHERE length(terms) > 0");

async function expectAllFindable(n: number): Promise<void> {
  const store = await openStore(`sqlite:${dbFile}`);
  try {
    for (const i of [1, Math.ceil(n / 2), n]) {
      const id = `2501.${String(i).padStart(5, "0")}`;
      const hits = await search(new SearchState(store.db), `marker${i}`, { limit: 3 });
      assert.equal(hits[0]?.paper.id, id, `marker${i}`);
    }
  } finally {
    await store.close();
  }
}

test("kill -9 during import and indexing, then search, reindex and resume", {
  timeout: 120_000,
}, async () => {
  writeSnapshot(file, N);
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(ROOT, "src/cli/main.ts"), "import", file, "--quiet"],
    {
      env,
      stdio: "ignore",
    },
  );
  while (indexed() < 600) {
    if (child.exitCode !== null) assert.fail("the import finished before it could be killed");
    await new Promise((r) => setTimeout(r, 20));
  }
  child.kill("SIGKILL");
  await new Promise((r) => child.on("close", r));
  const stored = papers();
  assert.ok(stored < N, `killed part-way (${stored} papers stored)`);
  assert.ok(indexed() <= stored);

  // The next process that searches indexes whatever the killed one stored but did not index.
  const integrity = new Database(dbFile, { readonly: true }).pragma("integrity_check", { simple: true });
  assert.equal(integrity, "ok");
  await expectAllFindable(stored);
  assert.equal(indexed(), stored);

  // A full rebuild from the papers table gives the same index.
  const reindex = spawnSync(process.execPath, [path.join(ROOT, "bin/papertide.js"), "reindex"], {
    env,
    encoding: "utf8",
  });
  assert.equal(reindex.status, 0, reindex.stderr);
  assert.match(reindex.stdout, new RegExp(`indexed ${stored}, removed 0`));
  assert.equal(indexed(), stored);
  await expectAllFindable(stored);

  // Finishing the import brings papers and index to the same, complete state.
  const resume = spawnSync(
    process.execPath,
    [path.join(ROOT, "bin/papertide.js"), "import", file, "--quiet"],
    { env, encoding: "utf8" },
  );
  assert.equal(resume.status, 0, resume.stderr);
  assert.equal(papers(), N);
  assert.equal(indexed(), N);
  assert.equal(count("SELECT count(*) AS n FROM search_models"), 1);
  await expectAllFindable(N);

  // The same search from the terminal, and a catch-up that finds nothing left to do.
  const cli = spawnSync(
    process.execPath,
    [path.join(ROOT, "bin/papertide.js"), "search", "marker42", "--json", "--limit", "3"],
    {
      env,
      encoding: "utf8",
    },
  );
  assert.equal(cli.status, 0, cli.stderr);
  assert.equal(JSON.parse(cli.stdout)[0].id, "2501.00042");
  const catchUp = spawnSync(
    process.execPath,
    [path.join(ROOT, "bin/papertide.js"), "reindex", "--catch-up"],
    { env, encoding: "utf8" },
  );
  assert.equal(catchUp.status, 0, catchUp.stderr);
  assert.match(catchUp.stdout, /^indexed 0, removed 0/);
});
