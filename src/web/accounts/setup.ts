// The services of one app (built once by src/app/services.ts) at hand for every route: the
// account deps (viewer hook, account and community routes) and the digest deps (digest routes,
// the account page's digest settings). Decorated before any route is registered, so no route
// depends on another area's registration.
import type { FastifyInstance } from "fastify";
import type { AccountDeps } from "../../accounts/deps.ts";
import type { AppServices } from "../../app/services.ts";
import type { DigestDeps } from "../../digest/deps.ts";
import { registerViewer } from "../http/viewer.ts";

declare module "fastify" {
  interface FastifyInstance {
    accountDeps: AccountDeps;
    digestDeps: DigestDeps;
  }
}

/** Registers the session hook; call after @fastify/cookie and @fastify/csrf-protection, before routes. */
export function registerServices(app: FastifyInstance, services: AppServices): void {
  app.decorate("accountDeps", services.accounts);
  app.decorate("digestDeps", services.digest);
  registerViewer(app, services.accounts);
}
