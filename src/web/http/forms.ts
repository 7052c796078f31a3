// Small helpers every form route shares: form bodies, safe redirects, the "sign in first"
// answer, the JSON-or-page choice, the per-poster rate-limit key.
import type { FastifyReply, FastifyRequest } from "fastify";
import { hashSecret } from "../../accounts/secrets.ts";
import type { User } from "../../store/users.ts";
import { sessionIdOf } from "./viewer.ts";

/**
 * The parsed body as an object of its fields ({} when there is none): repeated form fields are
 * arrays, a JSON body keeps its types. Domain code validates each value.
 */
export function formBody(req: FastifyRequest): Record<string, unknown> {
  const body = req.body;
  return body && typeof body === "object" ? (body as Record<string, unknown>) : {};
}

/** Form fields as strings (formbody gives strings; anything else is left out). */
export function formFields(req: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(formBody(req))) {
    if (typeof v === "string") out[k] = v;
  }
  return out;
}

const MAX_NEXT_LENGTH = 2000;

/**
 * Where to send the reader back to, from user input (a `next` field, a Referer-like value): only a
 * path on this site, else `fallback`. It must start with a single "/", hold only printable ASCII
 * (a Location header carries nothing else: other characters would fail the answer after its work
 * is done) and no backslash; its path part holds no "//" and no backslash after percent-decoding
 * either (browsers read "/\\evil" and "//evil" as another host); at most 2000 characters.
 */
export function safeNext(raw: unknown, fallback = "/"): string {
  if (
    typeof raw !== "string" ||
    raw.length > MAX_NEXT_LENGTH ||
    !sameSitePath(raw, 0x21, 0x7e) ||
    raw.includes("\\")
  )
    return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return fallback; // a broken %-escape
  }
  return sameSitePath(decoded, 0x20, 0x10ffff) ? raw : fallback;
}

/** Starts with "/", characters in [min, max] but never DEL; no "//" or "\\" before any ? or #. */
function sameSitePath(s: string, min: number, max: number): boolean {
  if (!s.startsWith("/")) return false;
  const end = s.search(/[?#]/);
  const path = end < 0 ? s : s.slice(0, end);
  if (path.includes("//") || path.includes("\\")) return false;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c < min || c > max || c === 0x7f) return false;
  }
  return true;
}

/**
 * A script's request (save.js, vote.js, an API client) asks for JSON; a browser's page request
 * accepts text/html, whatever else it lists, and gets a page.
 */
export function wantsJson(req: FastifyRequest): boolean {
  const accept = String(req.headers.accept ?? "");
  return accept.includes("application/json") && !accept.includes("text/html");
}

/**
 * Rate-limit key of a writer: per account (signed-in posters share campus NATs), by the session
 * cookie's hash; else per IP.
 */
export function perPoster(req: FastifyRequest): string {
  const session = sessionIdOf(req);
  return session ? `s:${hashSecret(session)}` : `ip:${req.ip}`;
}

export function loginPath(next: string): string {
  return `/login?next=${encodeURIComponent(next)}`;
}

/**
 * The signed-in user, or null after answering: pages redirect to sign-in (303, then back), script
 * requests get 401 JSON.
 */
export function requireUser(req: FastifyRequest, reply: FastifyReply, back?: string): User | null {
  const user = req.viewer?.user ?? null;
  if (user) return user;
  if (wantsJson(req)) {
    reply.code(401).send({ error: "sign_in_required", message: "Sign in first." });
  } else {
    reply.redirect(loginPath(safeNext(back ?? (req.method === "GET" ? req.url : undefined))), 303);
  }
  return null;
}
