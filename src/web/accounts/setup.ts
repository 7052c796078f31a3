// Wiring for the server: the account deps of one app (one mailer, one settings object), created
// once and shared by the viewer hook and every account/community route.
import type { FastifyInstance } from "fastify";
import { createAccountMailer } from "../../accounts/accountMail.ts";
import type { AccountDeps } from "../../accounts/deps.ts";
import { loadAccountSettings } from "../../accounts/settings.ts";
import type { AppContext } from "../../app/context.ts";
import { loadMailSettings } from "../../mail/settings.ts";
import { registerViewer } from "../http/viewer.ts";

declare module "fastify" {
  interface FastifyInstance {
    accountDeps: AccountDeps;
  }
}

/** Registers the session hook; call after @fastify/cookie and @fastify/csrf-protection, before routes. */
export function registerAccountSupport(
  app: FastifyInstance,
  ctx: AppContext,
  env: NodeJS.ProcessEnv = process.env,
): AccountDeps {
  // With the store: every account mail is an outbox row first (see accountMail.ts), so the
  // outbox sender delivers what could not go out at once.
  const mailer = createAccountMailer(
    loadMailSettings(ctx.config, env),
    (line) => app.log.warn(line),
    undefined,
    {
      store: ctx.store,
    },
  );
  const deps: AccountDeps = {
    store: ctx.store,
    config: ctx.config,
    settings: loadAccountSettings(env),
    mailer,
    now: () => new Date(),
  };
  app.decorate("accountDeps", deps);
  app.addHook("onClose", async () => mailer.close());
  registerViewer(app, deps);
  return deps;
}
