// Operating a running instance: /readyz (database, schema, search engine), /metrics (who may read
// it and what it counts) and request ids (in the X-Request-Id header and every log line).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { sql } from "kysely";
import { upkeepRelated } from "../../src/search/relatedUpkeep.ts";
import { recordSyncSuccess } from "../../src/store/syncRuns.ts";
import { testPaper } from "../support/factories.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

const TOKEN = "a-metrics-token-long-enough-1234";

let server: TestServer;
before(async () => {
  server = await startTestServer({
    log: "capture",
    papers: [
      testPaper("2606.00001", { title: "Sparse attention for long documents" }),
      testPaper("2606.00002", { title: "Graph neural networks at scale" }),
    ],
  });
});
after(async () => {
  await server?.close();
});

test("/readyz is ready once the database answers, its schema is current and the engine is loaded", async () => {
  const { res, body } = await server.getJson("/readyz");
  assert.equal(res.status, 200);
  assert.deepEqual(body, { status: "ready", database: "ok", search: "ok" });
  assert.equal(res.headers.get("cache-control"), "no-store");
  assert.ok(server.services.search.engine, "the probe loaded the search engine");
});

test("/readyz answers 503 naming a migration the database lacks", async () => {
  const { store } = server;
  const last = await sql<{
    name: string;
    applied_at: string;
  }>`SELECT name, applied_at FROM schema_migrations ORDER BY name DESC LIMIT 1`.execute(store.db);
  const row = last.rows[0];
  await sql`DELETE FROM schema_migrations WHERE name = ${row.name}`.execute(store.db);
  try {
    const { res, body } = await server.getJson("/readyz");
    assert.equal(res.status, 503);
    assert.equal(body.status, "not-ready");
    assert.match(body.database, new RegExp(`migrations not applied: ${row.name}`));
    assert.equal(body.search, "waits for the database");
  } finally {
    await sql`INSERT INTO schema_migrations (name, applied_at) VALUES (${row.name}, ${row.applied_at})`.execute(
      store.db,
    );
  }
  assert.equal((await server.get("/readyz")).status, 200);
});

test("/metrics counts requests by route pattern, times searches and reports queues and the harvest", async () => {
  assert.equal((await server.get("/api/papers/2606.00001")).status, 200);
  assert.equal((await server.get("/api/papers/2606.00002")).status, 200);
  assert.equal((await server.get("/api/papers/search?q=attention")).status, 200);
  assert.equal((await server.get("/no/such/page")).status, 404);
  const harvested = new Date(Date.now() - 3600_000);
  await recordSyncSuccess(server.store.db, "arxiv", harvested, "2 new papers");
  // A pass of the similar-paper upkeep, as the background work runs it: both papers are new.
  const { config, clock, search } = server.services;
  assert.deepEqual(
    await upkeepRelated({ store: server.store, search, categories: config.categories, clock }),
    {
      computed: 2,
      updated: 0,
    },
  );
  const res = await server.get("/metrics");
  assert.equal(res.status, 200);
  assert.match(String(res.headers.get("content-type")), /^text\/plain; version=0\.0\.4/);
  const text = await res.text();
  // One series per route pattern, never per URL.
  const paperCount =
    /papertide_http_requests_total\{method="GET",route="\/api\/papers\/:id",status="200"\} (\d+)/.exec(text);
  assert.ok(paperCount, "requests are labelled by the route's pattern");
  assert.equal(paperCount[1], "2");
  assert.doesNotMatch(text, /2606\.0000[12]/, "no raw URL becomes a label");
  assert.match(text, /papertide_http_requests_total\{method="GET",route="\(unmatched\)",status="404"\} 1/);
  assert.match(
    text,
    /papertide_http_request_duration_seconds_bucket\{le="\+Inf",method="GET",route="\/api\/papers\/:id"\} 2/,
  );
  assert.match(text, /papertide_search_duration_seconds_count [1-9]/);
  assert.match(text, /^papertide_related_lists_total\{how="computed"\} 2$/m);
  assert.match(text, /^papertide_related_lists_total\{how="updated"\} 0$/m);
  assert.match(text, /papertide_outbox_mails\{status="pending"\} 0/);
  assert.match(text, /papertide_digest_editions 0/);
  assert.match(text, /papertide_search_engine_papers 2/);
  const last = /^papertide_sync_last_success_timestamp_seconds\{source="arxiv"\} (\S+)$/m.exec(text);
  assert.ok(last, "the last harvest is reported");
  assert.ok(
    Math.abs(Number(last[1]) - harvested.getTime() / 1000) < 1,
    `${last[1]} vs ${harvested.getTime() / 1000}`,
  );
  const lag = Number(/^papertide_sync_lag_seconds\{source="arxiv"\} (\S+)$/m.exec(text)?.[1]);
  assert.ok(lag >= 3590 && lag < 3700, `lag ${lag}`);
  assert.match(text, /^papertide_sync_failures\{source="arxiv"\} 0$/m);
  assert.match(text, /process_resident_memory_bytes \d+/);
});

test("/metrics is not served to a client behind a proxy when no token is set", async () => {
  const res = await server.get("/metrics", { headers: { "X-Forwarded-For": "203.0.113.9" } });
  assert.equal(res.status, 404);
  assert.doesNotMatch(await res.text(), /papertide_/);
});

test("with PAPERTIDE_METRICS_TOKEN, /metrics needs that bearer token, even from this machine", async () => {
  const guarded = await startTestServer({ env: { PAPERTIDE_METRICS_TOKEN: TOKEN } });
  try {
    const none = await guarded.get("/metrics");
    assert.equal(none.status, 401);
    assert.match(String(none.headers.get("www-authenticate")), /^Bearer/);
    const wrong = await guarded.get("/metrics", { headers: { Authorization: `Bearer ${TOKEN}x` } });
    assert.equal(wrong.status, 401);
    const right = await guarded.get("/metrics", {
      headers: { Authorization: `Bearer ${TOKEN}`, "X-Forwarded-For": "203.0.113.9" },
    });
    assert.equal(right.status, 200);
    assert.match(await right.text(), /papertide_http_requests_total/);
  } finally {
    await guarded.close();
  }
});

test("every response names its request id, which is in each of the request's log lines", async () => {
  const res = await server.get("/api/papers/2606.00001", { headers: { "X-Request-Id": "chosen-by-client" } });
  const id = res.headers.get("x-request-id");
  assert.ok(id);
  assert.match(id, /^[0-9a-f-]{36}$/, "a client's own id is not believed without a trusted proxy");
  const lines = server
    .logs()
    .split("\n")
    .filter((l) => l.includes(id));
  assert.ok(lines.length >= 2, "the request's log lines carry its id");
  for (const line of lines) assert.equal(JSON.parse(line).reqId, id);
});

test("behind a trusted proxy, its well-formed request id is kept and a malformed one replaced", async () => {
  const proxied = await startTestServer({ env: { PAPERTIDE_TRUST_PROXY: "true" } });
  try {
    const kept = await proxied.get("/healthz", { headers: { "X-Request-Id": "nginx-4f2a9c" } });
    assert.equal(kept.headers.get("x-request-id"), "nginx-4f2a9c");
    for (const bad of ["has space", "x".repeat(65), "-leading-dash", 'quote"d']) {
      const res = await proxied.get("/healthz", { headers: { "X-Request-Id": bad } });
      assert.match(String(res.headers.get("x-request-id")), /^[0-9a-f-]{36}$/, bad);
    }
  } finally {
    await proxied.close();
  }
});
