// Changing the account from /account: POST /account/handle, POST /account/email (mails a link
// to the new address), GET and POST /account/email/confirm (the link's page: a button, so link
// scanners change nothing) and POST /account/password. A form with something to fix shows the
// account page again with its errors; a change redirects back with a notice.
import type { FastifyReply, FastifyRequest } from "fastify";
import { confirmEmailChange, requestEmailChange } from "../../accounts/emailChange.ts";
import { changeHandle } from "../../accounts/handleChange.ts";
import { changePassword } from "../../accounts/passwordChange.ts";
import { CsrfField, FormPage } from "../components/forms.tsx";
import type { SignedInForm, SubmittedForm } from "../http/formRoute.ts";
import { sendPage } from "../http/render.ts";
import { sessionIdOf } from "../http/viewer.ts";
import { settingsPage } from "./accountPage.tsx";
import { type AccountRouteDeps, sendMessage, tooMany } from "./accountRouteDeps.tsx";

export async function handlePost(
  deps: AccountRouteDeps,
  { req, fields: f, user, again, done }: SignedInForm,
) {
  const result = await changeHandle(deps.accounts, user.id, f.handle ?? "");
  if (result.ok) return done("/account?done=handle#change-handle");
  return again(
    400,
    await settingsPage(deps, req, user, { changes: { handle: { value: f.handle, error: result.message } } }),
  );
}

export async function emailPost(
  deps: AccountRouteDeps,
  { req, reply, fields: f, user, again, done }: SignedInForm,
) {
  const result = await requestEmailChange(deps.accounts, {
    userId: user.id,
    current: f.current ?? "",
    email: f.email ?? "",
  });
  if (result.ok) return done("/account?done=email-sent#change-email");
  if ("retryAfterSeconds" in result)
    return tooMany(
      deps,
      reply,
      result.retryAfterSeconds,
      "There were too many attempts or mails for this account.",
      "/account",
    );
  const email =
    result.field === "email"
      ? { value: f.email, error: result.message }
      : { value: f.email, currentError: result.message };
  return again(400, await settingsPage(deps, req, user, { changes: { email } }));
}

export async function passwordPost(
  deps: AccountRouteDeps,
  { req, reply, fields: f, user, again, done }: SignedInForm,
) {
  const result = await changePassword(deps.accounts, {
    userId: user.id,
    sessionId: sessionIdOf(req) ?? "",
    current: f.current ?? "",
    password: f.password ?? "",
  });
  if (result.ok) return done("/account?done=password#change-password");
  if ("retryAfterSeconds" in result)
    return tooMany(
      deps,
      reply,
      result.retryAfterSeconds,
      "There were too many wrong passwords for this account.",
      "/account",
    );
  const password = result.field === "current" ? { currentError: result.message } : { error: result.message };
  return again(400, await settingsPage(deps, req, user, { changes: { password } }));
}

export type EmailConfirmRequest = FastifyRequest<{ Querystring: { token?: string } }>;

export async function emailConfirmForm(
  deps: AccountRouteDeps,
  req: EmailConfirmRequest,
  reply: FastifyReply,
) {
  reply.header("cache-control", "no-store");
  return sendPage(
    reply,
    200,
    <FormPage site={deps.site} title="Confirm your new address" path="/account/email/confirm">
      <p>Your account’s address changes to the one this link was mailed to.</p>
      <form method="post" action="/account/email/confirm" class="stack-form">
        <CsrfField token={req.viewer.csrfToken()} />
        <input type="hidden" name="token" value={String(req.query.token ?? "").slice(0, 200)} />
        <button class="btn btn-primary" type="submit">
          Use this address
        </button>
      </form>
    </FormPage>,
  );
}

export async function emailConfirm(deps: AccountRouteDeps, { req, reply, fields: f, done }: SubmittedForm) {
  const result = await confirmEmailChange(deps.accounts, f.token ?? "");
  if (!result.ok)
    return sendMessage(
      deps,
      reply,
      400,
      "This link does not work",
      result.message,
      "/account/email/confirm",
      [
        { href: "/account", label: "Your account" },
        { href: "/", label: "Today’s papers" },
      ],
    );
  if (req.viewer.user) return done("/account?done=email#change-email");
  return sendMessage(
    deps,
    reply,
    200,
    "Your new address is confirmed",
    `Your account now uses ${result.email}. Sign in with it from now on.`,
    "/account/email/confirm",
    [
      { href: "/login", label: "Sign in" },
      { href: "/", label: "Today’s papers" },
    ],
  );
}
