import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { normalizeEmail } from "./emailAddress.ts";

test("valid addresses are normalised: trimmed, domain lower-cased, IDN to ASCII", () => {
  assert.deepEqual(normalizeEmail("  Ada.Lovelace+papers@Example.ORG "), {
    ok: true,
    email: "Ada.Lovelace+papers@example.org",
    key: "ada.lovelace+papers@example.org",
  });
  assert.deepEqual(normalizeEmail("jose@bücher.de"), {
    ok: true,
    email: "jose@xn--bcher-kva.de",
    key: "jose@xn--bcher-kva.de",
  });
  for (const ok of [
    "a@b.co",
    "o'brien@uni.ac.uk",
    "x_y-z@sub.domain.example.com",
    "user@xn--80ak6aa92e.com",
  ]) {
    assert.equal(normalizeEmail(ok).ok, true, ok);
  }
});

test("invalid addresses are refused", () => {
  for (const bad of [
    "",
    "   ",
    "plain",
    "a@",
    "@b.org",
    "a@b",
    "a@@b.org",
    "a@b@c.org",
    "a b@c.org",
    "a@b c.org",
    ".a@b.org",
    "a.@b.org",
    "a..b@c.org",
    '"quoted"@b.org',
    "a@-b.org",
    "a@b-.org",
    "a@b.123",
    "a@[1.2.3.4]",
    "a@b.org\r\nBcc: x@y.org",
    "<a@b.org>",
    "a@b.org>",
    "ü@b.org",
    `${"a".repeat(65)}@b.org`,
    `a@${"b".repeat(64)}.org`,
    `${"a".repeat(60)}@${"b.".repeat(100)}org`,
  ]) {
    assert.equal(normalizeEmail(bad).ok, false, JSON.stringify(bad));
  }
  assert.equal(normalizeEmail(42).ok, false);
  assert.equal(normalizeEmail(null).ok, false);
});

test("whatever is accepted is safe in a header and in HTML", () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 20 }), (local, domain) => {
      const r = normalizeEmail(`${local}@${domain}.org`);
      if (!r.ok) return;
      assert.doesNotMatch(r.email, /[\s<>"(),;:\\[\]]/);
      assert.ok(
        [...r.email].every((ch) => ch.charCodeAt(0) > 0x20 && ch.charCodeAt(0) < 0x7f),
        "printable ASCII only",
      );
      assert.equal(r.email.split("@").length, 2);
      assert.equal(r.key, r.email.toLowerCase());
    }),
    { numRuns: 5000 },
  );
});
