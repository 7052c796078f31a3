// The API's per-IP rate limit (PAPERTIDE_API_RATE_LIMIT): shared by every /api route, a JSON 429
// when spent, and /healthz outside it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError } from "../../src/config/parse.ts";
import { startTestServer } from "./server.ts";

test("a low limit trips with a JSON 429; /healthz is not limited", async () => {
  const server = await startTestServer({ demo: false, rateLimit: "3/minute" });
  try {
    // Three requests to different API routes draw on one allowance.
    for (const [i, path] of ["/api/papers?limit=1", "/api/daily_papers", "/api/nope"].entries()) {
      const res = await server.get(path);
      await res.arrayBuffer();
      assert.ok(res.status !== 429, `${path} is within the limit`);
      assert.equal(res.headers.get("x-ratelimit-limit"), "3");
      assert.equal(res.headers.get("x-ratelimit-remaining"), String(2 - i));
    }
    const res = await server.get("/api/papers/search?q=x");
    const body = await res.json();
    assert.equal(res.status, 429);
    assert.equal(body.error, "rate_limited");
    assert.match(body.message, /retry/i);
    assert.ok(Number(res.headers.get("retry-after")) > 0);
    assert.equal(res.headers.get("access-control-allow-origin"), "*", "a browser client can read the 429");
    for (let i = 0; i < 10; i++) {
      const health = await server.get("/healthz");
      assert.equal(await health.text(), "ok");
    }
  } finally {
    await server.close();
  }
});

test("off disables the limit", async () => {
  const server = await startTestServer({ demo: false, rateLimit: "off" });
  try {
    for (let i = 0; i < 20; i++) {
      const res = await server.get("/api/papers?limit=1");
      await res.arrayBuffer();
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("x-ratelimit-limit"), null);
    }
  } finally {
    await server.close();
  }
});

test("a malformed PAPERTIDE_API_RATE_LIMIT stops the start with a clear error", async () => {
  await assert.rejects(startTestServer({ demo: false, rateLimit: "lots" }), (err: Error) => {
    assert.ok(err instanceof ConfigError);
    assert.match(err.message, /PAPERTIDE_API_RATE_LIMIT/);
    return true;
  });
});
