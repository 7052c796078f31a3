import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { HttpError } from "./httpError.ts";
import { checkPageInRange, parsePageParam, queryValue } from "./params.ts";

function rejects(fn: () => unknown, pattern: RegExp) {
  assert.throws(
    fn,
    (e: unknown) => e instanceof HttpError && e.statusCode === 400 && pattern.test(e.message),
  );
}

describe("page parameters", () => {
  it("reads page numbers counted from 1 as 0-based indexes", () => {
    assert.equal(parsePageParam(undefined), 0);
    assert.equal(parsePageParam(""), 0);
    assert.equal(parsePageParam("1"), 0);
    assert.equal(parsePageParam("12"), 11);
  });

  it("rejects anything else with a message", () => {
    rejects(() => parsePageParam("-1"), /page number “-1” is not valid/);
    rejects(() => parsePageParam("0"), /numbered from 1/);
    rejects(() => parsePageParam("1.5"), /not valid/);
    rejects(() => parsePageParam("abc"), /not valid/);
    rejects(() => parsePageParam("9999999"), /not valid/);
  });

  it("rejects pages past the end, but not the first page of an empty list", () => {
    checkPageInRange(0, 0, 30);
    checkPageInRange(1, 31, 30);
    rejects(() => checkPageInRange(2, 31, 30), /no page 3 here: this list has 2 pages \(1 to 2\)\./);
    rejects(() => checkPageInRange(1, 0, 30), /no page 2 here: this list has one page\./);
  });

  it("rejects repeated query parameters", () => {
    assert.equal(queryValue({ p: "1" }, "p"), "1");
    assert.equal(queryValue({}, "p"), undefined);
    rejects(() => queryValue({ p: ["1", "2"] }, "p"), /more than once/);
  });
});
