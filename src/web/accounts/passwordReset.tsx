// A forgotten password: GET + POST /forgot-password (a reset link by mail) and
// GET + POST /reset-password (the link's form: a new password).
import type { FastifyReply, FastifyRequest } from "fastify";
import { takeAccountMailAllowance } from "../../accounts/accountThrottle.ts";
import { queuePasswordReset, resetLinkIsLive, resetPassword } from "../../accounts/passwordReset.ts";
import type { SubmittedForm } from "../http/formRoute.ts";
import { sendPage } from "../http/render.ts";
import { ForgotPasswordPage, ResetPasswordPage } from "./AccountPages.tsx";
import { type AccountRouteDeps, sendMessage, tooMany } from "./accountRouteDeps.tsx";

export async function forgotForm(deps: AccountRouteDeps, req: FastifyRequest, reply: FastifyReply) {
  reply.header("cache-control", "no-store");
  return sendPage(reply, 200, <ForgotPasswordPage site={deps.site} csrf={req.viewer.csrfToken()} />);
}

export async function forgot(deps: AccountRouteDeps, { req, reply, fields: f }: SubmittedForm) {
  // Counted per typed address whether or not it has an account, so the answer tells nothing.
  const wait = await takeAccountMailAllowance(deps.accounts, f.email ?? "");
  if (wait !== null)
    return tooMany(
      deps,
      reply,
      wait,
      "We have sent as many mails to this address as we send in a short while.",
      "/forgot-password",
    );
  // Answered before the request is looked at (see queuePasswordReset): the work starts when
  // the answer's connection is done with it ("close" also follows an aborted answer).
  queuePasswordReset(
    deps.accounts,
    f.email ?? "",
    (task) => reply.raw.once("close", () => void task()),
    (err) => req.log.error({ err }, "password reset request failed"),
  );
  return sendMessage(
    deps,
    reply,
    200,
    "Check your inbox",
    "If an account uses that address, we sent it a link to choose a new password.",
    "/forgot-password",
    [
      { href: "/login", label: "Sign in" },
      { href: "/", label: "Today’s papers" },
    ],
  );
}

export type ResetRequest = FastifyRequest<{ Querystring: { token?: string } }>;

export async function resetForm(deps: AccountRouteDeps, req: ResetRequest, reply: FastifyReply) {
  reply.header("cache-control", "no-store");
  const token = String(req.query.token ?? "");
  if (!(await resetLinkIsLive(deps.accounts, token))) {
    return sendMessage(
      deps,
      reply,
      400,
      "This link does not work",
      "The reset link is invalid, used or expired. Ask for a new one.",
      "/reset-password",
    );
  }
  return sendPage(
    reply,
    200,
    <ResetPasswordPage site={deps.site} csrf={req.viewer.csrfToken()} token={token} />,
  );
}

export async function reset(deps: AccountRouteDeps, { req, reply, fields: f, again, done }: SubmittedForm) {
  const result = await resetPassword(deps.accounts, f.token ?? "", f.password ?? "");
  if (result.ok) return done("/login?reset=1");
  if (result.reason === "weak-password") {
    return again(
      400,
      <ResetPasswordPage
        site={deps.site}
        csrf={req.viewer.csrfToken()}
        token={f.token ?? ""}
        error={result.message}
      />,
    );
  }
  return sendMessage(deps, reply, 400, "This link does not work", result.message, "/reset-password");
}
