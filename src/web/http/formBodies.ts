// The site's forms (sign-in, comments, votes, collections, settings) take only URL-encoded
// bodies, and their CSRF check reads its token from the parsed body. So a request with a body
// of another type (JSON, text, XML...) to a page route is refused with 415 before anything
// parses it: no parser runs on input that never went through a form. A route whose scope adds a
// parser of its own (the one-click unsubscribe takes multipart, as mail providers send it) keeps
// that type, and a route without a CSRF token may name more body types in its config (`bodyTypes`:
// the digest sign-up also takes JSON from scripts); otherwise Fastify's built-in JSON and text
// parsers never serve a page route. The JSON API (/api) keeps its own content types.
import type { FastifyInstance, FastifyRequest } from "fastify";
import { isApiPath } from "./errorPages.tsx";
import { HttpError } from "./httpError.ts";

const FORM_TYPE = "application/x-www-form-urlencoded";
const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** Parsers every Fastify instance has: no page route reads what they produce. */
const BUILT_IN_TYPES = new Set(["application/json", "text/plain"]);

declare module "fastify" {
  interface FastifyContextConfig {
    /** Body types besides a form that this page route takes (only routes that need no CSRF token). */
    bodyTypes?: readonly string[];
  }
}

/** The media type of a request body, lower case without parameters; "" when there is no body. */
function bodyType(req: FastifyRequest): string {
  const header = req.headers["content-type"];
  const hasBody =
    header !== undefined ||
    req.headers["transfer-encoding"] !== undefined ||
    Number(req.headers["content-length"] ?? 0) > 0;
  if (!hasBody) return "";
  return (header ?? "").split(";")[0].trim().toLowerCase();
}

export function registerFormBodyGuard(app: FastifyInstance): void {
  app.addHook("onRequest", async (req) => {
    if (!BODY_METHODS.has(req.method) || isApiPath(req.url)) return;
    const type = bodyType(req);
    if (type === "" || type === FORM_TYPE) return;
    // req.server is the route's own scope: a parser it added for this type is the route's choice.
    if (!BUILT_IN_TYPES.has(type) && req.server.hasContentTypeParser(type)) return;
    if (req.routeOptions.config?.bodyTypes?.includes(type)) return;
    throw new HttpError(
      "unsupported-media-type",
      `Forms on this site are sent as ${FORM_TYPE}; this request was sent as ${type || "a body without a Content-Type"}.`,
      { title: "This form was sent in a format the site does not take" },
    );
  });
}
