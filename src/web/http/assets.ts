// Static assets: our own files under src/web/static/ and KaTeX's stylesheet and fonts. URLs carry
// a content hash (or the KaTeX version), so they can be cached for a year and still change on
// every release that changes them.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";

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

/** Only the stylesheet and its fonts are public; the rest of katex/dist is not ours to serve. */
function isKatexAsset(pathName: string): boolean {
  return pathName === "/katex.min.css" || /^\/fonts\/KaTeX_[\w-]+\.(woff2|woff|ttf)$/.test(pathName);
}

export async function registerStaticAssets(app: FastifyInstance): Promise<void> {
  const cache = { maxAge: "365d", immutable: true, index: false as const };
  await app.register(fastifyStatic, { root: STATIC_DIR, prefix: "/static/", ...cache });
  await app.register(fastifyStatic, {
    root: KATEX_DIST_DIR,
    prefix: "/static/katex/",
    decorateReply: false,
    allowedPath: isKatexAsset,
    ...cache,
  });
}
