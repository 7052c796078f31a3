// Moving and keeping data: a SQLite database copied into PostgreSQL (and into SQLite) with its
// ids, its votes and comments and its search index, verified per table; a copy stopped midway
// resumes; a target holding data is refused without --force; `papertide backup` while another
// connection writes, and `papertide restore` of that backup, round trip.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { importRecords } from "../../src/ingest/importer.ts";
import { search } from "../../src/search/searchPapers.ts";
import { SearchState } from "../../src/search/state.ts";
import { insertComment } from "../../src/store/comments.ts";
import { checksum, copyData, PROGRESS_KEY, sqliteTables } from "../../src/store/dataCopy.ts";
import { openStore, type Store } from "../../src/store/db.ts";
import { setMeta } from "../../src/store/meta.ts";
import { addVote, paperUpvotes } from "../../src/store/votes.ts";
import { cliSandbox } from "../support/cli.ts";
import { addUser } from "../support/factories.ts";
import { tempPostgresUrl } from "../support/postgres.ts";

let source: Store & { file: string; dir: string };
const now = () => new Date("2026-07-01T12:00:00Z");

before(async () => {
  // Always SQLite, whichever database the other tests use: it is what is moved.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "papertide-move-"));
  const file = path.join(dir, "source.db");
  source = { ...(await openStore(`sqlite:${file}`)), file, dir };
  const search = new SearchState(source.db);
  await importRecords(
    search,
    [
      "Sparse attention for long documents",
      "Graph neural networks at scale",
      "Diffusion models for audio",
    ].map((title, i) => ({
      kind: "paper" as const,
      paper: {
        id: `2606.0000${i + 1}`,
        title,
        abstract: `We study ${title.toLowerCase()}; experiments on many benchmarks confirm the analysis.`,
        authors: ["Ada Lovelace"],
        categories: ["cs.LG"],
        versions: [{ version: 1, createdAt: "2026-06-10T00:00:00.000Z" }],
        announcedOn: "2026-06-10",
        upvotes: 7,
      },
    })),
  );
  const alice = await addUser(source.db, { handle: "alice" });
  const bob = await addUser(source.db, { handle: "bob" });
  await addVote(source.db, alice.id, "2606.00001", now().toISOString());
  await addVote(source.db, bob.id, "2606.00001", now().toISOString());
  // The reply's id sorts before its parent's: the copy cannot rely on row order for it.
  await insertComment(source.db, {
    id: "z-parent",
    paperId: "2606.00002",
    userId: alice.id,
    parentId: null,
    body: "Nice",
    createdAt: now().toISOString(),
  });
  await insertComment(source.db, {
    id: "a-reply",
    paperId: "2606.00002",
    userId: bob.id,
    parentId: "z-parent",
    body: "Agreed",
    createdAt: now().toISOString(),
  });
  await setMeta(source.db, "some_setting", { on: true }, now());
});
after(async () => {
  await source?.close();
  if (source) fs.rmSync(source.dir, { recursive: true, force: true });
});

async function targetStore(kind: "postgres" | "sqlite"): Promise<Store> {
  if (kind === "postgres") return openStore(await tempPostgresUrl());
  const dir = fs.mkdtempSync(path.join(path.dirname(source.file), "target-"));
  return openStore(`sqlite:${path.join(dir, "target.db")}`);
}

for (const kind of ["postgres", "sqlite"] as const) {
  test(`a SQLite database moves into ${kind} whole: ids, counters, threads, search index; verified per table`, async () => {
    const target = await targetStore(kind);
    try {
      const outcome = await copyData(source, target, { sourceName: source.file, now });
      assert.ok(outcome.ok, JSON.stringify(outcome));
      assert.equal(outcome.resumed, false);
      const byTable = new Map(outcome.tables.map((t) => [t.table, t]));
      assert.equal(byTable.get("papers")?.targetRows, 3);
      assert.equal(byTable.get("votes")?.targetRows, 2);
      assert.ok((byTable.get("search_docs")?.targetRows ?? 0) === 3, "derived search data is copied");
      assert.ok(!byTable.has("schema_migrations"), "each database keeps its own migration record");
      // The vote triggers fired on the copy; the counters are the source's all the same.
      assert.equal(await paperUpvotes(target.db, "2606.00001"), 9);
      const reply = await target.db
        .selectFrom("comments")
        .selectAll()
        .where("id", "=", "a-reply")
        .executeTakeFirst();
      assert.equal(reply?.parent_id, "z-parent");
      assert.equal(
        (await target.db.selectFrom("meta").select("key").where("key", "=", PROGRESS_KEY).execute()).length,
        0,
        "no progress mark is left behind",
      );
      // The target searches with the copied index, without a reindex.
      const hits = await search(new SearchState(target.db), "graph neural", { limit: 5 });
      assert.equal(hits[0]?.paper.id, "2606.00002");

      // A target that holds data is refused, and replaced only with force.
      const again = await copyData(source, target, { sourceName: source.file, now });
      assert.equal(again.ok, false);
      assert.equal(!again.ok && again.reason, "target-not-empty");
      const forced = await copyData(source, target, { sourceName: source.file, now, force: true });
      assert.ok(forced.ok, JSON.stringify(forced));
      assert.equal(await paperUpvotes(target.db, "2606.00001"), 9);
    } finally {
      await target.close();
    }
  });
}

