// GET /metrics in Prometheus's text format (prom-client): requests and their latency by route
// pattern (never the raw URL, so the series stay few), search latency, the outbox's queue, digests
// built, the arXiv harvest's last run and lag, the search engine's size, and Node's process
// metrics (memory, event-loop delay). Each app has its own registry: two apps in one process (as
// tests make) count apart.
//
// Who may read it (src/config/metrics.ts): with PAPERTIDE_METRICS_TOKEN set, a request bearing
// that token; without it, only a client on this machine that no proxy forwarded (the check of
// the developer pages). Anyone else gets 404, or 401 for a missing or wrong token.
import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { AppServices } from "../../app/services.ts";
import { digestEditionCount, lastHarvestAt } from "../../store/operations.ts";
import { outboxCounts } from "../../store/outbox.ts";
import { isLocalDeveloperRequest } from "./localDeveloper.ts";

/** Latency buckets in seconds: from a cached page (~1 ms) to a slow search. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** The label of requests no route matched (404s, probes): one series for all of them. */
const UNMATCHED = "(unmatched)";

export function registerMetrics(app: FastifyInstance, services: AppServices): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
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
  const { db } = services.store;
  const clock = services.clock;
  new Gauge({
    name: "papertide_outbox_mails",
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
    help: "Digest editions built so far.",
    registers: [registry],
    async collect() {
      this.set(await digestEditionCount(db));
    },
  });
  new Gauge({
    name: "papertide_sync_last_timestamp_seconds",
    help: "When an arXiv harvest last saved progress, in Unix seconds (absent until one has run).",
    registers: [registry],
    async collect() {
      const at = await lastHarvestAt(db);
      if (at === null) this.reset();
      else this.set(at.getTime() / 1000);
    },
  });
  new Gauge({
    name: "papertide_sync_lag_seconds",
    help: "Seconds since an arXiv harvest last saved progress (absent until one has run).",
    registers: [registry],
    async collect() {
      const at = await lastHarvestAt(db);
      if (at === null) this.reset();
      else this.set(Math.max(0, (clock.now().getTime() - at.getTime()) / 1000));
    },
  });
  new Gauge({
    name: "papertide_search_engine_papers",
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
    return registry.metrics();
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
