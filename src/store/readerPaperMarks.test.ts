import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { addPapers, addUser, testPaper } from "../../test/support/factories.ts";
import { tempStore } from "../../test/support/tempStore.ts";
import { BATCH } from "./batches.ts";
import {
  addPaperMark,
  type PaperMarkTable,
  paperMarkIds,
  paperMarksOf,
  removePaperMark,
} from "./readerPaperMarks.ts";

const PAPERS = ["2606.00001", "2606.00002", "2606.00003"];
const at = (minute: number) => `2026-06-12T10:${String(minute).padStart(2, "0")}:00.000Z`;

describe("a reader's marks on papers", async () => {
  const store = await tempStore();
  after(() => store.cleanup());
  const db = store.db;
  await addPapers(
    db,
    PAPERS.map((id) => testPaper(id)),
  );
  const ada = (await addUser(db, { handle: "ada" })).id;
  const bob = (await addUser(db, { handle: "bob" })).id;

  for (const table of ["interest_papers", "dismissed_papers"] as PaperMarkTable[]) {
    it(`${table}: newest first, marked once, removed, each reader's own and each table its own`, async () => {
      await addPaperMark(db, table, ada, PAPERS[0], at(1));
      await addPaperMark(db, table, ada, PAPERS[1], at(3));
      await addPaperMark(db, table, ada, PAPERS[2], at(2));
      // Marking again keeps the first time: the paper stays where it was.
      await addPaperMark(db, table, ada, PAPERS[0], at(9));
      await addPaperMark(db, table, bob, PAPERS[2], at(5));
      assert.deepEqual(await paperMarkIds(db, table, ada), [PAPERS[1], PAPERS[2], PAPERS[0]]);
      assert.deepEqual(await paperMarkIds(db, table, bob), [PAPERS[2]]);
      const other = table === "interest_papers" ? "dismissed_papers" : "interest_papers";
      assert.deepEqual(await paperMarkIds(db, other, bob), []);

      await removePaperMark(db, table, ada, PAPERS[2]);
      await removePaperMark(db, table, ada, PAPERS[2]);
      assert.deepEqual(await paperMarkIds(db, table, ada), [PAPERS[1], PAPERS[0]]);
      assert.deepEqual(await paperMarkIds(db, table, bob), [PAPERS[2]]);
      for (const id of PAPERS) {
        await removePaperMark(db, table, ada, id);
        await removePaperMark(db, table, bob, id);
      }
      assert.deepEqual(await paperMarkIds(db, table, ada), []);
    });
  }

  it("marks made at the same moment come in paper order", async () => {
    for (const id of [PAPERS[2], PAPERS[0], PAPERS[1]])
      await addPaperMark(db, "interest_papers", ada, id, at(7));
    assert.deepEqual(await paperMarkIds(db, "interest_papers", ada), PAPERS);
    for (const id of PAPERS) await removePaperMark(db, "interest_papers", ada, id);
  });

  it("reads many readers at once, past one batch of ids; readers with no marks are absent", async () => {
    await addPaperMark(db, "dismissed_papers", ada, PAPERS[0], at(1));
    await addPaperMark(db, "dismissed_papers", bob, PAPERS[1], at(1));
    await addPaperMark(db, "dismissed_papers", bob, PAPERS[2], at(2));
    const nobody = Array.from({ length: BATCH + 10 }, (_, i) => `no-such-reader-${i}`);
    // Bob's id comes after a full batch, so his marks are read by the second query.
    const marks = await paperMarksOf(db, "dismissed_papers", [ada, ...nobody, bob]);
    assert.deepEqual(
      [...marks.entries()].sort(),
      [
        [ada, [PAPERS[0]]],
        [bob, [PAPERS[2], PAPERS[1]]],
      ].sort(),
    );
  });
});
