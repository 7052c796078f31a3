import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { test } from "node:test";
import Fastify from "fastify";
import { REDACTED, redactUrl, requestLogSerializer } from "./logRedaction.ts";

test("secret query values are replaced, other parameters kept", () => {
  assert.equal(
    redactUrl("/reset-password?token=abc123&next=%2Faccount"),
    `/reset-password?token=${REDACTED}&next=%2Faccount`,
  );
  assert.equal(
    redactUrl("/x?t=1&key=2&password=p%20w&resetToken=3&q=attention&p=2"),
    `/x?t=${REDACTED}&key=${REDACTED}&password=${REDACTED}&resetToken=${REDACTED}&q=attention&p=2`,
  );
  // An escaped name is judged by what it means.
  assert.equal(redactUrl("/x?%74oken=abc"), `/x?%74oken=${REDACTED}`);
  assert.equal(redactUrl("/search?q=token"), "/search?q=token");
});

test("path parameters named like a token are replaced, read from the route's pattern", () => {
  assert.equal(redactUrl("/alerts/stop/sub1.MAC", "/alerts/stop/:token"), `/alerts/stop/${REDACTED}`);
  assert.equal(
    redactUrl("/subscribe/confirm/a.b.c?x=1", "/subscribe/confirm/:token"),
    `/subscribe/confirm/${REDACTED}?x=1`,
  );
  assert.equal(redactUrl("/c/my-collection-2026", "/c/:key"), "/c/my-collection-2026");
  assert.equal(redactUrl("/papers/2606.00009", "/papers/*"), "/papers/2606.00009");
});

test("a request no route matched loses the segments that look like tokens", () => {
  assert.equal(redactUrl("/unsubscribe/abcdefghij0123456789xyz/extra"), `/unsubscribe/${REDACTED}/extra`);
  assert.equal(redactUrl("/unsubscribe/abcdefghijklmnopqrstuvwxyz"), `/unsubscribe/${REDACTED}`);
  assert.equal(redactUrl("/papers/2606.00009"), "/papers/2606.00009");
});

test("the server's request log lines go through it, for matched and unmatched requests", async () => {
  const stream = new PassThrough();
  let out = "";
  stream.on("data", (c: Buffer) => {
    out += c.toString("utf8");
  });
  const app = Fastify({ logger: { stream, serializers: { req: requestLogSerializer } } });
  app.get("/link/:token", async () => "ok");
  // As the site's own (src/web/http/errorPages.tsx): Fastify's default one logs the raw URL.
  app.setNotFoundHandler((_req, reply) => reply.code(404).send("not found"));
  await app.inject("/link/SECRETVALUE1?password=SECRETVALUE2");
  await app.inject("/missing/SECRETVALUE3abcdefghijkl?token=SECRETVALUE4");
  await app.close();
  assert.match(out, /"url":"\/link\/<redacted>\?password=<redacted>"/);
  assert.doesNotMatch(out, /SECRETVALUE/);
});
