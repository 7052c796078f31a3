// The author index: written by every upsert, rebuilt from the stored papers, read by key.
import assert from "node:assert/strict";
import { test } from "node:test";
import { authorKey } from "../../src/model/authorName.ts";
import {
  authorPaperIds,
  authorSummary,
  coauthors,
  fillAuthorIndex,
  followAuthor,
  followedAuthorPapers,
  otherSpellings,
} from "../../src/store/authors.ts";
import { addPapers, addUser, testPaper } from "../support/factories.ts";
import { withTempStore } from "../support/tempStore.ts";

const v1 = (day: string) => [{ version: 1, createdAt: `${day}T12:00:00.000Z` }];

const PAPERS = [
  testPaper("2606.00001", { authors: ["Yann LeCun", "Léon Bottou"], versions: v1("2026-06-01") }),
  testPaper("2606.00002", {
    authors: ["yann  lecun", "Leon Bottou", "Yoshua Bengio"],
    versions: v1("2026-06-03"),
  }),
  testPaper("2606.00003", { authors: ["Y. LeCun", "Ann Other"], versions: v1("2026-06-02") }),
  testPaper("2606.00004", { authors: ["Yann LeCun", "Yoshua Bengio"], versions: v1("2026-06-04") }),
];

test("an author's papers newest first, counts, spelling, co-authors and other spellings", async () => {
  await withTempStore(async ({ db }) => {
    await addPapers(db, PAPERS);
    const key = authorKey("Yann LeCun");
    const summary = await authorSummary(db, key);
    assert.deepEqual(summary, {
      key,
      name: "Yann LeCun",
      papers: 3,
      first: "2026-06-01T12:00:00.000Z",
      last: "2026-06-04T12:00:00.000Z",
    });
    assert.deepEqual(await authorPaperIds(db, key, 0, 10), ["2606.00004", "2606.00002", "2606.00001"]);
    assert.deepEqual(await authorPaperIds(db, key, 1, 1), ["2606.00002"]);
    const co = await coauthors(db, key, 10);
    assert.deepEqual(
      co.map((c) => [c.key, c.papers]),
      [
        ["leon bottou", 2],
        ["yoshua bengio", 2],
      ],
    );
    // "Y. LeCun" is not merged, only pointed at.
    assert.equal((await authorSummary(db, authorKey("Y. LeCun")))?.papers, 1);
    assert.deepEqual(
      (await otherSpellings(db, key, "y lecun", 5)).map((s) => s.name),
      ["Y. LeCun"],
    );
    assert.equal(await authorSummary(db, "nobody here"), null);
  });
});

test("an updated author list replaces the paper's rows; a rebuild gives the same index", async () => {
  await withTempStore(async ({ db }) => {
    await addPapers(db, PAPERS);
    await addPapers(db, [{ id: "2606.00004", authors: ["Someone Else"] }]);
    assert.equal((await authorSummary(db, authorKey("Yann LeCun")))?.papers, 2);
    assert.equal((await authorSummary(db, "someone else"))?.papers, 1);
    const before = await db
      .selectFrom("paper_authors")
      .selectAll()
      .orderBy("author_key")
      .orderBy("paper_id")
      .execute();
    assert.equal(await fillAuthorIndex(db), 4);
    const after = await db
      .selectFrom("paper_authors")
      .selectAll()
      .orderBy("author_key")
      .orderBy("paper_id")
      .execute();
    assert.deepEqual(after, before);
  });
});

test("followed authors' papers of a window, per reader, newest first", async () => {
  await withTempStore(async ({ db }) => {
    await addPapers(db, PAPERS);
    const reader = await addUser(db);
    const other = await addUser(db);
    await followAuthor(db, reader.id, "yoshua bengio", "Yoshua Bengio", new Date());
    await followAuthor(db, reader.id, "leon bottou", "Léon Bottou", new Date());
    const found = await followedAuthorPapers(db, [reader.id, other.id], "2026-06-02", "2026-06-04", 10);
    assert.deepEqual(
      found.get(reader.id)?.map((p) => p.paperId),
      ["2606.00004", "2606.00002"],
    );
    assert.equal(found.get(other.id), undefined);
  });
});
