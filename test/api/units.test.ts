// The API's small pure helpers: cursors, rate-limit settings, CSP editing, validation messages.
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { loadConfig } from "../../src/config/load.ts";
import { decodeCursor, encodeCursor } from "../../src/web/api/cursor.ts";
import { allowStyleSources, swaggerUiInlineStyleHashes } from "../../src/web/api/docsCsp.ts";
import { validationErrorBody } from "../../src/web/api/errors.ts";
import { apiUrl, linkHeader, pageLinkHeader } from "../../src/web/api/links.ts";

test("cursors round-trip any keyset position, and reject anything else", () => {
  fc.assert(
    fc.property(fc.string(), fc.string({ minLength: 1 }), (publishedAt, id) => {
      assert.deepEqual(decodeCursor(encodeCursor({ publishedAt, id })), { publishedAt, id });
    }),
  );
  // Whatever a client sends, decoding answers null or a well-formed position, never throws.
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.base64String()), (junk) => {
      const decoded = decodeCursor(junk);
      if (decoded) assert.ok(typeof decoded.publishedAt === "string" && decoded.id.length > 0);
    }),
  );
  assert.equal(decodeCursor(Buffer.from('["x",""]').toString("base64url")), null);
  assert.equal(decodeCursor(Buffer.from('["x",1]').toString("base64url")), null);
});

/** PAPERTIDE_API_RATE_LIMIT as the configuration parses it (unset: the default). */
function parseApiRateLimit(raw?: string) {
  return loadConfig(raw === undefined ? {} : { PAPERTIDE_API_RATE_LIMIT: raw }).apiRateLimit;
}

test("rate-limit settings", () => {
  assert.deepEqual(parseApiRateLimit(), { max: 600, timeWindowMs: 60_000 });
  assert.deepEqual(parseApiRateLimit("120"), { max: 120, timeWindowMs: 60_000 });
  assert.deepEqual(parseApiRateLimit("20/second"), { max: 20, timeWindowMs: 1000 });
  assert.deepEqual(parseApiRateLimit("5000 / h"), { max: 5000, timeWindowMs: 3_600_000 });
  assert.equal(parseApiRateLimit("off"), null);
  assert.equal(parseApiRateLimit("0"), null);
  for (const bad of ["lots", "10/fortnight", "-1", "1.5", "/minute"])
    assert.throws(() => parseApiRateLimit(bad), bad);
});

test("allowStyleSources adds to style-src only", () => {
  const helmet = "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:";
  assert.equal(
    allowStyleSources(helmet, ["'sha256-abc='"]),
    "default-src 'self';script-src 'self';style-src 'self' 'sha256-abc=';img-src 'self' data:",
  );
  assert.equal(allowStyleSources("default-src 'self'", ["'sha256-abc='"]), "default-src 'self'");
  const hashes = swaggerUiInlineStyleHashes();
  assert.ok(hashes.length >= 1 && hashes.every((h) => /^'sha256-[A-Za-z0-9+/]+=*'$/.test(h)));
});

test("schema errors become {error, parameter, message}", () => {
  assert.deepEqual(
    validationErrorBody([
      { instancePath: "/limit", keyword: "maximum", params: { limit: 100 }, message: "must be <= 100" },
    ]),
    { error: "invalid_parameter", parameter: "limit", message: "limit must be a whole number from 1 to 100" },
  );
  assert.deepEqual(
    validationErrorBody([
      { instancePath: "", keyword: "required", params: { missingProperty: "q" }, message: "x" },
    ]),
    {
      error: "invalid_parameter",
      parameter: "q",
      message: "q is required: search text of 1 to 500 characters",
    },
  );
  assert.equal(
    validationErrorBody([{ instancePath: "/other", keyword: "type", params: {}, message: "must be string" }])
      .message,
    "other must be string",
  );
});

test("links", () => {
  const next = apiUrl("https://x.org/pt", "/api/daily_papers", {
    date: "2026-06-12",
    submitter: "a b&c",
    p: 2,
    week: undefined,
  });
  assert.equal(next, "https://x.org/pt/api/daily_papers?date=2026-06-12&submitter=a+b%26c&p=2");
  assert.equal(linkHeader({ next, prev: null }), `<${next}>; rel="next"`);
  assert.equal(linkHeader({}), null);
});

test("page links count from 1: first and prev from page 2, next and last before the last page", () => {
  const link = (p: number) => `u?p=${p}`;
  assert.equal(pageLinkHeader(1, 3, link), '<u?p=2>; rel="next", <u?p=3>; rel="last"');
  assert.equal(
    pageLinkHeader(2, 3, link),
    '<u?p=1>; rel="first", <u?p=1>; rel="prev", <u?p=3>; rel="next", <u?p=3>; rel="last"',
  );
  assert.equal(pageLinkHeader(3, 3, link), '<u?p=1>; rel="first", <u?p=2>; rel="prev"');
  // Past the end: back to the last page; an empty list has one (empty) page.
  assert.equal(pageLinkHeader(9, 3, link), '<u?p=1>; rel="first", <u?p=3>; rel="prev"');
  assert.equal(pageLinkHeader(1, 0, link), null);
  assert.equal(pageLinkHeader(2, 0, link), '<u?p=1>; rel="first", <u?p=1>; rel="prev"');
});
