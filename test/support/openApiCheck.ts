// Every JSON response of the API, checked against the OpenAPI document the server publishes
// (/openapi.json), as a client reading that document would expect it. The test server
// (server.ts) attaches the check to every API route as it is added, so every API test passes
// through it; a response that breaks the document (a field missing or of another type, a status
// the document does not list) is recorded and fails the test file when its server closes.
import zlib from "node:zlib";
import { Ajv, type ValidateFunction } from "ajv";
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from "fastify";

// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document is untyped JSON.
type Doc = Record<string, any>;

/** Routes kept out of the document that answer for a documented one. */
const DOCUMENTED_AS: Record<string, string> = {
  "/api/papers/*": "/api/papers/{id}",
  "/api/papers/:archive/:number/related": "/api/papers/{id}/related",
};

/** Routes of the public API (the document lists these; the docs page's own files are not API). */
export function isApiRoute(url: string): boolean {
  return (url.startsWith("/api/") && !url.startsWith("/api/docs")) || url === "/healthz" || url === "/readyz";
}

/** The document's path for a route URL: /api/papers/:id -> /api/papers/{id}. */
export function documentPath(url: string): string {
  return DOCUMENTED_AS[url] ?? url.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
}

export class OpenApiCheck {
  private readonly ajv = new Ajv({ strict: false, allErrors: false });
  private readonly validators = new Map<string, ValidateFunction | string>();
  private loaded = false;
  readonly violations: string[] = [];
  /** JSON responses checked (a test of the check can see that it ran). */
  checked = 0;

  constructor(private readonly doc: () => Doc) {}

  /** The problem with one response, or null when the document allows it. */
  problem(method: string, routeUrl: string, status: number, body: unknown): string | null {
    const validate = this.validator(method.toLowerCase(), documentPath(routeUrl), status);
    if (typeof validate === "string") return validate;
    if (validate(body)) return null;
    const e = validate.errors?.[0];
    return `${e?.instancePath || "(body)"} ${e?.message ?? "is invalid"} (${JSON.stringify(e?.params ?? {})})`;
  }

  private validator(method: string, path: string, status: number): ValidateFunction | string {
    const key = `${method} ${path} ${status}`;
    let v = this.validators.get(key);
    if (v === undefined) {
      v = this.compile(method, path, status);
      this.validators.set(key, v);
    }
    return v;
  }

  private compile(method: string, path: string, status: number): ValidateFunction | string {
    const doc = this.doc();
    if (!this.loaded) {
      this.ajv.addSchema(doc, "openapi");
      this.loaded = true;
    }
    const operation = doc.paths?.[path]?.[method];
    if (!operation) return `${method.toUpperCase()} ${path} is not in the OpenAPI document`;
    const response = operation.responses?.[String(status)];
    if (!response)
      return `status ${status} of ${method.toUpperCase()} ${path} is not in the OpenAPI document`;
    const media = Object.keys(response.content ?? {}).find((t) => t.startsWith("application/json"));
    if (!media) return `status ${status} of ${method.toUpperCase()} ${path} documents no JSON body`;
    const pointer = ["paths", path, method, "responses", String(status), "content", media, "schema"]
      .map((p) => p.replaceAll("~", "~0").replaceAll("/", "~1"))
      .join("/");
    return this.ajv.compile({ $ref: `openapi#/${pointer}` });
  }

  /** Adds the check to a route's onSend hooks (call from an onRoute hook, before compression's). */
  attach(route: RouteOptions): void {
    if (!isApiRoute(route.url)) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!methods.some((m) => m === "GET" || m === "POST")) return;
    const hook = (
      req: FastifyRequest,
      reply: FastifyReply,
      payload: unknown,
      done: (err: null, p: unknown) => void,
    ) => {
      this.record(req, reply, payload);
      done(null, payload);
    };
    const existing = route.onSend;
    route.onSend = existing ? [...(Array.isArray(existing) ? existing : [existing]), hook] : [hook];
  }

  private record(req: FastifyRequest, reply: FastifyReply, payload: unknown): void {
    if (req.method === "HEAD") return;
    const type = String(reply.getHeader("content-type") ?? "");
    if (!type.startsWith("application/json")) return;
    const text = bodyText(payload, String(reply.getHeader("content-encoding") ?? ""));
    const where = `${req.method} ${req.url} -> ${reply.statusCode}`;
    if (text === null) {
      this.violations.push(`${where}: a JSON body that could not be read back`);
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      this.violations.push(`${where}: not JSON`);
      return;
    }
    this.checked++;
    const routeUrl = req.routeOptions.url ?? req.url;
    const problem = this.problem(req.method, routeUrl, reply.statusCode, body);
    if (problem) this.violations.push(`${where}: ${problem}`);
  }
}

/** The text of a payload as it leaves the server (undoing a cached body's encoding). */
function bodyText(payload: unknown, encoding: string): string | null {
  if (typeof payload !== "string" && !Buffer.isBuffer(payload)) return null;
  const bytes = typeof payload === "string" ? Buffer.from(payload) : payload;
  if (encoding === "br") return zlib.brotliDecompressSync(bytes).toString("utf8");
  if (encoding === "gzip") return zlib.gunzipSync(bytes).toString("utf8");
  return encoding ? null : bytes.toString("utf8");
}

/** A check reading the document of this app (available once the app is ready). */
export function openApiCheck(app: () => FastifyInstance): OpenApiCheck {
  return new OpenApiCheck(() => app().swagger() as Doc);
}
