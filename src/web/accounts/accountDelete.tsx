// POST /account/delete: the account and its personal data go, after the password is confirmed.
import { deleteAccount } from "../../accounts/accountDeleter.ts";
import { SESSION_COOKIE } from "../../accounts/sessions.ts";
import type { SignedInForm } from "../http/formRoute.ts";
import { sessionCookieOptions } from "../http/viewer.ts";
import { settingsPage } from "./accountPage.tsx";
import { type AccountRouteDeps, sendMessage } from "./accountRouteDeps.tsx";

export async function deleteAccountPost(
  deps: AccountRouteDeps,
  { req, reply, fields: f, user, again }: SignedInForm,
) {
  const ok = await deleteAccount(deps.accounts, user.id, f.password ?? "");
  if (!ok) {
    return again(400, await settingsPage(deps, req, user, { deleteError: "That is not your password." }));
  }
  reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(req, deps.ctx.config.baseUrl));
  return sendMessage(
    deps,
    reply,
    200,
    "Your account is deleted",
    "Your personal data is gone. Thank you for having been here.",
    "/account",
  );
}
