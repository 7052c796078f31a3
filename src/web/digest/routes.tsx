// HTTP side of the digests:
//   GET  /subscribe                    sign-up form (frequency, topics)
//   POST /subscribe                    sign-up (the layout's box posts just `email`); rate-limited
//   GET  /subscribe/confirm/:token     confirmation page (a button, so link scanners confirm nothing)
//   POST /subscribe/confirm/:token     confirm
//   GET  /unsubscribe/:token           "unsubscribe?" page
//   POST /unsubscribe/:token           unsubscribe: RFC 8058 one-click (body List-Unsubscribe=One-Click,
//                                      form-urlencoded or multipart) or the page's button
//   GET  /alerts/stop/:token           "stop alert mails?" page (from an alert-only mail)
//   POST /alerts/stop/:token           delete the alert-only saved searches: one-click or the button
//                                      (the digest stays)
//   GET  /subscription/:token          manage: frequency, topics, unsubscribe, subscribe again
//   POST /subscription/:token
//   GET  /dev/outbox                   development only, see src/web/devOutbox/routes.tsx
// No CSRF tokens: every state-changing POST but the sign-up carries a signed capability token in
// its URL that a cross-site attacker cannot know, and RFC 8058 forbids requiring anything more of
// the one-click POST. A forged sign-up only causes a (throttled) confirmation mail, which is what
// anyone can cause by typing the address in the form.
// Tokens in URLs never reach the logs: the server's request log serializer redacts every `:token`
// path parameter (src/web/http/logRedaction.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import type { AppContext } from "../../app/context.ts";
import { findAlertsByToken, stopAlertsByToken } from "../../digest/alertsStopper.ts";
import type { DigestDeps } from "../../digest/deps.ts";
import { findByManageToken, manageSubscription } from "../../digest/preferencesUpdater.ts";
import { confirmSubscription, lookupConfirmation } from "../../digest/subscriptionConfirmer.ts";
import { requestSubscription } from "../../digest/subscriptionCreator.ts";
import { offeredTopics } from "../../digest/topics.ts";
import { findByUnsubscribeToken, unsubscribeByToken } from "../../digest/unsubscriber.ts";
import type { Subscriber } from "../../store/subscribers.ts";
import { devOutboxAllowed, registerDevOutboxRoutes } from "../devOutbox/routes.tsx";
import {
  CheckInboxPage,
  ConfirmPage,
  type FormState,
  LinkProblemPage,
  ManagePage,
  StopAlertsPage,
  SubscribedPage,
  SubscribePage,
  UnsubscribedPage,
  UnsubscribePage,
} from "./pages.tsx";

/** Sign-ups per client IP: enough for a shared lab network, useless for a flood. */
export const SIGNUP_RATE_LIMIT = { max: 10, timeWindow: 10 * 60_000 };

type Body = Record<string, unknown> | string | undefined | null;

