// Builds the Fastify server: security plugins, static assets, the HTML pages and the JSON API.
import cookie from "@fastify/cookie";
import csrf from "@fastify/csrf-protection";
import formbody from "@fastify/formbody";
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import Fastify, { type FastifyInstance, type RouteOptions } from "fastify";
import type { AppContext } from "../app/context.ts";
import { type AppServices, createAppServices } from "../app/services.ts";
import { registerServices } from "./accounts/setup.ts";
import { registerApi } from "./api/index.ts";
import { registerStaticAssets } from "./http/assets.ts";
import { clientErrorHandler } from "./http/clientErrors.ts";
import { registerCompression } from "./http/compression.ts";
import { registerErrorPages } from "./http/errorPages.tsx";
import { registerExpensiveRoutes } from "./http/expensiveRoutes.ts";
import { registerFirstPageRedirect } from "./http/firstPage.ts";
import { registerFormBodyGuard } from "./http/formBodies.ts";
import { registerHsts } from "./http/hsts.ts";
import { requestLogSerializer } from "./http/logRedaction.ts";
import { registerMetrics } from "./http/metrics.ts";
import { registerRequestIdHeader, requestIdGenerator } from "./http/requestId.ts";
import { registerResponseCache } from "./http/responseCache.ts";
import { sharedRateLimitStore } from "./http/sharedRateLimit.ts";
import { registerWeb } from "./routes/index.ts";

export interface ServerOptions {
  /** Fastify logger; false in tests. */
  logger?: boolean;
  /** Where log lines go (default stdout); tests capture them to check what is never logged. */
  logStream?: NodeJS.WritableStream;
  /** Called for every route as it is added (Fastify's onRoute hook), so tests can walk every route. */
  onRoute?: (route: RouteOptions) => void;
  /**
   * The process's services (src/app/services.ts), shared with its digest service; when absent
   * the server builds its own and closes them with itself.
   */
  services?: AppServices;
}

export async function buildServer(ctx: AppContext, opts: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      opts.logger === false
        ? false
        : {
            level: ctx.config.logLevel,
            redact: ["req.headers.cookie", "req.headers.authorization"],
            // Tokens in link URLs (query or path) never reach a log line: see logRedaction.ts.
            serializers: { req: requestLogSerializer },
            ...(opts.logStream ? { stream: opts.logStream } : {}),
          },
    bodyLimit: 1024 * 1024,
    trustProxy: ctx.config.trustProxy,
    // Every log line of a request carries its id (reqId); see requestId.ts.
    requestIdHeader: false,
    genReqId: requestIdGenerator(ctx.config.trustProxy),
    clientErrorHandler,
  });
  registerRequestIdHeader(app);
  if (opts.onRoute) app.addHook("onRoute", opts.onRoute);
  // Before any route: the plugin attaches itself to each route as it is added.
  await registerCompression(app);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'", "data:"],
        // Only the upgrade of http subresources matters behind TLS; locally it would break http.
        upgradeInsecureRequests: null,
      },
    },
    // Sent by registerHsts, only over TLS (see hsts.ts).
    strictTransportSecurity: false,
  });
  registerHsts(app, ctx.config.baseUrl);
  // Page routes take only form bodies; anything else is refused (415) before it is parsed.
  registerFormBodyGuard(app);
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  // Registered with global:false; routes that need a limit opt in with config.rateLimit. The
  // counters live in the database, shared by every web process (sharedRateLimit.ts).
  await app.register(rateLimit, { global: false, store: sharedRateLimitStore(ctx.store.db) });
  // Per-client budget and concurrency gate of the searches, feeds and exports (app.expensive).
  registerExpensiveRoutes(app, ctx.config);
  // Sessions and CSRF (accounts): the CSRF secret lives in its own HttpOnly cookie; every form
  // carries a token derived from it in a hidden _csrf field (double submit). The session hook
  // resolves the signed-in user for every page.
  await app.register(cookie);
  await app.register(csrf, {
    cookieOpts: {
      path: "/",
      sameSite: "lax",
      httpOnly: true,
      secure: ctx.config.baseUrl.startsWith("https://"),
    },
  });
  const services = opts.services ?? (await createAppServices(ctx, { log: (line) => app.log.warn(line) }));
  if (!opts.services) app.addHook("onClose", async () => services.close());
  registerServices(app, services);
  // Request counts and latency by route, and GET /metrics (token or loopback only).
  registerMetrics(app, services);
  // HTML 404 and error pages for the site; /api keeps Fastify's JSON answers.
  registerErrorPages(app, ctx);
  // /static/ (our CSS, JS, icon) and /static/katex/ (KaTeX's stylesheet and fonts), cached for a
  // year, encoded once per process.
  await registerStaticAssets(app);
  // Old ?p=0 links (pages used to be numbered from 0) go to ?p=1.
  registerFirstPageRedirect(app);
  registerResponseCache(app, ctx.store);
  await registerApi(app, services);
  await registerWeb(app, services);
  return app;
}
