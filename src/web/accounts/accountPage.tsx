// GET /account: the settings page (public name, address, password, digest, saved searches,
// delete), with a notice after
// a change (Post/Redirect/Get keeps reloads harmless). The POSTs that show it again with an error
// use settingsPage.
import type { FastifyReply, FastifyRequest } from "fastify";
import { accountDigest } from "../../digest/accountDigest.ts";
import { offeredTopics } from "../../digest/topics.ts";
import { pendingEmailChange } from "../../store/accountTokens.ts";
import type { User } from "../../store/users.ts";
import { requireUser } from "../http/forms.ts";
import { sendPage } from "../http/render.ts";
import type { AccountChangeState } from "./AccountChangeForms.tsx";
import { type AccountDigestView, AccountSettingsPage } from "./AccountPages.tsx";
import type { AccountRouteDeps } from "./accountRouteDeps.tsx";

/** Notices after a digest or alert change. */
const DONE: Record<string, string> = {
  saved: "Your digest settings are saved.",
  subscribed: "You are subscribed to the digest.",
  confirm:
    "Your account's address is not confirmed yet, so we mailed a confirmation link first: the digest starts when you open it.",
  unsubscribed: "You are unsubscribed: no more digests or alerts will be mailed.",
  "alert-saved": "Your search is saved: new papers matching it will be mailed to you.",
  "alert-deleted": "The saved search is deleted.",
  "alert-updated": "The saved search is updated.",
  handle: "Your public name is changed. Links to the old one lead to your profile.",
  "email-sent":
    "We mailed a confirmation link to the new address. Your address changes when you open it; until then mails go to the current one.",
  email: "Your new address is confirmed: mails go there from now on.",
  password: "Your password is changed. Every other browser signed in to your account is signed out.",
};

/** The digest part of the account page, with the process's digest deps. */
async function digestView(
  deps: AccountRouteDeps,
  user: User,
  extra: Partial<AccountDigestView> = {},
): Promise<AccountDigestView> {
  return {
    ...(await accountDigest(deps.digest, user)),
    offered: await offeredTopics(deps.ctx.store.db, deps.ctx.config),
    ...extra,
  };
}

export async function settingsPage(
  deps: AccountRouteDeps,
  req: FastifyRequest,
  user: User,
  o: {
    notice?: string;
    deleteError?: string;
    digest?: Partial<AccountDigestView>;
    changes?: AccountChangeState;
  } = {},
) {
  const pendingEmail = await pendingEmailChange(
    deps.ctx.store.db,
    user.id,
    deps.accounts.clock.now().toISOString(),
  );
  return (
    <AccountSettingsPage
      site={deps.site}
      csrf={req.viewer.csrfToken()}
      user={user}
      notice={o.notice}
      deleteError={o.deleteError}
      digest={await digestView(deps, user, o.digest)}
      changes={{ ...o.changes, pendingEmail }}
    />
  );
}

export type AccountRequest = FastifyRequest<{ Querystring: { sent?: string; done?: string } }>;

export async function accountPage(deps: AccountRouteDeps, req: AccountRequest, reply: FastifyReply) {
  reply.header("cache-control", "no-store");
  const user = requireUser(req, reply);
  if (!user) return reply;
  const notice = req.query.sent
    ? "We sent the confirmation mail again."
    : (DONE[String(req.query.done ?? "")] ?? undefined);
  return sendPage(reply, 200, await settingsPage(deps, req, user, { notice }));
}
