// The docs page under the site's strict CSP. swagger-ui loads only same-origin files, but its
// React components render a few <style> elements inline (the Swagger logo's SVG colours), which
// `style-src 'self'` blocks. Instead of 'unsafe-inline' for the whole page we allow exactly those
// styles by hash, computed from the installed swagger-ui files so an upgrade keeps them right.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const SWAGGER_UI_SCRIPTS = ["swagger-ui-bundle.js", "swagger-ui-standalone-preset.js"];
/** React's compiled form of <style>{"..."}</style>: createElement("style",null,"..."). */
const INLINE_STYLE = /createElement\("style",null,("(?:[^"\\]|\\.)*")\)/g;

/** CSP source expressions ('sha256-…') for every inline style the swagger-ui scripts render. */
export function swaggerUiInlineStyleHashes(): string[] {
  const dir = path.join(
    path.dirname(createRequire(import.meta.url).resolve("@fastify/swagger-ui")),
    "static",
  );
  const hashes = new Set<string>();
  for (const file of SWAGGER_UI_SCRIPTS) {
    const source = fs.readFileSync(path.join(dir, file), "utf8");
    for (const m of source.matchAll(INLINE_STYLE)) {
      const css = JSON.parse(m[1]) as string;
      hashes.add(`'sha256-${createHash("sha256").update(css, "utf8").digest("base64")}'`);
    }
  }
  return [...hashes];
}

/** Adds sources to the style-src directive of a CSP header (helmet's `a b;c d` format). */
export function allowStyleSources(header: string, sources: string[]): string {
  if (sources.length === 0) return header;
  const directives = header.split(";").map((d) => d.trim());
  const i = directives.findIndex((d) => d.startsWith("style-src "));
  if (i < 0) return header;
  directives[i] = `${directives[i]} ${sources.join(" ")}`;
  return directives.join(";");
}
