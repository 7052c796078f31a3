import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { type TempStore, tempStore } from "../../test/support/tempStore.ts";
import type { PaperInput } from "../model/paper.ts";
import { countPapers, getPaper, listPapers, upsertPapers } from "./papers.ts";

let store: TempStore;
before(async () => {
  store = await tempStore();
});
after(async () => store.cleanup());

function paper(id: string, day: string, extra: Partial<PaperInput> = {}): PaperInput {
  return {
    id,
    title: `Paper ${id}`,
    abstract: `About ${id}.`,
    authors: ["A. Author"],
    categories: ["cs.LG"],
    versions: [{ version: 1, createdAt: `${day}T00:00:00.000Z` }],
    ...extra,
  };
}

test("upserts are idempotent: the same batch twice changes nothing", async () => {
  const batch = [
    paper("2501.00001", "2025-01-01"),
    paper("2501.00002", "2025-01-02"),
    paper("hep-th/9901001", "1999-01-04"),
  ];
  assert.deepEqual(await upsertPapers(store.db, batch, new Date()), ["new", "new", "new"]);
  assert.deepEqual(await upsertPapers(store.db, batch, new Date()), ["unchanged", "unchanged", "unchanged"]);
  assert.equal(await countPapers(store.db), 3);
  const old = await getPaper(store.db, "hep-th/9901001");
  assert.equal(old?.title, "Paper hep-th/9901001");
});

test("a newer version updates the paper in place, categories follow", async () => {
  const v2 = paper("2501.00001", "2025-01-01", {
    title: "Revised",
    categories: ["cs.CV", "cs.LG"],
    versions: [
      { version: 1, createdAt: "2025-01-01T00:00:00.000Z" },
      { version: 2, createdAt: "2025-01-20T00:00:00.000Z" },
    ],
  });
  assert.deepEqual(await upsertPapers(store.db, [v2], new Date()), ["updated"]);
  const p = await getPaper(store.db, "2501.00001");
  assert.equal(p?.title, "Revised");
  assert.equal(p?.latestVersion, 2);
  assert.equal(p?.primaryCategory, "cs.CV");
  const cats = await store.db
    .selectFrom("paper_categories")
    .select("category")
    .where("paper_id", "=", "2501.00001")
    .execute();
  assert.deepEqual(cats.map((c) => c.category).sort(), ["cs.CV", "cs.LG"]);
  assert.equal(await countPapers(store.db), 3);
});

test("several observations of one paper inside a batch apply in order", async () => {
  const out = await upsertPapers(
    store.db,
    [paper("2502.00009", "2025-02-01"), paper("2502.00009", "2025-02-01", { comments: "12 pages" })],
    new Date(),
  );
  assert.deepEqual(out, ["new", "updated"]);
  assert.equal((await getPaper(store.db, "2502.00009"))?.comments, "12 pages");
});

test("listPapers pages by newest first with no gaps or repeats", async () => {
  const seen: string[] = [];
  let after = null;
  for (;;) {
    const page = await listPapers(store.db, { limit: 2, after });
    seen.push(...page.papers.map((p) => p.id));
    if (!page.next) break;
    after = page.next;
  }
  assert.equal(seen.length, await countPapers(store.db));
  assert.equal(new Set(seen).size, seen.length);
  assert.equal(seen[0], "2502.00009");
  assert.equal(seen.at(-1), "hep-th/9901001");
});
