// API errors: one JSON shape for every failure, {error, parameter?, message}. Schema validation
// errors from Fastify are rewritten into it, so a client always learns which parameter was wrong
// and why; server faults are logged in full but answered without any internal detail.
// Handlers fail by throwing the site's one HttpError (src/web/http/httpError.ts): its `body` is
// this JSON shape.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type ApiErrorBody, HttpError } from "../http/httpError.ts";
import { PARAM_RULES } from "./schemas.ts";

export type { ApiErrorBody };

/** 400 for a parameter that breaks its rule (see PARAM_RULES). */
export function invalidParameter(
  parameter: string,
  message = `${parameter} must be ${PARAM_RULES[parameter]}`,
) {
  return new HttpError("invalid-parameter", message, { parameter });
}

export function notFound(message: string) {
  return new HttpError("not-found", message);
}

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** Turns the first Ajv error of a request into our 400 body. */
export function validationErrorBody(validation: AjvError[]): ApiErrorBody {
  const first = validation[0];
  const parameter =
    first?.keyword === "required"
      ? String(first.params.missingProperty)
      : // instancePath is a JSON Pointer ("/limit"); ~1 and ~0 escape "/" and "~" in names.
        (first?.instancePath ?? "")
          .replace(/^\//, "")
          .split("/")[0]
          .replaceAll("~1", "/")
          .replaceAll("~0", "~");
  if (!parameter) return { error: "invalid_parameter", message: `request ${first?.message ?? "is invalid"}` };
  const rule = PARAM_RULES[parameter];
  const message =
    first.keyword === "required"
      ? `${parameter} is required${rule ? `: ${rule}` : ""}`
      : rule
        ? `${parameter} must be ${rule}`
        : `${parameter} ${first.message ?? "is invalid"}`;
  return { error: "invalid_parameter", parameter, message };
}

function sendError(reply: FastifyReply, status: number, body: ApiErrorBody) {
  return reply.code(status).type("application/json; charset=utf-8").send(body);
}

/** Error and 404 handlers for the /api scope. */
export function installApiErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | HttpError, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof HttpError) return sendError(reply, err.statusCode, err.body);
    if (err.validation) return sendError(reply, 400, validationErrorBody(err.validation as AjvError[]));
    const status = err.statusCode ?? 500;
    if (status === 429) {
      // Thrown by @fastify/rate-limit; its message says when to retry ("retry in 1 minute").
      return sendError(reply, status, { error: "rate_limited", message: err.message });
    }
    if (status >= 400 && status < 500) {
      // Fastify's own client errors (bad encoding, oversized request): their messages are safe.
      return sendError(reply, status, { error: "bad_request", message: err.message });
    }
    req.log.error({ err }, "API request failed");
    return sendError(reply, 500, { error: "internal_error", message: "Something went wrong on our side." });
  });
  app.setNotFoundHandler((req, reply) =>
    sendError(reply, 404, {
      error: "not_found",
      message: `No API route ${req.method} ${req.url.split("?")[0].slice(0, 200)}; see /openapi.json for the routes.`,
    }),
  );
}
