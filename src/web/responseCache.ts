// A response cache for the pages and API lists everyone sees alike. The home page reads a dozen
// queries and renders thirty cards; most visitors ask for the same few URLs between two writes,
// so we keep the rendered body until the database changes.
//
// "Changed" is exact for SQLite: `PRAGMA data_version` moves when another connection (a CLI
// import, a sync) commits, and `total_changes()` moves when this process writes. Entries also
// expire after a minute, since trending depends on the clock. Only anonymous requests (no
// cookie) are served from or stored into the cache, and never a response that sets a cookie,
// so nothing personal is shared.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Store } from "../store/db.ts";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Opt a GET route into the shared response cache. */
    cache?: boolean;
  }
}

interface Entry {
  version: string;
  expires: number;
  status: number;
  type: string;
  headers: Record<string, string>;
  body: string | Buffer;
}

const MAX_ENTRIES = 500;
const TTL_MS = 60_000;
/** Response headers that are part of what is cached (the rest is set anew per response). */
const KEPT_HEADERS = ["link", "x-total-count", "cache-control", "location"];

export function registerResponseCache(app: FastifyInstance, store: Store): void {
  const version = dataVersion(store);
  if (!version) return; // PostgreSQL: no cheap exact change signal; serve uncached.
  const entries = new Map<string, Entry>();
  const hit = Symbol("cacheHit");

  const cacheable = (req: FastifyRequest) =>
    req.method === "GET" && req.routeOptions.config?.cache === true && !req.headers.cookie;

  // preHandler, not onRequest: rate limits (onRequest) and parameter validation still apply to hits.
  app.addHook("preHandler", async (req: FastifyRequest, reply: FastifyReply) => {
    if (!cacheable(req)) return;
    const entry = entries.get(req.url);
    if (!entry) return;
    if (entry.version !== version() || entry.expires < Date.now()) {
      entries.delete(req.url);
      return;
    }
    // Refresh its place in the LRU order.
    entries.delete(req.url);
    entries.set(req.url, entry);
    (reply as unknown as Record<symbol, boolean>)[hit] = true;
    reply.code(entry.status).type(entry.type).headers(entry.headers).header("x-cache", "hit");
    return reply.send(entry.body);
  });

  app.addHook("onSend", async (req, reply, payload) => {
    if (!cacheable(req) || (reply as unknown as Record<symbol, boolean>)[hit]) return payload;
    if (reply.statusCode !== 200 || reply.getHeader("set-cookie")) return payload;
    if (typeof payload !== "string" && !Buffer.isBuffer(payload)) return payload;
    const headers: Record<string, string> = {};
    for (const name of KEPT_HEADERS) {
      const value = reply.getHeader(name);
      if (typeof value === "string") headers[name] = value;
    }
    entries.set(req.url, {
      version: version(),
      expires: Date.now() + TTL_MS,
      status: reply.statusCode,
      type: String(reply.getHeader("content-type") ?? "text/plain"),
      headers,
      body: payload,
    });
    if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
    reply.header("x-cache", "miss");
    return payload;
  });
}

/** A cheap function whose value changes whenever the database content may have changed. */
function dataVersion(store: Store): (() => string) | null {
  const db = store.sqlite;
  if (!db) return null;
  const stmt = db.prepare("SELECT total_changes() AS t");
  return () => `${db.pragma("data_version", { simple: true })}:${(stmt.get() as { t: number }).t}`;
}
