// Request ids: every log line of a request carries its id (Fastify's reqId), and the response
// names it in X-Request-Id, so a reader's report of a failed page leads to its log lines.
// An id arriving in X-Request-Id is kept only when a trusted reverse proxy may have set it
// (PAPERTIDE_TRUST_PROXY) and it is a short token of safe characters: anything else (a client
// choosing ids to mix its requests with another's, or control characters in a log) gets a fresh
// random id.
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { FastifyInstance } from "fastify";

export const REQUEST_ID_HEADER = "x-request-id";
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/** Fastify's genReqId: the proxy's id when believed and well-formed, otherwise a new one. */
export function requestIdGenerator(trustProxy: false | string[]): (req: IncomingMessage) => string {
  return (req) => {
    const given = trustProxy === false ? undefined : req.headers[REQUEST_ID_HEADER];
    return typeof given === "string" && SAFE_ID.test(given) ? given : randomUUID();
  };
}

/** Sends each request's id back in X-Request-Id. */
export function registerRequestIdHeader(app: FastifyInstance): void {
  app.addHook("onRequest", async (req, reply) => {
    reply.header("X-Request-Id", req.id);
  });
}
