// Copies every table of a SQLite database into another database (PostgreSQL or SQLite), as
// `papertide migrate-data` and `papertide restore` do: ids and derived search data included, so
// the target serves the same pages and searches without a reindex.
//
// - Order: parents before children (from the source's foreign keys); a column referring to its
//   own table (a comment's parent) is copied empty first and filled once the table is complete.
// - Batches: each batch of rows and the progress mark (meta key PROGRESS_KEY in the target) are
//   one transaction, so a copy stopped at any point resumes where it was, given the same source.
// - Counters kept by triggers (a paper's upvotes, raised by each vote copied) are set back to the
//   source's values at the end.
// - Verification: per table, the row count and an order-independent checksum of every row are
//   computed on both sides and compared.
import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import { type Kysely, sql } from "kysely";
import type { Store } from "./db.ts";
import { getMeta, type MetaReader, setMeta } from "./meta.ts";
import type { Database as Schema } from "./schema.ts";

/** Where the copy is: in the target's meta table until the copy is verified. */
export const PROGRESS_KEY = "migrate_data_progress";

interface Progress {
  source: string;
  /** Tables copied completely. */
  done: string[];
  /** The table being copied, and the primary key of its last row copied. */
  table: string | null;
  after: unknown[] | null;
}

const progressReader: MetaReader<Progress> = {
  what: "the progress of a data copy",
  is: (v): v is Progress =>
    typeof v === "object" &&
    v !== null &&
    typeof (v as Progress).source === "string" &&
    Array.isArray((v as Progress).done),
};

export interface TableInfo {
  name: string;
  columns: string[];
  /** Primary key columns in key order; empty: ordered by rowid. */
  key: string[];
  /** Tables this one refers to (other than itself). */
  parents: string[];
  /** Columns referring to this same table. */
  selfRefs: string[];
}

export interface TableReport {
  table: string;
  sourceRows: number;
  targetRows: number;
  sourceChecksum: string;
  targetChecksum: string;
  ok: boolean;
}

export interface CopyOptions {
  /** Identifies the source, so a resumed copy is known to be the same one. */
  sourceName: string;
  /** Empty a target that holds data instead of refusing. */
  force?: boolean;
  batchSize?: number;
  now: () => Date;
  log?: (line: string) => void;
}

export type CopyOutcome =
  | { ok: true; resumed: boolean; tables: TableReport[] }
  | { ok: false; reason: "target-not-empty"; tables: string[] }
  | { ok: false; reason: "resume-other-source"; source: string }
  | { ok: false; reason: "schema-differs"; table: string; detail: string }
  | { ok: false; reason: "mismatch"; resumed: boolean; tables: TableReport[] };

/**
 * Tables never copied: each database keeps its own record of the migrations applied to it, and
 * its own page-cache change counter (which only has to move, and the copy's writes move it).
 */
const NOT_COPIED = new Set(["schema_migrations", "page_changes"]);
/** Rows per batch are also bounded by bound parameters per statement (PostgreSQL's 65,535). */
const MAX_PARAMETERS = 30_000;

/** The source's tables (SQLite), parents first. */
export function sqliteTables(sqlite: Database.Database): TableInfo[] {
  const names = (
    sqlite
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all() as { name: string }[]
  )
    .map((r) => r.name)
    .filter((n) => !NOT_COPIED.has(n));
  const infos = names.map((name): TableInfo => {
    const cols = sqlite.prepare(`PRAGMA table_info(${quote(name)})`).all() as { name: string; pk: number }[];
    const fks = sqlite.prepare(`PRAGMA foreign_key_list(${quote(name)})`).all() as {
      table: string;
      from: string;
    }[];
    return {
      name,
      columns: cols.map((c) => c.name),
      key: cols
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name),
      parents: [...new Set(fks.filter((f) => f.table !== name).map((f) => f.table))],
      selfRefs: fks.filter((f) => f.table === name).map((f) => f.from),
    };
  });
  return parentsFirst(infos);
}

