import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkDescription, checkName, parseTags, slugify } from "./fields.ts";

describe("collection fields", () => {
  it("trims names, folds whitespace and control characters, and refuses empty or long ones", () => {
    assert.deepEqual(checkName("  Reading \t list\u0000 "), { ok: true, value: "Reading list" });
    assert.equal(checkName("   ").ok, false);
    assert.equal(checkName("x".repeat(101)).ok, false);
    assert.equal(checkName("é".repeat(100)).ok, true, "counted in characters, not bytes");
  });

  it("keeps newlines in descriptions only", () => {
    assert.deepEqual(checkDescription("a\r\nb\u0007c"), { ok: true, value: "a\nb c" });
    assert.equal(checkDescription("x".repeat(1001)).ok, false);
  });

  it("parses comma-separated tags, lower-cased and unique", () => {
    assert.deepEqual(parseTags("ML, reading  list ,ml,, "), { ok: true, value: ["ml", "reading list"] });
    assert.equal(parseTags(Array.from({ length: 11 }, (_, i) => `t${i}`).join(",")).ok, false);
    assert.equal(parseTags("x".repeat(41)).ok, false);
  });

  it("makes ASCII slugs, never empty", () => {
    assert.equal(slugify("Réading list: Transformers!"), "reading-list-transformers");
    assert.equal(slugify("<script>alert(1)</script>"), "script-alert-1-script");
    assert.equal(slugify("日本語"), "collection");
  });
});
