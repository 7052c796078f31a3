import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readStoredPayload, readStringList, StoredPayloadError } from "./storedPayload.ts";

describe("readStoredPayload", () => {
  it("reads the version a payload was written with", () => {
    assert.deepEqual(readStoredPayload('{"version":2,"a":1}', "row 1"), {
      version: 2,
      body: { version: 2, a: 1 },
    });
  });

  it("reads a payload written before payloads carried a version as version 1", () => {
    assert.equal(readStoredPayload('{"a":1}', "row 1").version, 1);
  });

  it("names the row when the text is not a JSON object", () => {
    for (const raw of ["{not json", "[1,2]", "null", '"text"']) {
      assert.throws(
        () => readStoredPayload(raw, "outbox row 42"),
        (e) => e instanceof StoredPayloadError && e.message.startsWith("outbox row 42: payload is not"),
      );
    }
  });

  it("refuses a version that is not a positive whole number", () => {
    for (const v of ['"2"', "0", "1.5", "null"]) {
      assert.throws(
        () => readStoredPayload(`{"version":${v}}`, "outbox row 42"),
        (e) =>
          e instanceof StoredPayloadError &&
          e.message === `outbox row 42: payload version ${v} not understood`,
      );
    }
  });
});

describe("readStringList", () => {
  it("reads a JSON list of text", () => {
    assert.deepEqual(readStringList('["cs.LG","cs.CL"]', "subscriber s1: topics"), ["cs.LG", "cs.CL"]);
  });

  it("names the row and column of anything else", () => {
    assert.throws(
      () => readStringList('["cs.LG",3]', "subscriber s1: topics"),
      (e) => e instanceof StoredPayloadError && e.message === "subscriber s1: topics is not a list of text",
    );
    assert.throws(
      () => readStringList("[cs.LG", "user u1: categories"),
      (e) => e instanceof StoredPayloadError && e.message === "user u1: categories is not JSON",
    );
  });
});
