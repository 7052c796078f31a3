// kill -9 in the middle of importing the full sample, then re-run: no corruption, no duplicates,
// and the final database equals an uninterrupted import.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import Database from "better-sqlite3";
import { SHARED } from "../support/shared.ts";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const SAMPLE = path.join(SHARED, "data/arxiv-sample.jsonl.gz");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "papertide-kill-"));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function startImport(dbFile: string): ChildProcess {
  return spawn(
    process.execPath,
    ["--import", "tsx", path.join(ROOT, "src/cli/main.ts"), "import", SAMPLE, "--quiet"],
    {
      env: { ...process.env, DATABASE_URL: `sqlite:${dbFile}` },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
}

async function finish(child: ChildProcess): Promise<{ code: number | null; out: string }> {
  let out = "";
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    out += d;
  });
  const code = await new Promise<number | null>((r) => child.on("close", r));
  return { code, out };
}

function countPapers(dbFile: string): number {
  if (!fs.existsSync(dbFile)) return 0;
  try {
    const db = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare("SELECT count(*) AS n FROM papers").get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0; // schema not created yet
  }
}

/** Everything stored, as one comparable fingerprint, plus health checks. */
function snapshot(dbFile: string) {
  const db = new Database(dbFile, { readonly: true });
  try {
    const integrity = db.pragma("integrity_check", { simple: true });
    const papers = db.prepare("SELECT id, content_hash, list_day FROM papers ORDER BY id").all();
    const categories = db
      .prepare("SELECT paper_id, category FROM paper_categories ORDER BY paper_id, category")
      .all();
    // The search index: every paper indexed at its stored content (the importer indexes each
    // batch after committing it; a kill in between is caught up by the next run).
    const indexed = db
      .prepare(
        "SELECT d.paper_id, d.content_hash = p.content_hash AS current FROM search_docs d JOIN papers p ON p.id = d.paper_id ORDER BY d.paper_id",
      )
      .all();
    return { integrity, papers, categories, indexed };
  } finally {
    db.close();
  }
}

test("an import killed with SIGKILL and re-run equals an uninterrupted import", {
  timeout: 300_000,
}, async () => {
  assert.ok(fs.existsSync(SAMPLE), `the sample is missing: ${SAMPLE}`);
  const clean = path.join(dir, "clean.db");
  const r1 = await finish(startImport(clean));
  assert.equal(r1.code, 0, r1.out);

  const killed = path.join(dir, "killed.db");
  const child = startImport(killed);
  const done = finish(child);
  // Kill once a good part is committed, but well before the end.
  const deadline = Date.now() + 120_000;
  while (countPapers(killed) < 20_000) {
    assert.ok(Date.now() < deadline, "import made no progress");
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  const killedRun = await done;
  assert.equal(killedRun.code, null, "the import should have been killed, not finished");
  const partial = countPapers(killed);
  assert.ok(partial >= 20_000 && partial < 74_728, `partial count ${partial}`);

  const r2 = await finish(startImport(killed));
  assert.equal(r2.code, 0, r2.out);
  const newCount = Number(/new (\d+)/.exec(r2.out)?.[1]);
  assert.equal(newCount, 74_728 - partial, r2.out);

  const a = snapshot(clean);
  const b = snapshot(killed);
  assert.equal(b.integrity, "ok");
  assert.equal(b.papers.length, 74_728);
  assert.equal(b.indexed.length, 74_728, "every paper is in the search index");
  assert.deepEqual(b.papers, a.papers);
  assert.deepEqual(b.categories, a.categories);
  assert.deepEqual(b.indexed, a.indexed);
});
