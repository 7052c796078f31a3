// A response cache for the pages and API lists everyone sees alike. The home page reads a dozen
// queries and renders thirty cards; most visitors ask for the same few URLs between two writes,
// so we keep the rendered body until the database changes.
//
// "Changed" is exact: a counter row bumped in every transaction that writes a table these pages
// read (migration 017_page_change_counter), on SQLite and PostgreSQL alike, read once per
// cacheable request; so a write through any process (another web process, a worker, an import)
// is seen by the next request to every process, while writes no cached page shows (sessions,
// rate-limit counters, stored similar papers) leave the cache warm. The version is read before
// the handler renders, so a page is never stored under a version newer than its data.
// Entries also expire after a minute, since trending depends on the clock. Only anonymous requests (no
// cookie) are served from or stored into the cache, and never a response that sets a cookie,
// so nothing personal is shared.
//
// Cached text bodies of 1 KB or more are also kept brotli- and gzip-encoded (compressed once, when
// stored), and sent that way to clients that accept it: `/api/daily_papers` is ~190 KB of JSON,
// ~30 KB gzipped. A hit then costs no compression; @fastify/compress (compression.ts) leaves a
// body whose Content-Encoding is set alone.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { sql } from "kysely";
import type { Store } from "../../store/db.ts";
import {
  chooseEncoding,
  type Encoding,
  encodeBoth,
  isCompressibleType,
  MIN_BYTES,
  varyOnEncoding,
} from "./compression.ts";

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
  /** The body in each encoding, for text bodies worth it (null otherwise). */
  encoded: Record<Encoding, Buffer> | null;
}

const MAX_ENTRIES = 500;
const TTL_MS = 60_000;
/** Response headers that are part of what is cached (the rest is set anew per response). */
const KEPT_HEADERS = ["link", "x-total-count", "cache-control", "location"];

/** Sends the entry's encoded body when the client takes one, else the plain one. */
function bodyFor(req: FastifyRequest, reply: FastifyReply, entry: Entry): string | Buffer {
  varyOnEncoding(reply);
  const encoding = entry.encoded ? chooseEncoding(req) : null;
  if (!encoding || !entry.encoded) return entry.body;
  reply.header("content-encoding", encoding);
  return entry.encoded[encoding];
}

export function registerResponseCache(app: FastifyInstance, store: Store): void {
  const version = dataVersion(store);
  const entries = new Map<string, Entry>();
  const hit = Symbol("cacheHit");
  /** The data version read before the handler ran, for the entry its response makes. */
  const seen = Symbol("cacheVersion");

  const cacheable = (req: FastifyRequest) =>
    req.method === "GET" && req.routeOptions.config?.cache === true && !req.headers.cookie;

  // preHandler, not onRequest: rate limits (onRequest) and parameter validation still apply to hits.
  app.addHook("preHandler", async (req: FastifyRequest, reply: FastifyReply) => {
    if (!cacheable(req)) return;
    const current = await version();
    (req as unknown as Record<symbol, string>)[seen] = current;
    const entry = entries.get(req.url);
    if (!entry) return;
    // The TTL is elapsed time on the process timer, not a time of day (no Clock involved).
    if (entry.version !== current || entry.expires < Date.now()) {
      entries.delete(req.url);
      return;
    }
    // Refresh its place in the LRU order.
    entries.delete(req.url);
    entries.set(req.url, entry);
    (reply as unknown as Record<symbol, boolean>)[hit] = true;
    reply.code(entry.status).type(entry.type).headers(entry.headers).header("x-cache", "hit");
    return reply.send(bodyFor(req, reply, entry));
  });

  app.addHook("onSend", async (req, reply, payload) => {
    if (!cacheable(req) || (reply as unknown as Record<symbol, boolean>)[hit]) return payload;
    if (reply.statusCode !== 200 || reply.getHeader("set-cookie")) return payload;
    if (typeof payload !== "string" && !Buffer.isBuffer(payload)) return payload;
    const readBefore = (req as unknown as Record<symbol, string | undefined>)[seen];
    if (readBefore === undefined) return payload;
    const headers: Record<string, string> = {};
    for (const name of KEPT_HEADERS) {
      const value = reply.getHeader(name);
      if (typeof value === "string") headers[name] = value;
    }
    const type = String(reply.getHeader("content-type") ?? "text/plain");
    const worthEncoding = isCompressibleType(type) && Buffer.byteLength(payload) >= MIN_BYTES;
    const entry: Entry = {
      version: readBefore,
      expires: Date.now() + TTL_MS,
      status: reply.statusCode,
      type,
      headers,
      body: payload,
      encoded: worthEncoding ? encodeBoth(payload) : null,
    };
    entries.set(req.url, entry);
    if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
    reply.header("x-cache", "miss");
    return bodyFor(req, reply, entry);
  });
}

/** A cheap function whose value changes whenever what the cached pages show may have changed. */
function dataVersion(store: Store): () => string | Promise<string> {
  if (store.sqlite) {
    const stmt = store.sqlite.prepare("SELECT n FROM page_changes WHERE id = 1").pluck();
    return () => String(stmt.get());
  }
  const query = sql<{ n: string | number }>`SELECT n FROM page_changes WHERE id = 1`;
  return async () => String((await query.execute(store.db)).rows[0]?.n ?? "");
}