test("a copy stopped midway resumes where it was, only from the same source", async () => {
  const target = await targetStore("postgres");
  try {
    let tablesDone = 0;
    await assert.rejects(
      copyData(source, target, {
        sourceName: source.file,
        now,
        batchSize: 1,
        log: () => {
          if (++tablesDone === 12) throw new Error("interrupted");
        },
      }),
      /interrupted/,
    );
    const other = await copyData(source, target, { sourceName: "/elsewhere.db", now });
    assert.equal(!other.ok && other.reason, "resume-other-source");
    const lines: string[] = [];
    const resumed = await copyData(source, target, {
      sourceName: source.file,
      now,
      batchSize: 1,
      log: (l) => lines.push(l),
    });
    assert.ok(resumed.ok, JSON.stringify(resumed));
    assert.equal(resumed.resumed, true);
    assert.ok(
      lines.length < sqliteTables(source.sqlite as NonNullable<Store["sqlite"]>).length,
      "finished tables are not copied again",
    );
    assert.equal(await paperUpvotes(target.db, "2606.00001"), 9);
  } finally {
    await target.close();
  }
});

test("a checksum tells a changed row apart", async () => {
  const papers = sqliteTables(source.sqlite as NonNullable<Store["sqlite"]>).find((t) => t.name === "papers");
  assert.ok(papers);
  const before = await checksum(source.db, papers);
  await source.db.updateTable("papers").set({ title: "Changed" }).where("id", "=", "2606.00003").execute();
  try {
    const changed = await checksum(source.db, papers);
    assert.equal(changed.rows, before.rows);
    assert.notEqual(changed.sum, before.sum);
  } finally {
    await source.db
      .updateTable("papers")
      .set({ title: "Diffusion models for audio" })
      .where("id", "=", "2606.00003")
      .execute();
  }
});

test("papertide backup copies a database being written, and papertide restore brings it back", async () => {
  const { dir, papertide } = cliSandbox("papertide-backup-");
  const live = path.join(dir, "cli.db");
  await (source.sqlite as NonNullable<Store["sqlite"]>).backup(live);
  const writer = await openStore(`sqlite:${live}`);
  const backupFile = path.join(dir, "backups", "papertide-backup.db");
  try {
    // A writer holds a transaction open while the backup runs: the backup is the committed state.
    await writer.db.transaction().execute(async (trx) => {
      await setMeta(trx, "written_during_backup", 1, now());
      const run = papertide("backup", backupFile);
      assert.equal(run.code, 0, run.err);
      assert.match(run.out, /Backed up \d+ pages/);
    });
  } finally {
    await writer.close();
  }
  assert.ok(fs.existsSync(backupFile));
  assert.equal(papertide("backup", backupFile).code, 1, "an existing file is not overwritten");

  // Restore into the configured database: refused while it holds data, replaced with --force.
  const refused = papertide("restore", backupFile);
  assert.equal(refused.code, 1);
  assert.match(refused.err, /already holds data.*--force/);
  const restored = papertide("restore", backupFile, "--force");
  assert.equal(restored.code, 0, restored.err);
  assert.match(restored.out, /restore complete: every table's rows and checksum match/);
  assert.match(restored.out, /papers\s+3\s+[0-9a-f]{32}/);
  const back = await openStore(`sqlite:${live}`);
  try {
    assert.equal(await paperUpvotes(back.db, "2606.00001"), 9);
    const during = await back.db
      .selectFrom("meta")
      .select("key")
      .where("key", "=", "written_during_backup")
      .execute();
    assert.equal(during.length, 0, "the uncommitted write is not in the backup");
  } finally {
    await back.close();
  }
});

test("papertide migrate-data moves a file into PostgreSQL and prints each table's check", async () => {
  const { papertide } = cliSandbox("papertide-migrate-");
  const url = await tempPostgresUrl();
  const run = papertide("migrate-data", "--from", `sqlite:${source.file}`, "--to", url);
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, /votes\s+2\s+[0-9a-f]{32}/);
  assert.match(run.out, /migrate-data complete/);
  assert.equal(papertide("migrate-data", "--from", `sqlite:${source.file}`, "--to", url).code, 1);
  assert.equal(papertide("migrate-data", "--to", url).code, 2, "--from is required");
});

test("papertide backup on PostgreSQL explains the pg_dump recipe", async () => {
  const { env } = cliSandbox("papertide-pgbackup-");
  const { spawnSync } = await import("node:child_process");
  const { ROOT } = await import("../support/cli.ts");
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin/papertide.js"), "backup", "x.db"], {
    env: { ...env, DATABASE_URL: await tempPostgresUrl() },
    encoding: "utf8",
  });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /pg_dump --format=custom/);
});
