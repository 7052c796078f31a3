import assert from "node:assert/strict";
import { test } from "node:test";
import { mergePaper, paperHash } from "./mergePaper.ts";
import type { PaperInput } from "./paper.ts";

const v1: PaperInput = {
  id: "2501.01234",
  title: "First title",
  abstract: "Abstract one.",
  authors: ["Ada Lovelace", "Alan Turing"],
  categories: ["cs.LG", "cs.AI"],
  versions: [{ version: 1, createdAt: "2025-01-02T10:00:00.000Z" }],
};

test("a new paper takes every known field and derives dates from versions", () => {
  const p = mergePaper(null, v1);
  assert.equal(p.title, "First title");
  assert.equal(p.primaryCategory, "cs.LG");
  assert.equal(p.latestVersion, 1);
  assert.equal(p.publishedAt, "2025-01-02T10:00:00.000Z");
  assert.equal(p.updatedAt, "2025-01-02T10:00:00.000Z");
  assert.equal(p.upvotes, 0);
});

test("a newer version updates in place and keeps the version history", () => {
  const before = mergePaper(null, v1);
  const after = mergePaper(before, {
    ...v1,
    title: "Second title",
    versions: [
      { version: 1, createdAt: "2025-01-02T10:00:00.000Z" },
      { version: 2, createdAt: "2025-02-01T09:00:00.000Z" },
    ],
  });
  assert.equal(after.title, "Second title");
  assert.equal(after.latestVersion, 2);
  assert.equal(after.publishedAt, "2025-01-02T10:00:00.000Z");
  assert.equal(after.updatedAt, "2025-02-01T09:00:00.000Z");
  assert.notEqual(paperHash(after), paperHash(before));
});

test("an older version never rolls the paper back, but fills gaps", () => {
  const v2 = mergePaper(null, {
    ...v1,
    title: "Second title",
    versions: [{ version: 2, createdAt: "2025-02-01T09:00:00.000Z" }],
  });
  const merged = mergePaper(v2, { ...v1, doi: "10.1000/xyz" });
  assert.equal(merged.title, "Second title");
  assert.equal(merged.doi, "10.1000/xyz");
  assert.deepEqual(
    merged.versions.map((v) => v.version),
    [1, 2],
  );
});

test("missing fields from a poorer source never erase known ones", () => {
  const full = mergePaper(null, { ...v1, comments: "10 pages", announcedOn: "2025-01-03" });
  const merged = mergePaper(full, { id: v1.id, title: "First title", upvotes: 12 });
  assert.equal(merged.comments, "10 pages");
  assert.deepEqual(merged.authors, v1.authors);
  assert.deepEqual(merged.categories, v1.categories);
  assert.equal(merged.upvotes, 12);
  assert.equal(merged.announcedOn, "2025-01-03");
});

test("the announcement day keeps the earliest one seen", () => {
  const a = mergePaper(null, { ...v1, announcedOn: "2025-01-06" });
  assert.equal(mergePaper(a, { id: v1.id, announcedOn: "2025-01-03" }).announcedOn, "2025-01-03");
  assert.equal(mergePaper(a, { id: v1.id, announcedOn: "2025-01-09" }).announcedOn, "2025-01-06");
});

test("the same input merged twice gives the same hash", () => {
  const once = mergePaper(null, v1);
  assert.equal(paperHash(mergePaper(once, v1)), paperHash(once));
});

test("a source that names only some categories adds to the stored ones", () => {
  const full = mergePaper(null, { ...v1, categories: ["cs.LG", "cs.AI", "stat.ML"] });
  const merged = mergePaper(full, { id: v1.id, categories: ["cs.LG", "cs.CV"], categoriesArePartial: true });
  assert.deepEqual(merged.categories, ["cs.LG", "cs.AI", "stat.ML", "cs.CV"]);
  const replaced = mergePaper(full, { id: v1.id, categories: ["cs.CV", "cs.LG"] });
  assert.deepEqual(replaced.categories, ["cs.CV", "cs.LG"]);
});
