// GET /metrics in Prometheus's text format (prom-client): requests and their latency by route
// pattern (never the raw URL, so the series stay few), search latency, the similar-paper lists
// the background upkeep wrote, the outbox's queue, digests built, the arXiv harvest's last run
// and lag, the search engine's size, and Node's process metrics (memory, event-loop delay). Each
// app has its own registry: two apps in one process (as tests make) count apart.
//
// With `papertide serve --workers N` a scrape reaches one process, which asks the primary for
// the figures of all of them (prom-client's AggregatorRegistry over the cluster's IPC): counts
// and histograms are summed, what is read from the database is reported once.
//
// Who may read it (src/config/metrics.ts): with PAPERTIDE_METRICS_TOKEN set, a request bearing
// that token; without it, only a client on this machine that no proxy forwarded (the check of
// the developer pages). Anyone else gets 404, or 401 for a missing or wrong token.
import cluster from "node:cluster";
import { randomUUID, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { AggregatorRegistry, Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { AppServices } from "../../app/services.ts";
import { digestEditionCount } from "../../store/operations.ts";
import { outboxCounts } from "../../store/outbox.ts";
import { lastSyncStatus } from "../../store/syncRuns.ts";
import { isLocalDeveloperRequest } from "./localDeveloper.ts";

/** Latency buckets in seconds: from a cached page (~1 ms) to a slow search. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** The label of requests no route matched (404s, probes): one series for all of them. */
const UNMATCHED = "(unmatched)";

export function registerMetrics(app: FastifyInstance, services: AppServices): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // In a web process of a cluster, the primary collects this registry over IPC.
  if (cluster.isWorker) {
    // Making one is what makes prom-client answer the primary's requests in this process.
    new AggregatorRegistry();
    AggregatorRegistry.setRegistries([registry]);
  }
  const requests = new Counter({
    name: "papertide_http_requests_total",
    help: "HTTP requests answered, by method, route pattern and status code.",
    labelNames: ["method", "route", "status"] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: "papertide_http_request_duration_seconds",
    help: "Time to answer an HTTP request, by method and route pattern.",
    labelNames: ["method", "route"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const searches = new Histogram({
    name: "papertide_search_duration_seconds",
    help: "Time the search engine took to rank one search (pages and API), in seconds.",
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  services.search.onSearch = (seconds) => searches.observe(seconds);
  const relatedLists = new Counter({
    name: "papertide_related_lists_total",
    help: "Similar-paper lists the background upkeep brought up to date: computed afresh, or updated with the papers indexed since.",
    labelNames: ["how"] as const,
    registers: [registry],
  });
  services.search.onRelatedLists = ({ computed, updated }) => {
    relatedLists.inc({ how: "computed" }, computed);
    relatedLists.inc({ how: "updated" }, updated);
  };
  new Gauge({
    name: "papertide_web_processes",
    help: "Web processes answering on this port (summed over a cluster).",
    registers: [registry],
  }).set(1);
  const { db } = services.store;
  const clock = services.clock;
  new Gauge({
    name: "papertide_outbox_mails",
    aggregator: "first",
    help: "Mails in the outbox by status: pending and sending are the queue, failed gave up, sent went out (sent rows are pruned after a while).",
    labelNames: ["status"] as const,
    registers: [registry],
    async collect() {
      const counts = await outboxCounts(db);
      for (const [status, n] of Object.entries(counts)) this.set({ status }, n);
    },
  });
  new Gauge({
    name: "papertide_digest_editions",
    aggregator: "first",
    help: "Digest editions built so far.",
    registers: [registry],
    async collect() {
      this.set(await digestEditionCount(db));
    },
  });
  // Per scheduled source (arXiv, the daily-papers mirror), from the same record `papertide stats`
  // and /admin/status show (src/store/syncRuns.ts); absent until a source has run once.
  const syncStatus = () => lastSyncStatus(db, clock.now());
  new Gauge({
    name: "papertide_sync_last_success_timestamp_seconds",
    help: "When each scheduled source last synced successfully, in Unix seconds.",
    labelNames: ["source"] as const,
    aggregator: "first",
    registers: [registry],
    async collect() {
      this.reset();
      for (const s of await syncStatus())
        if (s.lastSuccessAt) this.set({ source: s.source }, Date.parse(s.lastSuccessAt) / 1000);
    },
  });
  new Gauge({
    name: "papertide_sync_lag_seconds",
    help: "Seconds since each scheduled source last synced successfully.",
    labelNames: ["source"] as const,
    aggregator: "first",
    registers: [registry],
    async collect() {
      this.reset();
      for (const s of await syncStatus())
        if (s.lagSeconds !== null) this.set({ source: s.source }, s.lagSeconds);
    },
  });
  new Gauge({
    name: "papertide_sync_failures",
    help: "Attempts in a row that failed, per scheduled source (0 after a success).",
    labelNames: ["source"] as const,
    aggregator: "first",
    registers: [registry],
    async collect() {
      this.reset();
      for (const s of await syncStatus()) this.set({ source: s.source }, s.failures);
    },
  });
  new Gauge({
    name: "papertide_search_engine_papers",
    // Each process holds its own engine: the smallest tells whether one lags behind.
    aggregator: "min",
    help: "Papers held by this process's in-memory search engine (0 until the first search or /readyz loads it).",
    registers: [registry],
    async collect() {
      const engine = services.search.engine ? await services.search.engine.catch(() => null) : null;
      this.set(engine?.docCount ?? 0);
    },
  });

  app.addHook("onResponse", async (req, reply) => {
    const route = req.routeOptions.url ?? UNMATCHED;
    requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    latency.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });

  const token = services.config.metrics.token;
  app.get("/metrics", async (req, reply) => {
    if (token !== null) {
      if (!bearerMatches(req, token)) {
        reply.header("WWW-Authenticate", 'Bearer realm="metrics"');
        return reply.code(401).type("text/plain; charset=utf-8").send("A metrics token is required.");
      }
    } else if (!isLocalDeveloperRequest(req)) {
      return reply.callNotFound();
    }
    reply.header("Cache-Control", "no-store");
    reply.type(registry.contentType);
    return cluster.isWorker ? clusterMetrics(registry) : registry.metrics();
  });
}

function bearerMatches(req: FastifyRequest, token: string): boolean {
  const header = req.headers.authorization ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) return false;
  const given = Buffer.from(match[1]);
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/** Messages between a web process and the primary (src/cli/commands/serve.ts answers them). */
export const METRICS_REQUEST = "papertide:metrics";
export const METRICS_REPLY = "papertide:metrics-reply";
const CLUSTER_WAIT_MS = 5000;

/** The whole cluster's metrics from the primary; this process's own if it does not answer. */
function clusterMetrics(own: Registry): Promise<string> {
  return new Promise((resolve) => {
    const id = randomUUID();
    const done = (text: string | null) => {
      clearTimeout(timer);
      process.off("message", onMessage);
      if (text !== null) resolve(text);
      else own.metrics().then(resolve, () => resolve(""));
    };
    const onMessage = (m: unknown) => {
      const msg = m as { type?: string; id?: string; text?: string; error?: boolean };
      if (msg?.type === METRICS_REPLY && msg.id === id) done(msg.error ? null : String(msg.text ?? ""));
    };
    const timer = setTimeout(() => done(null), CLUSTER_WAIT_MS);
    process.on("message", onMessage);
    process.send?.({ type: METRICS_REQUEST, id });
  });
}
