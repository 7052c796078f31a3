import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";
import { HttpError, PoliteClient, type PoliteClientOptions, parseRetryAfter } from "./politeClient.ts";
import { fixture, type ReplayServer, startReplayServer } from "./replayServer.test-helper.ts";

const UA = "Papertide-test/1.0 (mailto:test@example.org)";
const LISTRECORDS = fixture("arxiv-oai/listrecords.xml");

let server: ReplayServer;
before(async () => {
  server = await startReplayServer((req) => ({ body: `answer for ${req.path}`, delayMs: 5 }));
});
after(async () => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.maxConcurrent = 0;
});

/** Virtual time: sleeping advances the clock at once, so seconds of politeness cost nothing. */
function fakeTime() {
  let t = 1_700_000_000_000;
  const sleeps: number[] = [];
  const starts: number[] = [];
  const opts: Partial<PoliteClientOptions> = {
    now: () => t,
    sleep: async (ms) => {
      sleeps.push(ms);
      t += ms;
    },
    fetch: (input, init) => {
      starts.push(t);
      return fetch(input, init);
    },
  };
  return { opts, sleeps, starts };
}

test("sends the configured User-Agent and returns the body", async () => {
  const client = new PoliteClient({ userAgent: UA, minIntervalMs: 1 });
  assert.equal(await client.getText(`${server.url}/hello`), "answer for /hello");
  assert.equal(server.requests[0].headers["user-agent"], UA);
});

test("refuses to run without a User-Agent", () => {
  assert.throws(() => new PoliteClient({ userAgent: " " }), /User-Agent/);
});

test("requests never overlap and their starts are at least minIntervalMs apart", async () => {
  const sent: number[] = [];
  const client = new PoliteClient({
    userAgent: UA,
    minIntervalMs: 100,
    fetch: (input, init) => {
      sent.push(performance.now());
      return fetch(input, init);
    },
  });
  const paths = ["/a", "/b", "/c", "/d"];
  const bodies = await Promise.all(paths.map((p) => client.getText(`${server.url}${p}`)));
  assert.deepEqual(
    bodies,
    paths.map((p) => `answer for ${p}`),
  );
  assert.deepEqual(
    server.requests.map((r) => r.path),
    paths,
    "served in the order asked",
  );
  assert.equal(server.maxConcurrent, 1);
  for (let i = 1; i < server.requests.length; i++) {
    const prev = server.requests[i - 1];
    const cur = server.requests[i];
    assert.ok(cur.startedAt >= (prev.endedAt ?? Infinity), `request ${i} started before ${i - 1} ended`);
    // The gap is measured where fetch is called, a few async steps after the client claims its
    // slot; on a loaded machine those steps can take a few ms more for one request than for the
    // next. 10 ms of slack still catches any missing wait (which gives gaps near 0).
    assert.ok(
      sent[i] - sent[i - 1] >= 90,
      `requests ${i - 1}/${i} sent only ${sent[i] - sent[i - 1]} ms apart`,
    );
  }
});

test("the default spacing is arXiv's 3 s between request starts", async () => {
  const time = fakeTime();
  const client = new PoliteClient({ userAgent: UA, ...time.opts });
  for (const p of ["/1", "/2", "/3"]) await client.getText(`${server.url}${p}`);
  assert.equal(time.starts.length, 3);
  assert.ok(time.starts[1] - time.starts[0] >= 3000, `gap ${time.starts[1] - time.starts[0]}`);
  assert.ok(time.starts[2] - time.starts[1] >= 3000, `gap ${time.starts[2] - time.starts[1]}`);
  assert.ok(
    time.sleeps.every((ms) => ms <= 3000),
    "never waits longer than needed",
  );
});

test("a 503 with Retry-After is waited out, then the request is repeated", async () => {
  const time = fakeTime();
  const client = new PoliteClient({ userAgent: UA, minIntervalMs: 1, ...time.opts });
  // What arXiv's OAI-PMH really answered before this ListRecords page: 503, "Retry after 10 seconds".
  server.script(
    "/oai",
    {
      status: 503,
      headers: { "Retry-After": "10", "Content-Type": "text/html" },
      body: fixture("arxiv-oai/listrecords-status503.xml"),
    },
    { body: LISTRECORDS },
  );
  const body = await client.getText(`${server.url}/oai?verb=ListRecords&set=cs`);
  assert.equal(body, LISTRECORDS);
  assert.equal(server.requests.length, 2);
  assert.ok(time.starts[1] - time.starts[0] >= 10_000, `retried after ${time.starts[1] - time.starts[0]} ms`);
  assert.equal(server.requests[1].query.get("set"), "cs", "the same request is repeated");
});

