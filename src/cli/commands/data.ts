// Moving and keeping data: papertide migrate-data (SQLite to PostgreSQL, or to another SQLite
// file), papertide backup (a consistent copy of a SQLite database while it serves) and papertide
// restore (a backup into the configured database). The copy itself is src/store/dataCopy.ts.
import fs from "node:fs";
import path from "node:path";
import { loadConfig } from "../../config/load.ts";
import { systemClock } from "../../model/clock.ts";
import { type CopyOutcome, copyData } from "../../store/dataCopy.ts";
import { openStore, type Store } from "../../store/db.ts";
import { CliError, type Command, EXIT, parseCommandArgs, UsageError } from "../command.ts";
import { forTerminal } from "../terminalText.ts";

const PG_DUMP_RECIPE = `On PostgreSQL, back up with PostgreSQL's own tools, which take a consistent snapshot while
the service runs:
  pg_dump --format=custom --file=papertide.dump "$DATABASE_URL"
and restore into an empty database with:
  pg_restore --no-owner --dbname="$DATABASE_URL" papertide.dump
(the README's Deployment section shows a nightly dump).`;

/** Database URLs may carry a password: never print it. */
function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
}

function isPostgres(url: string): boolean {
  return url.startsWith("postgres://") || url.startsWith("postgresql://");
}

function sqliteUrl(raw: string, flag: string): string {
  const file = raw.replace(/^sqlite:/, "");
  if (isPostgres(raw) || file === "") throw new UsageError(`${flag} must be a SQLite file (sqlite:<file>)`);
  if (!fs.existsSync(file)) throw new CliError(`${forTerminal(file)} does not exist`);
  return `sqlite:${file}`;
}

/** Copies, prints each table's counts and checksums, and turns a refusal into a clear error. */
async function runCopy(fromUrl: string, toUrl: string, force: boolean, what: string): Promise<number> {
  const source = await openStore(fromUrl);
  let target: Store | null = null;
  try {
    target = await openStore(toUrl);
    const outcome = await copyData(source, target, {
      sourceName: path.resolve(fromUrl.replace(/^sqlite:/, "")),
      force,
      now: () => systemClock.now(),
      log: (line) => console.log(line),
    });
    return report(outcome, what, toUrl);
  } finally {
    await target?.close();
    await source.close();
  }
}

function report(outcome: CopyOutcome, what: string, toUrl: string): number {
  const where = forTerminal(redactUrl(toUrl));
  if (!outcome.ok && outcome.reason === "target-not-empty")
    throw new CliError(
      `${where} already holds data (${outcome.tables.join(", ")}); pass --force to replace it`,
    );
  if (!outcome.ok && outcome.reason === "resume-other-source")
    throw new CliError(
      `${where} holds an unfinished copy from ${forTerminal(outcome.source)}; run it again with that source, or pass --force to start over`,
    );
  if (!outcome.ok && outcome.reason === "schema-differs")
    throw new CliError(`the two databases' schemas differ at ${outcome.table}: ${outcome.detail}`);
  const tables = outcome.tables;
  const width = Math.max(5, ...tables.map((t) => t.table.length));
  console.log(`\n${"table".padEnd(width)}  ${"rows".padStart(9)}  checksum (source = target)`);
  for (const t of tables) {
    const sum = t.ok ? t.sourceChecksum : `${t.sourceChecksum} != ${t.targetChecksum}`;
    const rows = t.sourceRows === t.targetRows ? String(t.sourceRows) : `${t.sourceRows} != ${t.targetRows}`;
    console.log(`${t.table.padEnd(width)}  ${rows.padStart(9)}  ${sum}${t.ok ? "" : "  MISMATCH"}`);
  }
  if (!outcome.ok) throw new CliError(`${what} finished, but some tables differ (marked MISMATCH above)`);
  console.log(
    `\n${what} complete${outcome.resumed ? " (resumed)" : ""}: every table's rows and checksum match.`,
  );
  return EXIT.ok;
}

