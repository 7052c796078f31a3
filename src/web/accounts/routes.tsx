// The account pages: /signup, /login, /logout, /account/verify, /forgot-password,
// /reset-password, /account (settings, resend confirmation, delete; the email digest and search
// alerts: /account/digest, /account/alerts, /account/alerts/:id). Every POST checks the CSRF
// token (preValidation: the token is in the parsed form body); sign-in, sign-up and reset are
// rate limited per client IP, and per account (accountThrottle.ts): a throttled request gets a
// 429 page with Retry-After.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { deleteAccount } from "../../accounts/accountDeleter.ts";
import { takeAccountMailAllowance, waitText } from "../../accounts/accountThrottle.ts";
import { verifyEmail } from "../../accounts/emailVerifier.ts";
import { queuePasswordReset, resetLinkIsLive, resetPassword } from "../../accounts/passwordReset.ts";
import { endSession, SESSION_COOKIE } from "../../accounts/sessions.ts";
import { signIn } from "../../accounts/signIn.ts";
import { sendVerification, signUp } from "../../accounts/signUp.ts";
import type { AppContext } from "../../app/context.ts";
import {
  accountDigest,
  changeAccountDigest,
  changeSearchDelivery,
  removeSavedSearch,
  saveSearch,
} from "../../digest/accountDigest.ts";
import { offeredTopics } from "../../digest/topics.ts";
import type { User } from "../../store/users.ts";
import { MessagePage } from "../components/MessagePage.tsx";
import type { DigestFormError } from "../digest/AccountDigestSection.tsx";
import { formFields, requireUser, safeNext } from "../http/forms.ts";
import { sendPage } from "../http/render.ts";
import { sessionCookieOptions, sessionIdOf } from "../http/viewer.ts";
import {
  type AccountDigestView,
  AccountSettingsPage,
  ForgotPasswordPage,
  LoginPage,
  ResetPasswordPage,
  SignUpPage,
  VerifyEmailPage,
} from "./AccountPages.tsx";

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
  const tooMany = (reply: FastifyReply, seconds: number, text: string, path: string) => {
    reply.header("retry-after", String(seconds));
    return sendPage(
      reply,
      429,
      message(429, "Too many attempts", `${text} Please wait ${waitText(seconds)}, then try again.`, path),
    );
  };

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
    if (!result.ok && "retryAfterSeconds" in result) {
      return tooMany(
        reply,
        result.retryAfterSeconds,
        "We have sent as many mails to this address as we send in a short while.",
        "/signup",
      );
    }
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
    if (!result.ok && result.retryAfterSeconds !== undefined) {
      return tooMany(
        reply,
        result.retryAfterSeconds,
        "There were too many failed sign-ins for this account.",
        "/login",
      );
    }
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
    if (!user.emailVerified) {
      const wait = await takeAccountMailAllowance(deps, user.email);
      if (wait !== null)
        return tooMany(
          reply,
          wait,
          "We have sent as many mails to your address as we send in a short while.",
          "/account",
        );
      await sendVerification(deps, user);
    }
    return reply.redirect("/account?sent=1", 303);
  });

  app.get("/forgot-password", async (req, reply) => {
    reply.headers(noStore);
    return sendPage(reply, 200, <ForgotPasswordPage site={site} csrf={req.viewer.csrfToken()} />);
  });

  app.post("/forgot-password", limited, async (req, reply) => {
    // Counted per typed address whether or not it has an account, so the answer tells nothing.
    const wait = await takeAccountMailAllowance(deps, formFields(req).email ?? "");
    if (wait !== null)
      return tooMany(
        reply,
        wait,
        "We have sent as many mails to this address as we send in a short while.",
        "/forgot-password",
      );
    // Answered before the request is looked at (see queuePasswordReset): the work starts when
    // the answer's connection is done with it ("close" also follows an aborted answer).
    queuePasswordReset(
      deps,
      formFields(req).email ?? "",
      (task) => reply.raw.once("close", () => void task()),
      (err) => req.log.error({ err }, "password reset request failed"),
    );
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

  // The digest part of the account page, with the process's digest deps (src/web/accounts/setup.ts).
  const digestView = async (
    user: User,
    extra: Partial<AccountDigestView> = {},
  ): Promise<AccountDigestView> => ({
    ...(await accountDigest(app.digestDeps, user)),
    offered: await offeredTopics(ctx.store.db, ctx.config),
    ...extra,
  });
  const settingsPage = async (
    req: FastifyRequest,
    user: User,
    o: { notice?: string; deleteError?: string; digest?: Partial<AccountDigestView> } = {},
  ) => (
    <AccountSettingsPage
      site={site}
      csrf={req.viewer.csrfToken()}
      user={user}
      notice={o.notice}
      deleteError={o.deleteError}
      digest={await digestView(user, o.digest)}
    />
  );

  app.get<{ Querystring: { sent?: string; done?: string } }>("/account", async (req, reply) => {
    reply.headers(noStore);
    const user = requireUser(req, reply);
    if (!user) return reply;
    const notice = req.query.sent
      ? "We sent the confirmation mail again."
      : (DONE[String(req.query.done ?? "")] ?? undefined);
    return sendPage(reply, 200, await settingsPage(req, user, { notice }));
  });

  app.post("/account/digest", csrf, async (req, reply) => {
    reply.headers(noStore);
    const user = requireUser(req, reply, "/account");
    if (!user) return reply;
    const f = formFields(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const result = await changeAccountDigest(app.digestDeps, user, {
      action: f.action,
      frequency: f.frequency,
      topics: body.topics,
      picks: f.picks,
    });
    if (!result.ok) {
      const error: DigestFormError = { field: result.field, message: result.message };
      return sendPage(reply, 400, await settingsPage(req, user, { digest: { error } }));
    }
    return reply.redirect(`/account?done=${result.code}#digest-settings`, 303);
  });

  app.post("/account/alerts", csrf, async (req, reply) => {
    reply.headers(noStore);
    const f = formFields(req);
    const next = safeNext(f.next, "/account");
    const user = requireUser(req, reply, next);
    if (!user) return reply;
    const result = await saveSearch(app.digestDeps, user, { query: f.q, delivery: f.delivery });
    if (!result.ok) {
      return sendPage(reply, 400, await settingsPage(req, user, { digest: { alertError: result.message } }));
    }
    return reply.redirect("/account?done=alert-saved#saved-searches", 303);
  });

  app.post<{ Params: { id: string } }>("/account/alerts/:id", csrf, async (req, reply) => {
    reply.headers(noStore);
    const user = requireUser(req, reply, "/account");
    if (!user) return reply;
    const f = formFields(req);
    const ok =
      f.action === "delete"
        ? await removeSavedSearch(app.digestDeps, user, req.params.id)
        : f.action === "delivery"
          ? await changeSearchDelivery(app.digestDeps, user, req.params.id, f.delivery)
          : false;
    if (!ok) {
      return sendPage(
        reply,
        404,
        await settingsPage(req, user, {
          digest: { alertError: "That saved search does not exist (any more)." },
        }),
      );
    }
    return reply.redirect(
      `/account?done=${f.action === "delete" ? "alert-deleted" : "alert-updated"}#saved-searches`,
      303,
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
        await settingsPage(req, user, { deleteError: "That is not your password." }),
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

/** Notices after a digest or alert change (Post/Redirect/Get keeps reloads harmless). */
const DONE: Record<string, string> = {
  saved: "Your digest settings are saved.",
  subscribed: "You are subscribed to the digest.",
  confirm:
    "Your account's address is not confirmed yet, so we mailed a confirmation link first: the digest starts when you open it.",
  unsubscribed: "You are unsubscribed: no more digests or alerts will be mailed.",
  "alert-saved": "Your search is saved: new papers matching it will be mailed to you.",
  "alert-deleted": "The saved search is deleted.",
  "alert-updated": "The saved search is updated.",
};
