// The settings of proxy trust and of the expensive routes' limits: parsed once at start, and a
// malformed value stops the start with a message naming the variable.
import assert from "node:assert/strict";
import { test } from "node:test";
import { loadConfig } from "../../src/config/load.ts";
import { ConfigError } from "../../src/config/parse.ts";
import { PRIVATE_PROXIES } from "../../src/config/trustProxy.ts";

test("PAPERTIDE_TRUST_PROXY=true trusts loopback and private proxies only, never every hop", () => {
  assert.deepEqual(loadConfig({ PAPERTIDE_TRUST_PROXY: "true" }).trustProxy, PRIVATE_PROXIES);
  assert.equal(loadConfig({}).trustProxy, false);
  assert.deepEqual(loadConfig({ PAPERTIDE_TRUST_PROXY: "127.0.0.1, 10.0.0.0/8,::1,Loopback" }).trustProxy, [
    "127.0.0.1",
    "10.0.0.0/8",
    "::1",
    "loopback",
  ]);
  for (const bad of ["proxy.example", "10.0.0.0/33", "*", "2"]) {
    assert.throws(
      () => loadConfig({ PAPERTIDE_TRUST_PROXY: bad }),
      (e: Error) => e instanceof ConfigError && /PAPERTIDE_TRUST_PROXY/.test(e.message),
      bad,
    );
  }
});

test("the expensive routes' limits have defaults, accept off, and refuse malformed values", () => {
  const d = loadConfig({});
  assert.deepEqual(d.expensiveRateLimit, { max: 120, timeWindowMs: 60_000 });
  assert.equal(d.expensiveConcurrency, 2);
  assert.equal(d.expensiveQueue, 20);
  const off = loadConfig({ PAPERTIDE_EXPENSIVE_RATE_LIMIT: "off", PAPERTIDE_EXPENSIVE_CONCURRENCY: "off" });
  assert.equal(off.expensiveRateLimit, null);
  assert.equal(off.expensiveConcurrency, null);
  for (const [name, value] of [
    ["PAPERTIDE_EXPENSIVE_RATE_LIMIT", "lots"],
    ["PAPERTIDE_EXPENSIVE_RATE_LIMIT", "10/fortnight"],
    ["PAPERTIDE_EXPENSIVE_CONCURRENCY", "0"],
    ["PAPERTIDE_EXPENSIVE_CONCURRENCY", "two"],
    ["PAPERTIDE_EXPENSIVE_QUEUE", "-1"],
  ]) {
    assert.throws(
      () => loadConfig({ [name]: value }),
      (e: Error) => e instanceof ConfigError && e.message.includes(name) && e.message.includes(value),
      `${name}=${value}`,
    );
  }
});