export const migrateDataCommand: Command = {
  name: "migrate-data",
  summary: "Copy a SQLite database into PostgreSQL (or another SQLite file), verified table by table",
  help: `Usage: papertide migrate-data --from sqlite:<file> --to <postgres://…|sqlite:<file>> [--force]

Copies every table (users, sessions, votes, comments, collections, subscriptions, the outbox,
papers and the search index, with their ids) into the target, which is created and migrated
first. Stop the web processes and workers writing to the source before you start.

The copy is resumable: it runs in batches, each committed with a progress mark in the target;
run the same command again after an interruption and it carries on. At the end, each table's
row count and a checksum of its rows are compared on both sides and printed.

Options:
  --from    the SQLite database to copy (sqlite:<file>, or the file's path)
  --to      the target database URL
  --force   replace whatever the target holds (without it, a target holding data is refused)`,
  async run(argv) {
    const { values } = parseCommandArgs(
      argv,
      { from: { type: "string" }, to: { type: "string" }, force: { type: "boolean" } },
      false,
    );
    if (!values.from || !values.to) throw new UsageError("both --from and --to are required");
    const from = sqliteUrl(values.from, "--from");
    const to = isPostgres(values.to) ? values.to : `sqlite:${values.to.replace(/^sqlite:/, "")}`;
    if (!isPostgres(to) && path.resolve(to.slice(7)) === path.resolve(from.slice(7)))
      throw new UsageError("--from and --to name the same file");
    return runCopy(from, to, values.force === true, "migrate-data");
  },
};

export const backupCommand: Command = {
  name: "backup",
  summary: "Write a consistent copy of the SQLite database to a file, while the service runs",
  help: `Usage: papertide backup <file> [--force]

Writes a consistent snapshot of the configured SQLite database (DATABASE_URL) to <file> with
SQLite's online backup, so \`papertide serve\` and workers may keep running and writing. The copy
is written next to <file> first and renamed when complete. Restore it with papertide restore.

${PG_DUMP_RECIPE}

Options:
  --force   overwrite <file> if it exists`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, { force: { type: "boolean" } });
    if (positionals.length !== 1) throw new UsageError("give one backup file");
    const file = path.resolve(positionals[0]);
    const config = loadConfig();
    if (isPostgres(config.databaseUrl)) throw new CliError(`DATABASE_URL is PostgreSQL.\n${PG_DUMP_RECIPE}`);
    if (fs.existsSync(file) && !values.force)
      throw new CliError(`${forTerminal(file)} exists; pass --force to overwrite it`);
    // Read only: a backup changes nothing, not even the schema (a writer may hold the lock).
    const store = await openStore(config.databaseUrl, { migrate: false });
    try {
      const sqlite = store.sqlite;
      if (!sqlite) throw new CliError("the configured database is not SQLite");
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const partial = `${file}.partial`;
      fs.rmSync(partial, { force: true });
      const started = Date.now();
      const result = await sqlite.backup(partial);
      fs.renameSync(partial, file);
      const bytes = fs.statSync(file).size;
      console.log(
        `Backed up ${result.totalPages} pages (${(bytes / 1e6).toFixed(1)} MB) to ${forTerminal(file)} in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
      );
      return EXIT.ok;
    } finally {
      await store.close();
    }
  },
};

export const restoreCommand: Command = {
  name: "restore",
  summary: "Restore a backup file into the configured database (SQLite or PostgreSQL), verified",
  help: `Usage: papertide restore <file> [--force]

Copies a backup made by papertide backup (a SQLite file) into the configured database
(DATABASE_URL, SQLite or PostgreSQL), as migrate-data does: resumable, with each table's row
count and checksum compared at the end. Stop the web processes and workers first. A database
that already holds data is refused unless --force, which replaces its contents.

${PG_DUMP_RECIPE}`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, { force: { type: "boolean" } });
    if (positionals.length !== 1) throw new UsageError("give one backup file");
    const from = sqliteUrl(positionals[0], "the backup file");
    const config = loadConfig();
    if (
      !isPostgres(config.databaseUrl) &&
      path.resolve(config.databaseUrl.slice(7)) === path.resolve(from.slice(7))
    )
      throw new UsageError("the backup file is the configured database itself");
    return runCopy(from, config.databaseUrl, values.force === true, "restore");
  },
};
