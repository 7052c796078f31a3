// GET /login (the form; a signed-in reader goes straight on), POST /login, POST /logout.
import type { FastifyReply, FastifyRequest } from "fastify";
import { endSession, SESSION_COOKIE } from "../../accounts/sessions.ts";
import { signIn } from "../../accounts/signIn.ts";
import type { SubmittedForm } from "../http/formRoute.ts";
import { safeNext } from "../http/forms.ts";
import { sendPage } from "../http/render.ts";
import { sessionCookieOptions, sessionIdOf } from "../http/viewer.ts";
import { LoginPage } from "./AccountPages.tsx";
import { type AccountRouteDeps, tooMany } from "./accountRouteDeps.tsx";

export type LoginRequest = FastifyRequest<{ Querystring: { next?: string } }>;

export async function signInForm(deps: AccountRouteDeps, req: LoginRequest, reply: FastifyReply) {
  reply.header("cache-control", "no-store");
  const next = safeNext(req.query.next);
  if (req.viewer.user) return reply.redirect(next, 303);
  return sendPage(reply, 200, <LoginPage site={deps.site} csrf={req.viewer.csrfToken()} next={next} />);
}

export async function signInPost(
  deps: AccountRouteDeps,
  { req, reply, fields: f, again, done }: SubmittedForm,
) {
  const next = safeNext(f.next);
  const result = await signIn(deps.accounts, {
    email: f.email ?? "",
    password: f.password ?? "",
    previousSessionId: sessionIdOf(req),
  });
  if (!result.ok && result.retryAfterSeconds !== undefined) {
    return tooMany(
      deps,
      reply,
      result.retryAfterSeconds,
      "There were too many failed sign-ins for this account.",
      "/login",
    );
  }
  if (!result.ok) {
    return again(
      401,
      <LoginPage site={deps.site} csrf={req.viewer.csrfToken()} next={next} email={f.email} failed />,
    );
  }
  reply.setCookie(
    SESSION_COOKIE,
    result.sessionId,
    sessionCookieOptions(req, deps.ctx.config.baseUrl, result.expires),
  );
  return done(next);
}

export async function signOut(deps: AccountRouteDeps, { req, reply, done }: SubmittedForm) {
  await endSession(deps.accounts, sessionIdOf(req));
  reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(req, deps.ctx.config.baseUrl));
  return done("/");
}