test("Retry-After as an HTTP date, and as seconds", () => {
  const now = Date.parse("2026-06-12T10:00:00Z");
  assert.equal(parseRetryAfter("120", now), 120_000);
  assert.equal(parseRetryAfter("Fri, 12 Jun 2026 10:00:30 GMT", now), 30_000);
  assert.equal(parseRetryAfter("Fri, 12 Jun 2026 09:00:00 GMT", now), 0);
  assert.equal(parseRetryAfter("soon", now), null);
  assert.equal(parseRetryAfter(null, now), null);
});

test("a Retry-After beyond the cap gives up with a clear error instead of hanging", async () => {
  const time = fakeTime();
  const client = new PoliteClient({
    userAgent: UA,
    minIntervalMs: 1,
    maxRetryAfterMs: 600_000,
    ...time.opts,
  });
  server.script("/oai", { status: 503, headers: { "Retry-After": "86400" }, body: "busy" });
  await assert.rejects(client.getText(`${server.url}/oai`), (e: HttpError) => {
    assert.ok(e instanceof HttpError);
    assert.equal(e.status, 503);
    assert.match(e.message, /86400 s/);
    return true;
  });
  assert.ok(time.sleeps.every((ms) => ms < 600_000));
});

test("a 500 and a reset connection are retried with growing, jittered backoff", async () => {
  const time = fakeTime();
  const client = new PoliteClient({ userAgent: UA, minIntervalMs: 1, random: () => 0.5, ...time.opts });
  server.script("/flaky", { status: 500, body: "oops" }, "reset");
  assert.equal(await client.getText(`${server.url}/flaky`), "answer for /flaky");
  assert.equal(server.requests.length, 3);
  const gap1 = time.starts[1] - time.starts[0];
  const gap2 = time.starts[2] - time.starts[1];
  // Default base 5 s, doubled per failure, half of it jittered: 3.75 s then 7.5 s with random 0.5.
  assert.ok(gap1 >= 3750, `first backoff ${gap1}`);
  assert.ok(gap2 >= 7500, `second backoff ${gap2}`);
});

test("transient failures stop being retried after maxRetries", async () => {
  const time = fakeTime();
  const client = new PoliteClient({ userAgent: UA, minIntervalMs: 1, maxRetries: 2, ...time.opts });
  server.script("/down", ...[1, 2, 3, 4].map(() => ({ status: 502, body: "bad gateway" })));
  await assert.rejects(client.getText(`${server.url}/down`), /\/down: HTTP 502.*gave up after 2 retries/);
  assert.equal(server.requests.length, 3);
});

test("a timeout counts as a transient failure", async () => {
  const client = new PoliteClient({
    userAgent: UA,
    minIntervalMs: 1,
    timeoutMs: 30,
    maxRetries: 1,
    backoffBaseMs: 1,
  });
  server.script("/slow", { body: "late", delayMs: 300 }, { body: "late", delayMs: 300 });
  await assert.rejects(client.getText(`${server.url}/slow`), /timed out after 30 ms/);
  assert.equal(server.requests.length, 2);
});

test("a 404 gives up at once, naming the URL and the status", async () => {
  const client = new PoliteClient({ userAgent: UA, minIntervalMs: 1 });
  server.script("/missing", { status: 404, body: "no" });
  const url = `${server.url}/missing?id=1`;
  await assert.rejects(client.getText(url), (e: HttpError) => {
    assert.ok(e instanceof HttpError);
    assert.equal(e.status, 404);
    assert.equal(e.url, url);
    assert.ok(e.message.includes(url) && e.message.includes("404"), e.message);
    return true;
  });
  assert.equal(server.requests.length, 1);
  // One failure does not poison the queue.
  assert.equal(await client.getText(`${server.url}/after`), "answer for /after");
});

test("an abort signal stops a wait", async () => {
  const client = new PoliteClient({ userAgent: UA, minIntervalMs: 60_000 });
  await client.getText(`${server.url}/first`);
  const abort = new AbortController();
  const pending = client.getText(`${server.url}/second`, { signal: abort.signal });
  setTimeout(() => abort.abort(new Error("stop")), 10);
  await assert.rejects(pending, /stop/);
  assert.equal(server.requests.length, 1);
});