/** `deps`: the process's digest deps (src/app/services.ts), shared with its digest service. */
export async function registerDigestRoutes(app: FastifyInstance, ctx: AppContext, deps: DigestDeps): Promise<void> {
  const site = { baseUrl: ctx.config.baseUrl };
  const offered = () => offeredTopics(ctx.store.db, ctx.config);

  const page = (reply: FastifyReply, status: number, vnode: VNode) =>
    reply
      .code(status)
      .header("cache-control", "no-store")
      .header("referrer-policy", "no-referrer")
      .type("text/html; charset=utf-8")
      .send(`<!doctype html>${renderToString(vnode)}`);

  const wantsJson = (req: FastifyRequest) => {
    const accept = String(req.headers.accept ?? "");
    return accept.includes("application/json") && !accept.includes("text/html");
  };

  // ---- sign-up ----

  app.get("/subscribe", async (_req, reply) =>
    page(
      reply,
      200,
      <SubscribePage site={site} state={{ frequency: "daily", topics: [] }} offered={await offered()} />,
    ),
  );

  app.post<{ Body: Body }>(
    "/subscribe",
    // Double opt-in needs no CSRF token, so scripts may sign up with JSON as well as the form.
    { config: { rateLimit: SIGNUP_RATE_LIMIT, bodyTypes: ["application/json"] } },
    async (req, reply) => {
      const body = asObject(req.body);
      const outcome = await requestSubscription(deps, {
        email: body.email,
        frequency: body.frequency,
        topics: body.topics,
      });
      if (wantsJson(req)) {
        if (!outcome.ok)
          return reply
            .code(400)
            .send({ error: "invalid_parameter", parameter: outcome.field, message: outcome.message });
        return reply.code(202).send({ status: "confirmation_sent", email: outcome.email });
      }
      if (!outcome.ok) {
        const state: FormState = {
          email: typeof body.email === "string" ? body.email.slice(0, 254) : "",
          frequency: body.frequency === "weekly" ? "weekly" : "daily",
          topics: stringList(body.topics),
          error: { field: outcome.field, message: outcome.message },
        };
        return page(reply, 400, <SubscribePage site={site} state={state} offered={await offered()} />);
      }
      // The same answer whether the address is new, pending, subscribed or throttled.
      return page(reply, 200, <CheckInboxPage site={site} email={outcome.email} />);
    },
  );

  // ---- confirmation ----

  const badConfirmLink = (reply: FastifyReply, reason: "invalid" | "expired") =>
    page(
      reply,
      reason === "invalid" ? 404 : 410,
      <LinkProblemPage
        site={site}
        path="/subscribe/confirm"
        title={reason === "invalid" ? "This link is not valid" : "This link has expired or was used"}
        message={
          reason === "invalid"
            ? "The confirmation link is incomplete or altered. Copy the whole link from the mail, or sign up again."
            : "If you confirmed already, you are subscribed: every digest has a link to manage it. Otherwise, sign up again for a fresh link."
        }
      />,
    );

  /** The confirmation form (first view, or again with the field that needs fixing). */
  const confirmForm = async (
    reply: FastifyReply,
    code: number,
    token: string,
    email: string,
    state: FormState,
  ) =>
    page(
      reply,
      code,
      <ConfirmPage
        site={site}
        email={email}
        state={state}
        offered={await offered()}
        action={confirmPath(token)}
      />,
    );

  app.get<{ Params: { token: string } }>("/subscribe/confirm/:token", async (req, reply) => {
    const found = await lookupConfirmation(deps, req.params.token);
    if (!found.ok) return badConfirmLink(reply, found.reason);
    return confirmForm(reply, 200, req.params.token, found.subscriber.email, {
      frequency: found.frequency,
      topics: found.topics,
    });
  });

  app.post<{ Params: { token: string }; Body: Body }>("/subscribe/confirm/:token", async (req, reply) => {
    const body = asObject(req.body);
    const outcome = await confirmSubscription(deps, req.params.token, {
      frequency: body.frequency,
      topics: formTopics(body),
    });
    if (!outcome.ok && outcome.reason !== "input") return badConfirmLink(reply, outcome.reason);
    if (!outcome.ok) {
      const found = await lookupConfirmation(deps, req.params.token);
      if (!found.ok) return badConfirmLink(reply, found.reason);
      return confirmForm(reply, 400, req.params.token, found.subscriber.email, {
        frequency: found.frequency,
        topics: stringList(body.topics),
        error: { field: outcome.field, message: outcome.message },
      });
    }
    return page(
      reply,
      200,
      <SubscribedPage
        site={site}
        subscriber={outcome.subscriber}
        manageUrl={deps.links.manage(outcome.subscriber.id)}
      />,
    );
  });

  // ---- unsubscribe (RFC 8058) ----

  const badLink = (reply: FastifyReply, path: string) =>
    page(
      reply,
      404,
      <LinkProblemPage
        site={site}
        path={path}
        title="This link is not valid"
        message="The link is incomplete or altered. Copy the whole link from the mail."
      />,
    );

  await app.register(async (scope) => {
    // Mail providers send the one-click POST as multipart/form-data or urlencoded; we only need
    // to know it is one, not to parse the parts.
    scope.addContentTypeParser(
      "multipart/form-data",
      { parseAs: "string", bodyLimit: 16 * 1024 },
      (_req, body, done) => done(null, body),
    );

    scope.get<{ Params: { token: string } }>("/unsubscribe/:token", async (req, reply) => {
      const s = await findByUnsubscribeToken(deps, req.params.token);
      if (!s) return badLink(reply, "/unsubscribe");
      return page(
        reply,
        200,
        <UnsubscribePage site={site} subscriber={s} action={unsubscribePath(req.params.token)} />,
      );
    });

    scope.post<{ Params: { token: string }; Body: Body }>("/unsubscribe/:token", async (req, reply) => {
      const oneClick = isOneClick(req.body);
      const outcome = await unsubscribeByToken(deps, req.params.token);
      if (oneClick) return oneClickAnswer(reply, outcome.ok, "Unsubscribed.", "Unknown unsubscribe link.");
      if (!outcome.ok) return badLink(reply, "/unsubscribe");
      const manageToken = deps.signer.sign("manage", outcome.subscriber.id);
      return page(
        reply,
        200,
        <UnsubscribedPage
          site={site}
          subscriber={outcome.subscriber}
          manageAction={managePath(manageToken)}
        />,
      );
    });

    // Alert-only mails: their one-click unsubscribe stops the alerts, not the digest.
    scope.get<{ Params: { token: string } }>("/alerts/stop/:token", async (req, reply) => {
      const found = await findAlertsByToken(deps, req.params.token);
      if (!found) return badLink(reply, "/alerts/stop");
      return page(
        reply,
        200,
        <StopAlertsPage site={site} {...found} action={stopAlertsPath(req.params.token)} stopped={false} />,
      );
    });

    scope.post<{ Params: { token: string }; Body: Body }>("/alerts/stop/:token", async (req, reply) => {
      const oneClick = isOneClick(req.body);
      const stopped = await stopAlertsByToken(deps, req.params.token);
      if (oneClick) return oneClickAnswer(reply, stopped !== null, "Alert mails stopped.", "Unknown link.");
      if (!stopped) return badLink(reply, "/alerts/stop");
      return page(reply, 200, <StopAlertsPage site={site} {...stopped} action={null} stopped={true} />);
    });
  });

  // ---- manage ----

  /** The manage page: the subscription as stored, or the form again with what needs fixing. */
  const manageForm = async (
    reply: FastifyReply,
    code: number,
    token: string,
    s: Subscriber,
    opts: { state?: FormState; notice?: string } = {},
  ) =>
    page(
      reply,
      code,
      <ManagePage
        site={site}
        subscriber={s}
        state={opts.state ?? { frequency: s.frequency, topics: s.topics }}
        offered={await offered()}
        action={managePath(token)}
        notice={opts.notice}
      />,
    );

  app.get<{ Params: { token: string } }>("/subscription/:token", async (req, reply) => {
    const s = await findByManageToken(deps, req.params.token);
    if (!s) return badLink(reply, "/subscription");
    return manageForm(reply, 200, req.params.token, s);
  });

  app.post<{ Params: { token: string }; Body: Body }>("/subscription/:token", async (req, reply) => {
    const body = asObject(req.body);
    const action = body.action ?? "update";
    const input =
      action === "unsubscribe" ? { action } : { action, frequency: body.frequency, topics: formTopics(body) };
    const outcome = await manageSubscription(deps, req.params.token, input);
    if (!outcome.ok && outcome.reason === "invalid") return badLink(reply, "/subscription");
    const s = await findByManageToken(deps, req.params.token);
    if (!s) return badLink(reply, "/subscription");
    if (!outcome.ok) {
      return manageForm(reply, 400, req.params.token, s, {
        state: {
          frequency: body.frequency === "weekly" ? "weekly" : s.frequency,
          topics: stringList(body.topics),
          error: { field: outcome.field, message: outcome.message },
        },
      });
    }
    const notice =
      outcome.action === "unsubscribe"
        ? "You are unsubscribed. No more digests will be sent."
        : outcome.action === "resubscribe"
          ? "Welcome back: you are subscribed again."
          : "Saved.";
    return manageForm(reply, 200, req.params.token, s, { notice });
  });

  if (devOutboxAllowed(ctx.config)) registerDevOutboxRoutes(app, site, ctx.config.mail);
}

