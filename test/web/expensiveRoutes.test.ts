// The expensive routes (search page, search feeds, For you, exports, the API's search): a
// per-client budget answered with a readable 429 page, a bound on how deep a search pages, and
// the concurrency gate that keeps a burst from starving cheap requests.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ConcurrencyGate } from "../../src/web/http/expensiveRoutes.ts";
import { type Harness, startHarness } from "../accounts/support/harness.ts";

const PAPER = {
  id: "2606.00031",
  title: "Diffusion models for graphs",
  abstract: "We study diffusion models on graphs.",
  authors: ["A. B."],
  categories: ["cs.LG"],
  versions: [{ version: 1, createdAt: "2026-06-10T00:00:00.000Z" }],
};

describe("per-client budget", () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ env: { PAPERTIDE_EXPENSIVE_RATE_LIMIT: "3/minute" }, papers: [PAPER] });
  });
  after(async () => {
    await h?.close();
  });

  it("answers the search page 429 with a readable page and Retry-After once spent; /healthz stays open", async () => {
    const b = h.browser();
    const from = { "x-forwarded-for": "198.51.100.20" };
    // Search page, search feed and an export draw on one budget.
    assert.equal((await b.get("/search?q=diffusion", from)).status, 200);
    assert.equal((await b.get("/feeds/search.rss?q=graphs", from)).status, 200);
    assert.equal((await b.get("/search?q=graphs&p=1", from)).status, 200);
    const limited = await b.get("/search?q=models", from);
    assert.equal(limited.status, 429);
    assert.match(limited.headers.get("content-type") ?? "", /text\/html/);
    assert.match(limited.text, /<h1[^>]*>Too many requests<\/h1>/);
    assert.match(limited.text, /Please wait \d+ (seconds?|minutes?), then try again/);
    assert.ok(Number(limited.headers.get("retry-after")) > 0);
    assert.equal((await b.get("/feeds/search.json?q=graphs", from)).status, 429);
    for (let i = 0; i < 5; i++) assert.equal((await b.get("/healthz", from)).text, "ok");
    // Another client is not affected.
    assert.equal((await b.get("/search?q=diffusion", { "x-forwarded-for": "198.51.100.21" })).status, 200);
  });

  it("refuses pages past the browsable results before searching", async () => {
    const res = await h.browser().get("/search?q=diffusion&p=51", { "x-forwarded-for": "198.51.100.22" });
    assert.equal(res.status, 400);
    assert.match(res.text, /50 pages deep \(1 to 50\)/);
  });
});

describe("concurrency gate", () => {
  it("admits up to its limit, queues the next, refuses beyond the queue", async () => {
    const gate = new ConcurrencyGate(1, 1, 60_000);
    const a = gate.enter();
    assert.equal(await a.granted, true);
    const b = gate.enter();
    const c = gate.enter();
    assert.equal(await c.granted, false, "queue full");
    let bIn = false;
    void b.granted.then((ok) => {
      bIn = ok;
    });
    a.leave();
    a.leave(); // leaving twice frees one turn only
    await Promise.resolve();
    assert.equal(bIn, false, "the next turn waits for the I/O already pending");
    await new Promise((r) => setImmediate(r));
    assert.equal(bIn, true);
    assert.equal(gate.active, 1);
    b.leave();
    assert.equal(gate.active, 0);
  });

  it("lets pending I/O in between the turns of a burst", async () => {
    const gate = new ConcurrencyGate(1, 100, 60_000);
    const order: string[] = [];
    const busy = (name: string) =>
      (async () => {
        const t = gate.enter();
        assert.equal(await t.granted, true);
        order.push(name);
        t.leave();
      })();
    const work = [busy("s1"), busy("s2"), busy("s3")];
    setTimeout(() => order.push("healthz"), 0);
    // The timer fires while s2 and s3 still wait their turn, not after the whole burst.
    await new Promise((r) => setTimeout(r, 5));
    await Promise.all(work);
    assert.ok(order.indexOf("healthz") < order.indexOf("s3"), order.join(" "));
  });

  it("gives up a wait after its time, and a waiter that leaves frees its place", async () => {
    const gate = new ConcurrencyGate(1, 2, 20);
    const a = gate.enter();
    const late = gate.enter();
    const gone = gate.enter();
    gone.leave();
    assert.equal(await gone.granted, false);
    assert.equal(gate.queued, 1);
    assert.equal(await late.granted, false, "waited longer than maxWaitMs");
    assert.equal(gate.queued, 0);
    a.leave();
    assert.equal(gate.active, 0);
  });
});
