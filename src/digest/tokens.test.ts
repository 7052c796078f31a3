import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import fc from "fast-check";
import { redactTokens, TokenSigner } from "./tokens.ts";

const signer = new TokenSigner(Buffer.from("a-server-secret-of-at-least-32-characters"));
const id = "AbCdEfGhIjKlMnOp";

test("tokens verify for their purpose and subscriber only", () => {
  const unsub = signer.sign("unsubscribe", id);
  assert.deepEqual(signer.verify("unsubscribe", unsub), { subscriberId: id, nonce: null });
  assert.equal(signer.verify("manage", unsub), null);
  const confirm = signer.sign("confirm", id, "NonceNonce12");
  assert.deepEqual(signer.verify("confirm", confirm), { subscriberId: id, nonce: "NonceNonce12" });
  assert.equal(signer.verify("unsubscribe", confirm), null);
  // Another server's secret signs different tokens.
  assert.equal(new TokenSigner(randomBytes(32)).verify("unsubscribe", unsub), null);
  for (const bad of [undefined, 42, "", id, `${id}.`, `${id}.x.y.z`, "a".repeat(500)])
    assert.equal(signer.verify("unsubscribe", bad), null);
});

test("no change to a token makes another valid one", () => {
  const good = signer.sign("unsubscribe", id);
  fc.assert(
    fc.property(
      fc.nat({ max: good.length - 1 }),
      fc.constantFrom(..."ABCDEFabcdef0123456789-_."),
      (i, ch) => {
        const forged = good.slice(0, i) + ch + good.slice(i + 1);
        fc.pre(forged !== good);
        assert.equal(signer.verify("unsubscribe", forged), null);
      },
    ),
    { numRuns: 1000 },
  );
  // Exactly one spelling is valid, also in the last character (whose low bits base64 ignores).
  for (const ch of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") {
    const variant = good.slice(0, -1) + ch;
    assert.equal(signer.verify("unsubscribe", variant) !== null, variant === good, variant);
  }
  // Swapping in another subscriber id keeps nothing valid.
  assert.equal(signer.verify("unsubscribe", `ZZZZZZZZZZZZZZZZ.${good.split(".")[1]}`), null);
});

test("redactTokens hides tokens in our link paths", () => {
  const url = `https://x.org/unsubscribe/${signer.sign("unsubscribe", id)}?a=1`;
  assert.equal(redactTokens(url), "https://x.org/unsubscribe/<token>?a=1");
  assert.equal(
    redactTokens(`/subscribe/confirm/${signer.sign("confirm", id, "n0nceN0nce")}`),
    "/subscribe/confirm/<token>",
  );
});
