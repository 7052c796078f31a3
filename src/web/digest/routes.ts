// HTTP side of the digests:
//   GET  /subscribe                    sign-up form (frequency, topics)              subscribe.tsx
//   POST /subscribe                    sign-up (the layout's box posts just `email`); rate-limited
//   GET  /subscribe/confirm/:token     confirmation page (a button, so link scanners confirm nothing)
//   POST /subscribe/confirm/:token     confirm                                       confirm.tsx
//   GET  /unsubscribe/:token           "unsubscribe?" page
//   POST /unsubscribe/:token           unsubscribe: RFC 8058 one-click (body List-Unsubscribe=One-Click,
//                                      form-urlencoded or multipart) or the page's button
//   GET  /alerts/stop/:token           "stop alert mails?" page (from an alert-only mail)
//   POST /alerts/stop/:token           delete the alert-only saved searches: one-click or the button
//                                      (the digest stays)                           unsubscribe.tsx
//   GET  /subscription/:token          manage: frequency, topics, unsubscribe, subscribe again
//   POST /subscription/:token                                                        manage.tsx
//   GET  /dev/outbox                   development only, see src/web/devOutbox/routes.tsx
// No CSRF tokens: every state-changing POST but the sign-up carries a signed capability token in
// its URL that a cross-site attacker cannot know, and RFC 8058 forbids requiring anything more of
// the one-click POST. A forged sign-up only causes a (throttled) confirmation mail, which is what
// anyone can cause by typing the address in the form.
// Tokens in URLs never reach the logs: the server's request log serializer redacts every `:token`
// path parameter (src/web/http/logRedaction.ts).
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../app/context.ts";
import type { DigestDeps } from "../../digest/deps.ts";
import { devOutboxAllowed, registerDevOutboxRoutes } from "../devOutbox/routes.tsx";
import { type ConfirmRequest, confirm, confirmLink } from "./confirm.tsx";
import { digestRouteDeps } from "./digestRouteDeps.tsx";
import { type ManageRequest, manage, managePage } from "./manage.tsx";
import { SIGNUP_RATE_LIMIT, subscribe, subscribeForm } from "./subscribe.tsx";
import {
  stopAlerts,
  stopAlertsForm,
  type TokenRequest,
  unsubscribe,
  unsubscribeForm,
} from "./unsubscribe.tsx";

export { SIGNUP_RATE_LIMIT } from "./subscribe.tsx";

/** `digest`: the process's digest deps (src/app/services.ts), shared with its digest service. */
export async function registerDigestRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  digest: DigestDeps,
): Promise<void> {
  const deps = digestRouteDeps(ctx, digest);
  await app.register(async (scope) => {
    // Every answer here is one address's own (most pages hold a capability token in their URL):
    // no cache keeps it, and no Referer carries its address to the sites it links to.
    scope.addHook("onRequest", async (_req, reply) => {
      reply.header("cache-control", "no-store").header("referrer-policy", "no-referrer");
    });
    scope.get("/subscribe", (req, reply) => subscribeForm(deps, req, reply));
    // Double opt-in needs no CSRF token, so scripts may sign up with JSON as well as the form.
    scope.post(
      "/subscribe",
      { config: { rateLimit: SIGNUP_RATE_LIMIT, bodyTypes: ["application/json"] } },
      (req, reply) => subscribe(deps, req, reply),
    );
    scope.get("/subscribe/confirm/:token", (req: ConfirmRequest, reply) => confirmLink(deps, req, reply));
    scope.post("/subscribe/confirm/:token", (req: ConfirmRequest, reply) => confirm(deps, req, reply));
    scope.get("/subscription/:token", (req: ManageRequest, reply) => managePage(deps, req, reply));
    scope.post("/subscription/:token", (req: ManageRequest, reply) => manage(deps, req, reply));

    await scope.register(async (oneClick) => {
      // Mail providers send the one-click POST as multipart/form-data or urlencoded; we only need
      // to know it is one, not to parse the parts.
      oneClick.addContentTypeParser(
        "multipart/form-data",
        { parseAs: "string", bodyLimit: 16 * 1024 },
        (_req, body, done) => done(null, body),
      );
      oneClick.get("/unsubscribe/:token", (req: TokenRequest, reply) => unsubscribeForm(deps, req, reply));
      oneClick.post("/unsubscribe/:token", (req: TokenRequest, reply) => unsubscribe(deps, req, reply));
      oneClick.get("/alerts/stop/:token", (req: TokenRequest, reply) => stopAlertsForm(deps, req, reply));
      oneClick.post("/alerts/stop/:token", (req: TokenRequest, reply) => stopAlerts(deps, req, reply));
    });
  });

  if (devOutboxAllowed(ctx.config)) registerDevOutboxRoutes(app, deps.site, ctx.config.mail);
}
