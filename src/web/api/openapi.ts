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

function isPublicApi(url: string): boolean {
  return (
    (url.startsWith("/api/") && !url.startsWith(`${DOCS_PREFIX}/`) && url !== DOCS_PREFIX) ||
    url === "/healthz" ||
    url === "/readyz"
  );
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
    transform: ({ schema, url }) => ({ schema: isPublicApi(url) ? schema : { ...schema, hide: true }, url }),
  });
  // The site's strict CSP from helmet stays in force on the docs page: swagger-ui loads only
  // same-origin files (the validator badge is off); its few inline styles are allowed by hash.
  const styleHashes = swaggerUiInlineStyleHashes();
  await app.register(swaggerUi, {
    routePrefix: DOCS_PREFIX,
    transformStaticCSP: (header) => allowStyleSources(header, styleHashes),
    theme: { title: "Papertide API" },
    uiConfig: { deepLinking: true, docExpansion: "list", defaultModelsExpandDepth: 0 },
  });
  app.get("/openapi.json", { schema: { hide: true } }, async (_req, reply) => {
    reply.header("access-control-allow-origin", "*");
    return app.swagger();
  });
}