function stopAlertsPath(token: string): string {
  return `/alerts/stop/${encodeURIComponent(token)}`;
}

function confirmPath(token: string): string {
  return `/subscribe/confirm/${encodeURIComponent(token)}`;
}
function unsubscribePath(token: string): string {
  return `/unsubscribe/${encodeURIComponent(token)}`;
}
function managePath(token: string): string {
  return `/subscription/${encodeURIComponent(token)}`;
}

function asObject(body: Body): Record<string, unknown> {
  return body && typeof body === "object" ? body : {};
}

/**
 * The preference form always sends a frequency (one radio is always checked) but sends no topics
 * when every box is unchecked, which means "all topics". A post without a frequency is not that
 * form (the "subscribe again" button, an API client): it leaves the topics as they are.
 */
function formTopics(body: Record<string, unknown>): unknown {
  if (body.frequency === undefined) return undefined;
  return body.topics ?? [];
}

function stringList(v: unknown): string[] {
  return (Array.isArray(v) ? v : [v])
    .filter((x): x is string => typeof x === "string" && x.length <= 40)
    .slice(0, 40);
}

/** The answer to a mail provider's one-click POST: a line of text, never cached. */
function oneClickAnswer(reply: FastifyReply, ok: boolean, done: string, unknown: string): FastifyReply {
  return reply
    .code(ok ? 200 : 404)
    .header("cache-control", "no-store")
    .type("text/plain; charset=utf-8")
    .send(`${ok ? done : unknown}\n`);
}

/** RFC 8058: the body is "List-Unsubscribe=One-Click" (urlencoded, or a multipart form field). */
function isOneClick(body: Body): boolean {
  if (typeof body === "string")
    return /List-Unsubscribe=One-Click|name="List-Unsubscribe"[\s\S]*One-Click/i.test(body);
  return asObject(body)["List-Unsubscribe"] === "One-Click";
}
