// Static assets: our own files under src/web/static/ and KaTeX's stylesheet and fonts. URLs carry
// a content hash (or the KaTeX version), so they can be cached for a year and still change on
// every release that changes them.
//
// Every asset is read and encoded once per process, when the first server starts, and kept in
// memory: brotli at its best quality and gzip for the text files (our CSS, JS and SVG and KaTeX's
// stylesheet, about 80 KB that every new visitor fetches), a quicker brotli for KaTeX's TTF fonts
// (browsers take the WOFF2 ones first; the best quality would add a second to every start for 1%).
// WOFF and WOFF2 are compressed formats and are sent as they are. In memory rather than as files
// under the data dir: the whole set is about 1.5 MB, nothing on disk can go stale after an
// upgrade, and a request only picks a buffer, so none is compressed again (the routes opt out of
// @fastify/compress, which would skip them anyway since Content-Encoding is set).
import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import zlib from "node:zlib";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { chooseEncoding, type Encoding } from "./compression.ts";
import { encodedEtag, etagMatches } from "./etag.ts";

export const STATIC_DIR = fileURLToPath(new URL("../static/", import.meta.url));

const require = createRequire(import.meta.url);
export const KATEX_DIST_DIR = path.dirname(require.resolve("katex/dist/katex.min.css"));
const KATEX_VERSION: string = require("katex/package.json").version;

const versions = new Map<string, string>();

/** `/static/app.css?v=<hash of the file>` */
export function assetUrl(file: string): string {
  let v = versions.get(file);
  if (v === undefined) {
    v = createHash("sha256")
      .update(fs.readFileSync(path.join(STATIC_DIR, file)))
      .digest("hex")
      .slice(0, 12);
    versions.set(file, v);
  }
  return `/static/${file}?v=${v}`;
}

export function katexCssUrl(): string {
  return `/static/katex/katex.min.css?v=${KATEX_VERSION}`;
}

export interface Asset {
  type: string;
  plain: Buffer;
  /** The body in each encoding, made at start-up; null for a type that is already compressed. */
  encoded: Record<Encoding, Buffer> | null;
  /** Hash of the plain body, the base of each representation's ETag. */
  tag: string;
}

const TYPES: Record<string, { type: string; brotliQuality: number | null }> = {
  ".css": { type: "text/css; charset=utf-8", brotliQuality: 11 },
  ".js": { type: "text/javascript; charset=utf-8", brotliQuality: 11 },
  ".svg": { type: "image/svg+xml", brotliQuality: 11 },
  ".ttf": { type: "font/ttf", brotliQuality: 5 },
  ".woff": { type: "font/woff", brotliQuality: null },
  ".woff2": { type: "font/woff2", brotliQuality: null },
};

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** URL path -> file: every file of src/web/static/, and only KaTeX's stylesheet and fonts. */
function assetFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of fs.readdirSync(STATIC_DIR)) files.set(`/static/${name}`, path.join(STATIC_DIR, name));
  files.set("/static/katex/katex.min.css", path.join(KATEX_DIST_DIR, "katex.min.css"));
  const fonts = path.join(KATEX_DIST_DIR, "fonts");
  for (const name of fs.readdirSync(fonts)) {
    if (/^KaTeX_[\w-]+\.(woff2|woff|ttf)$/.test(name))
      files.set(`/static/katex/fonts/${name}`, path.join(fonts, name));
  }
  return files;
}

async function loadAsset(file: string): Promise<Asset> {
  const kind = TYPES[path.extname(file)];
  if (!kind) throw new Error(`no content type for static asset ${file}`);
  const plain = await fs.promises.readFile(file);
  const tag = createHash("sha256").update(plain).digest("base64url").slice(0, 22);
  if (kind.brotliQuality === null) return { type: kind.type, plain, encoded: null, tag };
  const [br, gz] = await Promise.all([
    brotli(plain, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: kind.brotliQuality,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: plain.length,
      },
    }),
    gzip(plain, { level: zlib.constants.Z_BEST_COMPRESSION }),
  ]);
  return { type: kind.type, plain, encoded: { br, gzip: gz }, tag };
}

// Per process, not per app: the files are the same for every server a process builds (tests build
// many), and they are encoded on the thread pool, off the event loop.
let loaded: Promise<Map<string, Asset>> | undefined;

/** Every asset by URL path, read and encoded once per process. */
export function loadAssets(): Promise<Map<string, Asset>> {
  loaded ??= (async () => {
    const entries = await Promise.all(
      [...assetFiles()].map(async ([url, file]) => [url, await loadAsset(file)] as const),
    );
    return new Map(entries);
  })();
  return loaded;
}

function sendAsset(req: FastifyRequest, reply: FastifyReply, asset: Asset): FastifyReply {
  const encoding = asset.encoded ? chooseEncoding(req) : null;
  const etag = encodedEtag(asset.tag, encoding);
  reply.header("cache-control", "public, max-age=31536000, immutable").header("etag", etag);
  if (asset.encoded) reply.header("vary", "accept-encoding");
  if (etagMatches(req, etag)) return reply.code(304).send();
  reply.type(asset.type);
  if (!encoding || !asset.encoded) return reply.send(asset.plain);
  return reply.header("content-encoding", encoding).send(asset.encoded[encoding]);
}

export async function registerStaticAssets(app: FastifyInstance): Promise<void> {
  for (const [url, asset] of await loadAssets()) {
    app.get(url, { compress: false }, (req, reply) => sendAsset(req, reply, asset));
  }
}
