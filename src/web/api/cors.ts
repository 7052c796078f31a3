// CORS for a public, read-only API: any origin may GET it from a browser. No credentials are
// involved (the API has no sessions), so a wildcard origin is safe here.
import type { FastifyInstance } from "fastify";

const ALLOWED_METHODS = "GET, HEAD, OPTIONS";
/** Headers a browser script may read; pagination lives in them. */
const EXPOSED_HEADERS =
  "Link, X-Total-Count, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset";

export function installCors(app: FastifyInstance): void {
  app.addHook("onSend", async (_req, reply, payload) => {
    reply.header("access-control-allow-origin", "*");
    reply.header("access-control-expose-headers", EXPOSED_HEADERS);
    // helmet's same-origin default would stop other sites embedding API responses (no-cors).
    reply.header("cross-origin-resource-policy", "cross-origin");
    return payload;
  });
  // Preflight, for clients that add a custom header to their GET.
  app.options("/*", { schema: { hide: true } }, async (req, reply) => {
    const requested = req.headers["access-control-request-headers"];
    reply.header("access-control-allow-methods", ALLOWED_METHODS);
    if (typeof requested === "string" && /^[\w\s,-]{1,500}$/.test(requested)) {
      reply.header("access-control-allow-headers", requested);
    }
    reply.header("access-control-max-age", "86400");
    return reply.code(204).send();
  });
}
