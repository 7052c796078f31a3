// The account pages: /signup, /login, /logout, /account/verify, /forgot-password,
// /reset-password, /account (settings, resend confirmation, delete). Every POST checks the CSRF
// token (preValidation: the token is in the parsed form body); sign-in, sign-up and reset are
// rate limited per client IP.
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../app/context.ts";
import { sendPage } from "../web/render.ts";
import {
  AccountSettingsPage,
  ForgotPasswordPage,
  LoginPage,
  ResetPasswordPage,
  SignUpPage,
  VerifyEmailPage,
} from "../web/views/accounts/AccountPages.tsx";
import { MessagePage } from "../web/views/MessagePage.tsx";
import { deleteAccount } from "./accountDeleter.ts";
import { verifyEmail } from "./emailVerifier.ts";
import { formFields, requireUser, safeNext } from "./http.ts";
import { requestPasswordReset, resetLinkIsLive, resetPassword } from "./passwordReset.ts";
import { endSession, SESSION_COOKIE } from "./sessions.ts";
import { signIn } from "./signIn.ts";
import { sendVerification, signUp } from "./signUp.ts";
import { sessionCookieOptions, sessionIdOf } from "./viewer.ts";

export function registerAccountRoutes(app: FastifyInstance, ctx: AppContext): void {
  const deps = app.accountDeps;
  const site = { baseUrl: ctx.config.baseUrl };
  const csrf = { preValidation: app.csrfProtection };
  const limited = {
    ...csrf,
    config: { rateLimit: { max: deps.settings.authRateLimit, timeWindow: deps.settings.authRateWindowMs } },
  };
  const noStore = { "cache-control": "no-store" };

  const message = (status: number, title: string, text: string, path: string) => (
    <MessagePage site={site} status={status} title={title} message={text} path={path} />
  );

  app.get("/signup", async (req, reply) => {
    reply.headers(noStore);
    return sendPage(reply, 200, <SignUpPage site={site} csrf={req.viewer.csrfToken()} />);
  });

  app.post("/signup", limited, async (req, reply) => {
    reply.headers(noStore);
    const f = formFields(req);
    const result = await signUp(deps, {
      email: f.email ?? "",
      handle: f.handle ?? "",
      password: f.password ?? "",
    });
    if (!result.ok) {
      return sendPage(
        reply,
        400,
        <SignUpPage
          site={site}
          csrf={req.viewer.csrfToken()}
          values={{ email: f.email, handle: f.handle }}
          errors={result.errors}
        />,
      );
    }
    // The same answer whether or not the address already had an account.
    return sendPage(
      reply,
      200,
      message(
        200,
        "Check your inbox",
        "We sent a mail to the address you gave. Open the link in it to confirm your address, then sign in.",
        "/signup",
      ),
    );
  });

  app.get<{ Querystring: { next?: string } }>("/login", async (req, reply) => {
    reply.headers(noStore);
    const next = safeNext(req.query.next);
    if (req.viewer.user) return reply.redirect(next, 303);
    return sendPage(reply, 200, <LoginPage site={site} csrf={req.viewer.csrfToken()} next={next} />);
  });

  app.post("/login", limited, async (req, reply) => {
    reply.headers(noStore);
    const f = formFields(req);
    const next = safeNext(f.next);
    const result = await signIn(deps, {
      email: f.email ?? "",
      password: f.password ?? "",
      previousSessionId: sessionIdOf(req),
    });
    if (!result.ok) {
      return sendPage(
        reply,
        401,
        <LoginPage site={site} csrf={req.viewer.csrfToken()} next={next} email={f.email} failed />,
      );
    }
    reply.setCookie(
      SESSION_COOKIE,
      result.sessionId,
      sessionCookieOptions(req, ctx.config.baseUrl, result.expires),
    );
    return reply.redirect(next, 303);
  });

  app.post("/logout", csrf, async (req, reply) => {
    await endSession(deps, sessionIdOf(req));
    reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(req, ctx.config.baseUrl));
    return reply.redirect("/", 303);
  });

  app.get<{ Querystring: { token?: string } }>("/account/verify", async (req, reply) => {
    reply.headers(noStore);
    return sendPage(
      reply,
      200,
      <VerifyEmailPage site={site} csrf={req.viewer.csrfToken()} token={String(req.query.token ?? "")} />,
    );
  });

  app.post("/account/verify", csrf, async (req, reply) => {
    const ok = await verifyEmail(deps, formFields(req).token ?? "");
    return ok
      ? sendPage(
          reply,
          200,
          message(
            200,
            "Your address is confirmed",
            "Thank you. You can now submit papers and comment.",
            "/account/verify",
          ),
        )
      : sendPage(
          reply,
          400,
          message(
            400,
            "This link does not work",
            "The confirmation link is invalid, already used or expired. Sign in to get a new one.",
            "/account/verify",
          ),
        );
  });

  app.post("/account/verify/resend", csrf, async (req, reply) => {
    const user = requireUser(req, reply, "/account");
    if (!user) return reply;
    if (!user.emailVerified) await sendVerification(deps, user);
    return reply.redirect("/account?sent=1", 303);
  });

  app.get("/forgot-password", async (req, reply) => {
    reply.headers(noStore);
    return sendPage(reply, 200, <ForgotPasswordPage site={site} csrf={req.viewer.csrfToken()} />);
  });

  app.post("/forgot-password", limited, async (req, reply) => {
    await requestPasswordReset(deps, formFields(req).email ?? "");
    return sendPage(
      reply,
      200,
      message(
        200,
        "Check your inbox",
        "If an account uses that address, we sent it a link to choose a new password.",
        "/forgot-password",
      ),
    );
  });

  app.get<{ Querystring: { token?: string } }>("/reset-password", async (req, reply) => {
    reply.headers(noStore);
    const token = String(req.query.token ?? "");
    if (!(await resetLinkIsLive(deps, token))) {
      return sendPage(
        reply,
        400,
        message(
          400,
          "This link does not work",
          "The reset link is invalid, used or expired. Ask for a new one.",
          "/reset-password",
        ),
      );
    }
    return sendPage(
      reply,
      200,
      <ResetPasswordPage site={site} csrf={req.viewer.csrfToken()} token={token} />,
    );
  });

  app.post("/reset-password", limited, async (req, reply) => {
    const f = formFields(req);
    const result = await resetPassword(deps, f.token ?? "", f.password ?? "");
    if (result.ok) return reply.redirect("/login?reset=1", 303);
    if (result.reason === "weak-password") {
      return sendPage(
        reply,
        400,
        <ResetPasswordPage
          site={site}
          csrf={req.viewer.csrfToken()}
          token={f.token ?? ""}
          error={result.message}
        />,
      );
    }
    return sendPage(reply, 400, message(400, "This link does not work", result.message, "/reset-password"));
  });

  app.get<{ Querystring: { sent?: string } }>("/account", async (req, reply) => {
    reply.headers(noStore);
    const user = requireUser(req, reply);
    if (!user) return reply;
    const notice = req.query.sent ? "We sent the confirmation mail again." : undefined;
    return sendPage(
      reply,
      200,
      <AccountSettingsPage site={site} csrf={req.viewer.csrfToken()} user={user} notice={notice} />,
    );
  });

  app.post("/account/delete", limited, async (req, reply) => {
    const user = requireUser(req, reply, "/account");
    if (!user) return reply;
    const ok = await deleteAccount(deps, user.id, formFields(req).password ?? "");
    if (!ok) {
      return sendPage(
        reply,
        400,
        <AccountSettingsPage
          site={site}
          csrf={req.viewer.csrfToken()}
          user={user}
          deleteError="That is not your password."
        />,
      );
    }
    reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(req, ctx.config.baseUrl));
    return sendPage(
      reply,
      200,
      message(
        200,
        "Your account is deleted",
        "Your personal data is gone. Thank you for having been here.",
        "/account",
      ),
    );
  });
}
