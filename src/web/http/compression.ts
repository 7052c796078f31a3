// Response compression: every text response (pages, JSON, feeds, CSS, JS, SVG) goes out brotli-
// or gzip-encoded when the client's Accept-Encoding allows it. Three places produce encoded bodies,
// all choosing the encoding the same way (chooseEncoding, server preference br > gzip on a tie):
// - @fastify/compress, registered here, for every response built per request;
// - the page cache (responseCache.ts), which encodes a body once when it stores it and then only
//   picks a buffer, so the plugin sees Content-Encoding already set and passes it through;
// - the static assets (assets.ts), encoded once per process at start-up, same pass-through.
// Bodies under MIN_BYTES are not worth a header's overhead and stay plain; types that are already
// compressed (woff2, images) stay plain whatever their size.

import zlib from "node:zlib";
import { negotiate } from "@fastify/accept-negotiator";
import compress from "@fastify/compress";
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from "fastify";

export type Encoding = "br" | "gzip";
const ENCODINGS: Encoding[] = ["br", "gzip"];

/** Smaller bodies are sent as they are (also the plugin's threshold). */
export const MIN_BYTES = 1024;

/**
 * Brotli for bodies made per request or per database state: quality 5 compresses a 100 KB page
 * in about a millisecond and gets within a few percent of the best quality's size.
 */
const DYNAMIC_BROTLI = {
  params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: 5,
    [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
  },
};

/** Text types: what the Vary header and the cache's encoding apply to. */
const TEXT_TYPE = /^(text\/|application\/([\w.-]+\+)?(json|xml|javascript)\b|image\/svg\+xml\b|font\/ttf\b)/i;

export function isCompressibleType(type: string): boolean {
  return TEXT_TYPE.test(type);
}

/**
 * The encoding to send for a request's Accept-Encoding, or null for the plain body. `*` and
 * `x-gzip` mean gzip, as @fastify/compress reads them, so every path agrees with the plugin.
 */
export function chooseEncoding(req: FastifyRequest): Encoding | null {
  const header = req.headers["accept-encoding"];
  // The plugin also honours x-no-compression (a debugging aid); so does every path here.
  if (typeof header !== "string" || header === "" || req.headers["x-no-compression"] !== undefined)
    return null;
  return negotiate(header.toLowerCase().replace(/\*|x-gzip/g, "gzip"), ENCODINGS) as Encoding | null;
}

/**
 * The encoding the plugin will give this text body for this request (null: sent plain), for a
 * handler that must name the representation before it is encoded (a feed's ETag).
 */
export function encodingFor(req: FastifyRequest, body: string | Buffer): Encoding | null {
  return Buffer.byteLength(body) < MIN_BYTES ? null : chooseEncoding(req);
}

/** A body in both encodings, made once (the page cache keeps them with the plain body). */
export function encodeBoth(body: string | Buffer): Record<Encoding, Buffer> {
  return { br: zlib.brotliCompressSync(body, DYNAMIC_BROTLI), gzip: zlib.gzipSync(body) };
}

/** Adds accept-encoding to the reply's Vary header (once). */
export function varyOnEncoding(reply: FastifyReply): void {
  const current = reply.getHeader("vary");
  const list = (Array.isArray(current) ? current.join(",") : String(current ?? ""))
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
  if (list.some((v) => v === "*" || v.toLowerCase() === "accept-encoding")) return;
  reply.header("vary", [...list, "accept-encoding"].join(", "));
}

export async function registerCompression(app: FastifyInstance): Promise<void> {
  // Every text response says it varies with Accept-Encoding, the plain ones too, so a shared
  // cache keeps one copy per encoding and never hands a gzipped copy to a client that cannot read it.
  app.addHook("onSend", async (_req, reply, payload) => {
    if (isCompressibleType(String(reply.getHeader("content-type") ?? ""))) varyOnEncoding(reply);
    return payload;
  });
  await app.register(compress, {
    encodings: ENCODINGS,
    threshold: MIN_BYTES,
    brotliOptions: DYNAMIC_BROTLI,
    // Request bodies are small forms and JSON; a compressed one could expand far past the body
    // limit, which counts the bytes received. Nobody needs to send them compressed.
    globalDecompression: false,
  });
  app.addHook("onRoute", stripHeadBodiesLast);
}

/**
 * A HEAD answer carries the headers GET would (Content-Encoding, the encoded length). Fastify's
 * HEAD routes drop the body in an onSend hook listed before the plugin's, which would then find
 * nothing to encode; this hook runs after the plugin's onRoute hook and moves the drop last.
 */
function stripHeadBodiesLast(route: RouteOptions): void {
  if (route.method !== "HEAD" || !Array.isArray(route.onSend)) return;
  const hooks = route.onSend as ((...args: never[]) => unknown)[];
  const strip = hooks.findIndex((hook) => hook.name === "headRouteOnSendHandler");
  if (strip < 0 || strip === hooks.length - 1) return;
  hooks.push(...hooks.splice(strip, 1));
}
