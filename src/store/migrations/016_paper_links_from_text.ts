// Code repositories and project pages named in the text of papers stored before they were read
// from it (src/text/paperLinks.ts; the importer has done it since): every paper that lacks one is
// read once, and its content hash is brought up to date so the next import of the same record
// counts as unchanged. The search index keeps its rows (it reads no links), so they are given the
// new hash too. A stored link (from a source that gives one) is never replaced.
import type { Kysely } from "kysely";
import { paperHash } from "../../model/mergePaper.ts";
import { findPaperLinks } from "../../text/paperLinks.ts";
import type { Dialect } from "../db.ts";
import { rowToPaper } from "../papers.ts";
import type { Database } from "../schema.ts";

const BATCH = 1000;

export async function up(anyDb: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  const db = anyDb as unknown as Kysely<Database>;
  let after = "";
  for (;;) {
    const rows = await db
      .selectFrom("papers")
      .selectAll()
      .where("id", ">", after)
      .where((eb) => eb.or([eb("code_url", "is", null), eb("project_url", "is", null)]))
      .orderBy("id")
      .limit(BATCH)
      .execute();
    if (rows.length === 0) return;
    after = rows[rows.length - 1].id;
    for (const row of rows) {
      const found = findPaperLinks(row.abstract, row.comments);
      const code = row.code_url ?? found.code;
      const project = row.project_url ?? found.project;
      if (code === row.code_url && project === row.project_url) continue;
      // The hash the importer computes for this paper from now on (merging adds the links).
      const hash = paperHash({ ...rowToPaper(row), codeUrl: code, projectUrl: project });
      await db
        .updateTable("papers")
        .set({ code_url: code, project_url: project, content_hash: hash })
        .where("id", "=", row.id)
        .execute();
      await db
        .updateTable("search_docs")
        .set({ content_hash: hash })
        .where("paper_id", "=", row.id)
        .where("content_hash", "=", row.content_hash)
        .execute();
    }
  }
}
