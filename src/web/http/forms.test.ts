import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { safeNext } from "./forms.ts";

describe("safeNext", () => {
  it("keeps paths on this site", () => {
    for (const ok of [
      "/",
      "/account",
      "/papers/2606.00009?tab=comments#c-1",
      "/search?q=%E3%80%82attention",
      "/search?q=https%3A%2F%2Farxiv.org%2Fabs%2F1",
      "/search?q=%5Calpha",
    ]) {
      assert.equal(safeNext(ok), ok);
    }
  });

  it("falls back for anything else", () => {
    for (const bad of [
      undefined,
      "",
      "account",
      "https://evil.example/",
      "//evil.example",
      "/\\evil.example",
      "/a\\b",
      "/%2F%2Fevil.example",
      "/%2fevil.example",
      "/%5Cevil.example",
      "/a//b",
      "/\u3002evil", // above U+00FF: no Location header can carry it
      "/caf\u00e9",
      "/a\u007f",
      "/a b",
      "/a\r\nSet-Cookie: x=1",
      "/a%0D%0ASet-Cookie:%20x=1",
      "/a%00",
      "/%E3%80",
      `/${"a".repeat(2000)}`,
    ]) {
      assert.equal(safeNext(bad, "/fallback"), "/fallback", JSON.stringify(bad));
    }
  });
});
