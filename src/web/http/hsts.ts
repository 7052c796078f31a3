// Strict-Transport-Security only where it means something: on an answer to a request that came
// over TLS (directly, or through a trusted proxy's X-Forwarded-Proto: Fastify's req.protocol), or
// when the site's base URL is https. Over plain HTTP browsers ignore it anyway, and sending it
// from a local http instance says something about the host that is not true.
import type { FastifyInstance, FastifyRequest } from "fastify";

export const HSTS_VALUE = "max-age=31536000; includeSubDomains";

export function servedOverTls(req: FastifyRequest, baseUrl: string): boolean {
  return req.protocol === "https" || baseUrl.startsWith("https://");
}

export function registerHsts(app: FastifyInstance, baseUrl: string): void {
  app.addHook("onRequest", async (req, reply) => {
    if (servedOverTls(req, baseUrl)) reply.header("strict-transport-security", HSTS_VALUE);
  });
}
