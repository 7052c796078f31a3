// The OpenAPI document (/openapi.json) and its docs page (/api/docs). @fastify/swagger builds the
// document from the routes' own JSON schemas; only the public API is listed, not the HTML pages.
import fs from "node:fs";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { allowStyleSources, swaggerUiInlineStyleHashes } from "./docsCsp.ts";

const packageJson = JSON.parse(
  fs.readFileSync(new URL("../../../package.json", import.meta.url), "utf8"),
) as {
  version: string;
};

export const DOCS_PREFIX = "/api/docs";

/**
 * swagger-ui's own colours below a 4.5:1 contrast: its version badges, the document's URL and
 * the GET badges (white on light blue, 2.3:1). Same hues, darker.
 */
const DOCS_CSS = `
.swagger-ui .info .title small { background: #4b5563; }
.swagger-ui .info .title small.version-stamp { background: #2f6b1f; }
.swagger-ui .info .title small pre { color: #fff; }
.swagger-ui .info .url, .swagger-ui .info a { color: #1d5fa8; }
.swagger-ui .opblock.opblock-get .opblock-summary-method { background: #1d5fa8; }
`;

/**
 * The page swagger-ui renders leaves its title block outside any landmark and goes from its h1
 * to h3 headings: the title block becomes the page's banner, and the tag and "Schemas" headings
 * are announced at level 2.
 */
const DOCS_JS = `
(function () {
  function fix() {
    var info = document.querySelector(".swagger-ui .information-container");
    if (info && info.getAttribute("role") !== "banner") info.setAttribute("role", "banner");
    document.querySelectorAll(".swagger-ui h3.opblock-tag, .swagger-ui .models h4").forEach(function (h) {
      if (h.getAttribute("aria-level") !== "2") h.setAttribute("aria-level", "2");
    });
  }
  fix();
  new MutationObserver(fix).observe(document.documentElement, { childList: true, subtree: true });
})();
`;

function isPublicApi(url: string): boolean {
  return (
    (url.startsWith("/api/") && !url.startsWith(`${DOCS_PREFIX}/`) && url !== DOCS_PREFIX) ||
    url === "/healthz" ||
    url === "/readyz"
  );
}

/**
 * Any API route can fail on the server's side (a database gone away): that answer is the same
 * ApiError JSON, without internals, so the document lists it for every route that answers JSON.
 */
function withServerError<S extends { response?: unknown }>(schema: S): S {
  const response = schema?.response as Record<string, unknown> | undefined;
  if (!response || "500" in response || !Object.keys(response).some((s) => s.startsWith("4"))) return schema;
  return { ...schema, response: { ...response, 500: { $ref: "ApiError#" } } };
}

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "Papertide API",
        version: packageJson.version,
        description:
          "Public, read-only JSON API of this Papertide instance: daily papers, papers and search. " +
          "Errors are JSON `{error, parameter?, message}`; requests are rate limited per IP " +
          "(X-RateLimit-* headers); any origin may call it (CORS).",
      },
      tags: [
        { name: "papers", description: "Daily lists, papers and search" },
        { name: "authors and categories", description: "An author's papers; one arXiv category's lists" },
        { name: "meta", description: "Service health" },
      ],
    },
    // Name shared schemas by their $id (Paper, DailyPaper, ApiError) instead of def-0, def-1.
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
    // Every route of the server passes through here; the HTML pages are not part of the API.
    transform: ({ schema, url }) => ({
      schema: isPublicApi(url) ? withServerError(schema) : { ...schema, hide: true },
      url,
    }),
  });
  // The site's strict CSP from helmet stays in force on the docs page: swagger-ui loads only
  // same-origin files (the validator badge is off); its few inline styles are allowed by hash.
  const styleHashes = swaggerUiInlineStyleHashes();
  await app.register(swaggerUi, {
    routePrefix: DOCS_PREFIX,
    transformStaticCSP: (header) => allowStyleSources(header, styleHashes),
    theme: {
      title: "Papertide API",
      css: [{ filename: "papertide.css", content: DOCS_CSS }],
      js: [{ filename: "papertide.js", content: DOCS_JS }],
    },
    // BaseLayout: no top bar (its "explore" box and logo serve a multi-API portal, not this page).
    // Without deep links an operation's summary holds no link inside its button.
    uiConfig: { layout: "BaseLayout", deepLinking: false, docExpansion: "list", defaultModelsExpandDepth: 0 },
  });
  app.get("/openapi.json", { schema: { hide: true } }, async (_req, reply) => {
    reply.header("access-control-allow-origin", "*");
    return app.swagger();
  });
}
