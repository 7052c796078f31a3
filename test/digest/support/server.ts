// The site's server (buildServer) with the digest and feed routes on it, for HTTP tests.
// Three states of the wiring are handled, so these tests run before and after src/web/ is wired:
//   * buildServer already registers the digest routes -> used as is (built with the test
//     context's environment, so its links are signed with the same secret as the test's);
//   * buildServer has no POST /subscribe -> our routes are registered on it;
//   * buildServer still has the web UI's placeholder POST /subscribe (answers 503) -> Fastify
//     refuses a second POST /subscribe, so the plugins our routes rely on (helmet, formbody,
//     rate-limit with global:false) are set up on a fresh instance instead.
import formbody from "@fastify/formbody";
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import Fastify, { type FastifyInstance } from "fastify";
import type { DigestDeps } from "../../../src/digest/deps.ts";
import { registerDigestRoutes } from "../../../src/web/digest/routes.tsx";
import { registerFeedRoutes } from "../../../src/web/feeds/routes.ts";
import { buildServer } from "../../../src/web/server.ts";
import type { DigestTestContext } from "./fixtures.ts";

export async function digestServer(
  ctx: DigestTestContext,
  opts: { deps?: DigestDeps; logStream?: NodeJS.WritableStream } = {},
): Promise<FastifyInstance> {
  const app = await withEnv(ctx.env, () =>
    buildServer(ctx, opts.logStream ? { logStream: opts.logStream } : { logger: false }),
  );
  if (app.hasRoute({ method: "GET", url: "/unsubscribe/:token" })) return app;
  if (app.hasRoute({ method: "POST", url: "/subscribe" })) {
    await app.close();
    return withRoutes(await bareServer(opts.logStream), ctx, opts.deps);
  }
  return withRoutes(app, ctx, opts.deps);
}

async function withRoutes(
  app: FastifyInstance,
  ctx: DigestTestContext,
  deps?: DigestDeps,
): Promise<FastifyInstance> {
  await registerDigestRoutes(app, ctx, { deps: deps ?? ctx.deps });
  if (!app.hasRoute({ method: "GET", url: "/feeds/:file" })) await registerFeedRoutes(app, ctx);
  return app;
}

/** The plugins buildServer sets up that our routes rely on. */
async function bareServer(logStream?: NodeJS.WritableStream): Promise<FastifyInstance> {
  const app = Fastify({ logger: logStream ? { level: "info", stream: logStream } : false });
  await app.register(helmet);
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  await app.register(rateLimit, { global: false });
  return app;
}

/** Runs `fn` with exactly the given PAPERTIDE_* variables in process.env (tests run one at a time). */
async function withEnv<T>(env: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith("PAPERTIDE_")));
  for (const k of Object.keys(saved)) delete process.env[k];
  Object.assign(process.env, env);
  try {
    return await fn();
  } finally {
    for (const k of Object.keys(env)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}
