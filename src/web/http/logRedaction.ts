// The one place where request URLs are made safe to log. Links in mails carry capabilities (a
// reset or verification token in the query, a signed digest token in the path), and a request
// log line is read by more people, and kept longer, than the mail it came from. Every log line
// that describes a request (Fastify's "incoming request", "request completed" and error lines)
// goes through requestLogSerializer, so a new route is covered without doing anything:
//   * query parameters whose name says they are secret have their value replaced;
//   * path parameters named like a token (`/alerts/stop/:token`) likewise, read from the route's
//     own pattern;
//   * in a request no route matched, every path segment that looks like a token (20 or more
//     URL-safe characters) is replaced.
// Error pages show the same redacted address (src/web/http/errorPages.tsx).
import type { FastifyRequest } from "fastify";

export const REDACTED = "<redacted>";

/** Query and path parameter names whose values are secrets (compared lower-cased). */
const SECRET_NAMES = new Set([
  "token",
  "t",
  "key",
  "secret",
  "password",
  "pass",
  "passwd",
  "new_password",
  "current_password",
  "code",
  "sig",
  "signature",
  "session",
  "sid",
  "_csrf",
  "csrf",
  "api_key",
  "apikey",
  "access_token",
  "refresh_token",
  "nonce",
]);

export function isSecretName(name: string): boolean {
  const n = name.toLowerCase();
  return SECRET_NAMES.has(n) || n.endsWith("token") || n.endsWith("secret") || n.endsWith("password");
}

/** Path parameters that carry a capability (`:token`, `:resetToken`, `:secret`), not `:id` or `:key`. */
const SECRET_PATH_PARAM = /(token|secret)$/i;

/** A segment that could be a capability token: long, and letters, digits, `-`, `_` and `.` only. */
const TOKENISH = /^[A-Za-z0-9._~%-]{20,}$/;

/**
 * The URL (path and query, as in req.url) with every secret value replaced by "<redacted>".
 * `routePattern` is the matched route's pattern (e.g. "/unsubscribe/:token"); without it (no
 * route matched), path segments that look like tokens are redacted instead.
 */
export function redactUrl(url: string, routePattern?: string): string {
  const q = url.indexOf("?");
  const rawPath = q === -1 ? url : url.slice(0, q);
  const query = q === -1 ? null : url.slice(q + 1);
  return redactPath(rawPath, routePattern) + (query === null ? "" : `?${redactQuery(query)}`);
}

function redactPath(rawPath: string, routePattern?: string): string {
  const segments = rawPath.split("/");
  if (routePattern) {
    const pattern = routePattern.split("/");
    for (let i = 0; i < pattern.length && i < segments.length; i++) {
      const p = pattern[i];
      if (p.startsWith(":") && SECRET_PATH_PARAM.test(p.slice(1).replace(/[?(].*$/, "")))
        segments[i] = REDACTED;
    }
    return segments.join("/");
  }
  return segments.map((s) => (TOKENISH.test(s) ? REDACTED : s)).join("/");
}

function redactQuery(query: string): string {
  return query
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      const rawName = eq === -1 ? pair : pair.slice(0, eq);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, " "));
      } catch {
        // A malformed escape: judge the name as written.
      }
      return eq !== -1 && isSecretName(name) ? `${rawName}=${REDACTED}` : pair;
    })
    .join("&");
}

/** Fastify's request log serializer, with the URL redacted (the other fields as Fastify logs them). */
export function requestLogSerializer(req: FastifyRequest) {
  return {
    method: req.method,
    url: redactUrl(req.url, req.routeOptions?.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}
