import assert from "node:assert/strict";
import { test } from "node:test";
import { ARXIV_CATEGORIES, categoryName, categoryPath, isCategoryOrArchive } from "./arxivCategories.ts";

test("known ids have their full names; unknown ids, other spellings and object keys have none", () => {
  assert.equal(categoryName("cs.LG"), "Machine Learning");
  assert.equal(categoryName("hep-th"), "High Energy Physics - Theory");
  assert.equal(categoryName("cond-mat.stat-mech"), "Statistical Mechanics");
  assert.equal(categoryName("cs.XX"), null);
  assert.equal(categoryName("cs.lg"), null);
  assert.equal(categoryName("toString"), null);
  assert.equal(categoryName("__proto__"), null);
});

test("every id has arXiv's shape and a name", () => {
  for (const [id, name] of Object.entries(ARXIV_CATEGORIES)) {
    assert.match(id, /^[a-z-]+(\.[A-Za-z-]+)?$/);
    assert.ok(name.length > 2, id);
  }
  assert.equal(categoryPath("cs.LG"), "/categories/cs.LG");
});

test("search filters take a category or an archive in any case, and nothing else", () => {
  for (const id of ["cs.LG", "cs.lg", "CS", "hep-th", "cond-mat.stat-mech", "physics", "q-bio", "math-ph"])
    assert.equal(isCategoryOrArchive(id), true, id);
  for (const id of ["cs.XX", "cs.", "xx", "", "toString", "__proto__", "lg"])
    assert.equal(isCategoryOrArchive(id), false, id);
});
