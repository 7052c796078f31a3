// Small helpers the account and community routes share: form bodies, safe redirects, the
// "sign in first" answer.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { User } from "../store/users.ts";

/** Form fields as strings (formbody gives strings; anything else becomes ""). */
export function formFields(req: FastifyRequest): Record<string, string> {
  const body = req.body;
  const out: Record<string, string> = {};
  if (body && typeof body === "object") {
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      if (typeof v === "string") out[k] = v;
    }
  }
  return out;
}

/** Only same-site paths: "/x" yes, "//evil.example" or "https://..." or "/\\evil" no. */
export function safeNext(raw: string | undefined, fallback = "/"): string {
  if (!raw || raw.length > 2000 || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\"))
    return fallback;
  // Control characters (CR/LF) could split headers or confuse a browser's URL parser.
  for (let k = 0; k < raw.length; k++) if (raw.charCodeAt(k) < 0x20) return fallback;
  return raw;
}

export function wantsJson(req: FastifyRequest): boolean {
  return (req.headers.accept ?? "").includes("application/json");
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
