// Papers stored before links were read from their text get them from migration
// 016_paper_links_from_text, with a content hash that makes the next import of the same record
// "unchanged"; a link a source gave is kept.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Kysely } from "kysely";
import { paperHash } from "../../src/model/mergePaper.ts";
import { up } from "../../src/store/migrations/016_paper_links_from_text.ts";
import { getPaper, upsertPapers } from "../../src/store/papers.ts";
import { testPaper } from "../support/factories.ts";
import { withTempStore } from "../support/tempStore.ts";

test("the links migration fills links from the text of stored papers and keeps given ones", async () => {
  await withTempStore(async (store) => {
    const { db } = store;
    const abstract = "We propose X. Code: https://github.com/org/x-code. Project page: https://x.github.io/.";
    const papers = [
      testPaper("2606.00001", { abstract }),
      testPaper("2606.00002", { abstract, codeUrl: "https://gitlab.com/given/repo" }),
      testPaper("2606.00003", { abstract: "No links here." }),
    ];
    await upsertPapers(db, papers, new Date());
    // As a store written before links were read from text holds them.
    for (const id of ["2606.00001", "2606.00002", "2606.00003"]) {
      const p = await getPaper(db, id);
      assert.ok(p);
      const old = { ...p, codeUrl: id === "2606.00002" ? p.codeUrl : null, projectUrl: null };
      await db
        .updateTable("papers")
        .set({ code_url: old.codeUrl, project_url: null, content_hash: paperHash(old) })
        .where("id", "=", id)
        .execute();
    }
    await up(db as unknown as Kysely<unknown>, store.dialect);
    const [a, b, c] = await Promise.all(
      ["2606.00001", "2606.00002", "2606.00003"].map((id) => getPaper(db, id)),
    );
    assert.equal(a?.codeUrl, "https://github.com/org/x-code");
    assert.equal(a?.projectUrl, "https://x.github.io/");
    assert.equal(b?.codeUrl, "https://gitlab.com/given/repo");
    assert.equal(b?.projectUrl, "https://x.github.io/");
    assert.equal(c?.codeUrl, null);
    assert.deepEqual(await upsertPapers(db, papers, new Date()), ["unchanged", "unchanged", "unchanged"]);
  });
});