function parentsFirst(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const out: TableInfo[] = [];
  const seen = new Set<string>();
  const visit = (t: TableInfo, path: Set<string>) => {
    if (seen.has(t.name) || path.has(t.name)) return;
    path.add(t.name);
    for (const p of t.parents) {
      const parent = byName.get(p);
      if (parent) visit(parent, path);
    }
    seen.add(t.name);
    out.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return out;
}

/** Tables holding rows in `store`, other than those a freshly migrated database already fills. */
export async function tablesWithRows(
  store: Store,
  tables: TableInfo[],
  fresh: Set<string>,
): Promise<string[]> {
  const out: string[] = [];
  for (const t of tables) {
    if (fresh.has(t.name)) continue;
    const row = await sql<{ n: number | string }>`SELECT count(*) AS n FROM ${sql.table(t.name)}`.execute(
      store.db,
    );
    if (Number(row.rows[0]?.n ?? 0) > 0) out.push(t.name);
  }
  return out;
}

export async function copyData(source: Store, target: Store, opts: CopyOptions): Promise<CopyOutcome> {
  if (!source.sqlite) throw new Error("the source of a data copy must be a SQLite database");
  const log = opts.log ?? (() => {});
  const tables = sqliteTables(source.sqlite);
  const targetColumns = await columnsOf(target.db);
  for (const t of tables) {
    const have = targetColumns.get(t.name);
    const missing = have ? t.columns.filter((c) => !have.has(c)) : t.columns;
    if (missing.length > 0)
      return {
        ok: false,
        reason: "schema-differs",
        table: t.name,
        detail: have ? `the target lacks ${missing.join(", ")}` : "the target has no such table",
      };
  }
  const db = target.db;
  let progress = await getMeta(db, PROGRESS_KEY, progressReader);
  const resumed = progress !== null && !opts.force;
  if (progress && !opts.force && progress.source !== opts.sourceName)
    return { ok: false, reason: "resume-other-source", source: progress.source };
  if (!resumed) {
    const busy = await tablesWithRows(target, tables, await freshlyFilledTables());
    if (busy.length > 0 && !opts.force) return { ok: false, reason: "target-not-empty", tables: busy };
    // Children first, so no row is left pointing at a deleted one.
    for (const t of [...tables].reverse()) await sql`DELETE FROM ${sql.table(t.name)}`.execute(db);
    progress = { source: opts.sourceName, done: [], table: null, after: null };
    await setMeta(db, PROGRESS_KEY, progress, opts.now());
  }
  const state = progress as Progress;
  for (const t of tables) {
    if (state.done.includes(t.name)) continue;
    if (state.table !== t.name) {
      // Starting this table: whatever a fresh database put in it (or an earlier run) goes.
      await db.transaction().execute(async (trx) => {
        if (t.name === "meta") await trx.deleteFrom("meta").where("key", "<>", PROGRESS_KEY).execute();
        else await sql`DELETE FROM ${sql.table(t.name)}`.execute(trx);
        state.table = t.name;
        state.after = null;
        await setMeta(trx, PROGRESS_KEY, state, opts.now());
      });
    }
    const copied = await copyTable(source.sqlite, db, t, state, opts);
    await fillSelfRefs(source.sqlite, db, t);
    state.done.push(t.name);
    state.table = null;
    state.after = null;
    await setMeta(db, PROGRESS_KEY, state, opts.now());
    log(`${t.name}: ${copied} rows copied`);
  }
  await restoreCounters(source.sqlite, db);
  await db.deleteFrom("meta").where("key", "=", PROGRESS_KEY).execute();
  // A bulk-filled database has no planner statistics until autovacuum gets to it; until then
  // PostgreSQL plans the first requests of the new instance blind (seconds for a home page).
  log("analyzing the target's tables…");
  await sql`ANALYZE`.execute(db);
  const reports: TableReport[] = [];
  for (const t of tables) {
    const [s, d] = [await checksum(source.db, t), await checksum(db, t)];
    reports.push({
      table: t.name,
      sourceRows: s.rows,
      targetRows: d.rows,
      sourceChecksum: s.sum,
      targetChecksum: d.sum,
      ok: s.rows === d.rows && s.sum === d.sum,
    });
  }
  return reports.every((r) => r.ok)
    ? { ok: true, resumed, tables: reports }
    : { ok: false, reason: "mismatch", resumed, tables: reports };
}

async function copyTable(
  sqlite: Database.Database,
  db: Kysely<Schema>,
  t: TableInfo,
  state: Progress,
  opts: CopyOptions,
): Promise<number> {
  const key = t.key.length > 0 ? t.key : ["rowid"];
  const batch = Math.max(1, Math.min(opts.batchSize ?? 1000, Math.floor(MAX_PARAMETERS / t.columns.length)));
  const keyList = key.map(quote).join(", ");
  const select = (after: boolean) =>
    sqlite.prepare(
      `SELECT ${t.columns.map(quote).join(", ")}${t.key.length > 0 ? "" : ", rowid AS __rowid"} FROM ${quote(t.name)}` +
        (after ? ` WHERE (${keyList}) > (${key.map(() => "?").join(", ")})` : "") +
        ` ORDER BY ${keyList} LIMIT ${batch}`,
    );
  const first = select(false);
  const next = select(true);
  let copied = 0;
  for (;;) {
    const rows = (state.after ? next.all(...(state.after as unknown[])) : first.all()) as Record<
      string,
      unknown
    >[];
    if (rows.length === 0) return copied;
    const last = rows[rows.length - 1];
    const after = t.key.length > 0 ? t.key.map((k) => last[k]) : [last.__rowid];
    const values = rows.map((r) => {
      const out: Record<string, unknown> = {};
      for (const c of t.columns) out[c] = t.selfRefs.includes(c) ? null : r[c];
      return out;
    });
    await db.transaction().execute(async (trx) => {
      // biome-ignore lint/suspicious/noExplicitAny: the table is known only at run time.
      await (trx as Kysely<any>).insertInto(t.name).values(values).execute();
      state.after = after;
      await setMeta(trx, PROGRESS_KEY, state, opts.now());
    });
    copied += rows.length;
  }
}

/** Sets the columns referring to the table itself, copied empty so that row order did not matter. */
async function fillSelfRefs(sqlite: Database.Database, db: Kysely<Schema>, t: TableInfo): Promise<void> {
  if (t.selfRefs.length === 0 || t.key.length === 0) return;
  const rows = sqlite
    .prepare(
      `SELECT ${[...t.key, ...t.selfRefs].map(quote).join(", ")} FROM ${quote(t.name)} WHERE ${t.selfRefs
        .map((c) => `${quote(c)} IS NOT NULL`)
        .join(" OR ")}`,
    )
    .all() as Record<string, unknown>[];
  for (let i = 0; i < rows.length; i += 500) {
    await db.transaction().execute(async (trx) => {
      for (const r of rows.slice(i, i + 500)) {
        // biome-ignore lint/suspicious/noExplicitAny: the table is known only at run time.
        let q = (trx as Kysely<any>)
          .updateTable(t.name)
          .set(Object.fromEntries(t.selfRefs.map((c) => [c, r[c]])));
        for (const k of t.key) q = q.where(k, "=", r[k]);
        await q.execute();
      }
    });
  }
}

/** Paper counters the vote triggers raised while votes were copied: set back to the source's. */
async function restoreCounters(sqlite: Database.Database, db: Kysely<Schema>): Promise<void> {
  const rows = sqlite
    .prepare(
      `SELECT id, upvotes, local_upvotes, external_upvotes, num_comments, local_num_comments, external_num_comments
       FROM papers WHERE local_upvotes <> 0 OR local_num_comments <> 0`,
    )
    .all() as {
    id: string;
    upvotes: number;
    local_upvotes: number;
    external_upvotes: number;
    num_comments: number;
    local_num_comments: number;
    external_num_comments: number;
  }[];
  for (let i = 0; i < rows.length; i += 500) {
    await db.transaction().execute(async (trx) => {
      for (const { id, ...counts } of rows.slice(i, i + 500))
        await trx.updateTable("papers").set(counts).where("id", "=", id).execute();
    });
  }
  // Any paper whose vote rows were copied while it was stored already holds exactly its source's
  // counts now; papers with no local activity were never touched by a trigger.
}

/**
 * Row count and checksum of a table: the sum (mod 2^128) of each row's SHA-256, so the order rows
 * come back in does not matter. Values are compared as the two databases return them: integers
 * (PostgreSQL's bigint arrives as a string) and text as their text, binary as base64, and
 * fractions at single precision (PostgreSQL's `real`).
 */
export async function checksum(db: Kysely<Schema>, t: TableInfo): Promise<{ rows: number; sum: string }> {
  const modulus = 1n << 128n;
  let sum = 0n;
  let rows = 0;
  const key = t.key.length > 0 ? t.key : null;
  let after: unknown[] | null = null;
  for (;;) {
    // biome-ignore lint/suspicious/noExplicitAny: the table is known only at run time.
    let q = (db as Kysely<any>).selectFrom(t.name).select(t.columns).limit(2000);
    if (key) {
      for (const k of key) q = q.orderBy(k);
      if (after) {
        const bound = after;
        q =
          key.length === 1
            ? q.where(key[0], ">", bound[0])
            : q.where((eb) =>
                eb(
                  eb.refTuple(...(key as [string, string])),
                  ">",
                  eb.tuple(...(bound as [unknown, unknown])),
                ),
              );
      }
    }
    const batch = (await (key ? q : q.limit(Number.MAX_SAFE_INTEGER)).execute()) as Record<string, unknown>[];
    for (const row of batch) {
      const digest = createHash("sha256")
        .update(JSON.stringify(t.columns.map((c) => normalise(row[c]))))
        .digest();
      sum = (sum + BigInt(`0x${digest.subarray(0, 16).toString("hex")}`)) % modulus;
    }
    rows += batch.length;
    if (!key || batch.length < 2000) break;
    const last = batch[batch.length - 1];
    after = key.map((k) => last[k]);
  }
  return { rows, sum: sum.toString(16).padStart(32, "0") };
}

function normalise(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(Math.fround(v));
  if (typeof v === "bigint") return v.toString();
  if (v instanceof Uint8Array) return { b: Buffer.from(v).toString("base64") };
  return String(v);
}

async function columnsOf(db: Kysely<Schema>): Promise<Map<string, Set<string>>> {
  const tables = await db.introspection.getTables();
  return new Map(tables.map((t) => [t.name, new Set(t.columns.map((c) => c.name))]));
}

/** Tables a freshly migrated database already holds rows in (search's counters). */
async function freshlyFilledTables(): Promise<Set<string>> {
  const { openStore } = await import("./db.ts");
  const fresh = await openStore("sqlite::memory:");
  try {
    const tables = sqliteTables(fresh.sqlite as Database.Database);
    return new Set(await tablesWithRows(fresh, tables, new Set()));
  } finally {
    await fresh.close();
  }
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
