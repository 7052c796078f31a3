// Papers: idempotent upserts keyed by arXiv id, lookups and keyset listing.
import { type Kysely, type Selectable, sql } from "kysely";
import { mergePaper, paperHash } from "../model/mergePaper.ts";
import type { Paper, PaperInput } from "../model/paper.ts";
import { writeAuthorIndex } from "./authors.ts";
import { batches } from "./batches.ts";
import type { Database, PapersTable } from "./schema.ts";

export type PaperRow = Selectable<PapersTable>;

export function rowToPaper(r: PaperRow): Paper {
  return {
    id: r.id,
    title: r.title,
    abstract: r.abstract,
    authors: JSON.parse(r.authors),
    primaryCategory: r.primary_category,
    categories: r.categories ? r.categories.split(" ") : [],
    comments: r.comments,
    journalRef: r.journal_ref,
    doi: r.doi,
    license: r.license,
    reportNo: r.report_no,
    submitter: r.submitter,
    versions: JSON.parse(r.versions),
    latestVersion: r.latest_version,
    publishedAt: r.published_at,
    updatedAt: r.updated_at,
    announcedOn: r.announced_on,
    codeUrl: r.code_url,
    projectUrl: r.project_url,
    upvotes: r.upvotes,
    numComments: r.num_comments,
  };
}

function paperToRow(p: Paper, hash: string, now: string) {
  return {
    id: p.id,
    title: p.title,
    abstract: p.abstract,
    authors: JSON.stringify(p.authors),
    primary_category: p.primaryCategory,
    categories: p.categories.join(" "),
    comments: p.comments,
    journal_ref: p.journalRef,
    doi: p.doi,
    license: p.license,
    report_no: p.reportNo,
    submitter: p.submitter,
    versions: JSON.stringify(p.versions),
    latest_version: p.latestVersion,
    published_at: p.publishedAt,
    updated_at: p.updatedAt,
    announced_on: p.announcedOn,
    list_day: listDay(p),
    code_url: p.codeUrl,
    project_url: p.projectUrl,
    upvotes: p.upvotes,
    num_comments: p.numComments,
    content_hash: hash,
    modified_at: now,
  };
}

/** The day a paper is "new": its announcement day when a source told us, else its v1 date. */
export function listDay(p: Paper): string | null {
  return p.announcedOn ?? p.publishedAt?.slice(0, 10) ?? null;
}

export type UpsertOutcome = "new" | "updated" | "unchanged";

/**
 * Stores a batch of observations in one transaction. Inputs for the same id inside a batch are
 * applied in order. Returns one outcome per input.
 */
export async function upsertPapers(
  db: Kysely<Database>,
  inputs: PaperInput[],
  /** When (the caller's clock): new rows' created_at and changed rows' updated_at. */
  at: Date,
): Promise<UpsertOutcome[]> {
  if (inputs.length === 0) return [];
  return db.transaction().execute(async (trx) => {
    const ids = [...new Set(inputs.map((p) => p.id))];
    const current = new Map<string, { paper: Paper; hash: string } | null>();
    for (const batch of batches(ids)) {
      const rows = await trx.selectFrom("papers").selectAll().where("id", "in", batch).execute();
      for (const r of rows) current.set(r.id, { paper: rowToPaper(r), hash: r.content_hash });
    }
    const now = at.toISOString();
    const outcomes: UpsertOutcome[] = [];
    const inserts = new Map<string, Paper>();
    const updates = new Map<string, Paper>();
    for (const input of inputs) {
      const before = current.get(input.id) ?? null;
      const merged = mergePaper(before?.paper ?? null, input);
      const hash = paperHash(merged);
      if (!before) {
        inserts.set(input.id, merged);
        outcomes.push("new");
      } else if (hash === before.hash) {
        outcomes.push("unchanged");
        continue;
      } else {
        if (inserts.has(input.id)) inserts.set(input.id, merged);
        else updates.set(input.id, merged);
        outcomes.push("updated");
      }
      current.set(input.id, { paper: merged, hash });
    }
    const insertRows = [...inserts.values()].map((p) => ({
      ...paperToRow(p, paperHash(p), now),
      created_at: now,
    }));
    for (let i = 0; i < insertRows.length; i += 400) {
      await trx
        .insertInto("papers")
        .values(insertRows.slice(i, i + 400))
        .execute();
    }
    for (const p of updates.values()) {
      await trx
        .updateTable("papers")
        .set(paperToRow(p, paperHash(p), now))
        .where("id", "=", p.id)
        .execute();
    }
    const touched = [...inserts.values(), ...updates.values()];
    if (updates.size > 0) {
      await trx
        .deleteFrom("paper_categories")
        .where("paper_id", "in", [...updates.keys()])
        .execute();
    }
    const cats = touched.flatMap((p) =>
      [...new Set(p.categories)].map((category) => ({ paper_id: p.id, category })),
    );
    for (let i = 0; i < cats.length; i += 2000) {
      await trx
        .insertInto("paper_categories")
        .values(cats.slice(i, i + 2000))
        .execute();
    }
    await writeAuthorIndex(trx, touched, [...updates.keys()]);
    return outcomes;
  });
}

export async function getPaper(db: Kysely<Database>, id: string): Promise<Paper | null> {
  const row = await db.selectFrom("papers").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? rowToPaper(row) : null;
}

export async function getPapers(db: Kysely<Database>, ids: string[]): Promise<Paper[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom("papers").selectAll().where("id", "in", ids).execute();
  const byId = new Map(rows.map((r) => [r.id, rowToPaper(r)]));
  return ids.map((id) => byId.get(id)).filter((p): p is Paper => p !== undefined);
}

/** Title and abstract of these papers by id (what search reads to count 3-grams); unknown ids are left out. */
export async function paperTexts(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, { title: string; abstract: string }>> {
  const out = new Map<string, { title: string; abstract: string }>();
  for (const chunk of batches(ids)) {
    const rows = await db
      .selectFrom("papers")
      .select(["id", "title", "abstract"])
      .where("id", "in", chunk)
      .execute();
    for (const r of rows) out.set(r.id, { title: r.title, abstract: r.abstract ?? "" });
  }
  return out;
}

export async function countPapers(db: Kysely<Database>): Promise<number> {
  const r = await db
    .selectFrom("papers")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface PaperCursor {
  publishedAt: string;
  id: string;
}

/** Newest first by first-version date, then id; keyset pagination so pages never shift. */
export async function listPapers(
  db: Kysely<Database>,
  opts: { limit: number; after?: PaperCursor | null },
): Promise<{ papers: Paper[]; next: PaperCursor | null }> {
  // Written exactly as the papers_published index expression (a literal '', not a bound
  // parameter), so SQLite walks the index instead of sorting the whole table.
  const published = sql<string>`coalesce(published_at, '')`;
  let q = db.selectFrom("papers").selectAll();
  if (opts.after) {
    const { publishedAt, id } = opts.after;
    q = q.where((eb) =>
      eb.or([eb(published, "<", publishedAt), eb.and([eb(published, "=", publishedAt), eb("id", "<", id)])]),
    );
  }
  const rows = await q
    .orderBy(published, "desc")
    .orderBy("id", "desc")
    .limit(opts.limit + 1)
    .execute();
  const papers = rows.slice(0, opts.limit).map(rowToPaper);
  const last = papers[papers.length - 1];
  const next = rows.length > opts.limit && last ? { publishedAt: last.publishedAt ?? "", id: last.id } : null;
  return { papers, next };
}
