// Confirming the account's address: GET /account/verify (a button, so link scanners confirm
// nothing), POST /account/verify, and POST /account/verify/resend (a fresh link, throttled).
import type { FastifyReply, FastifyRequest } from "fastify";
import { takeAccountMailAllowance, takeUserMailAllowance } from "../../accounts/accountThrottle.ts";
import { verifyEmail } from "../../accounts/emailVerifier.ts";
import { sendVerification } from "../../accounts/signUp.ts";
import type { SignedInForm, SubmittedForm } from "../http/formRoute.ts";
import { sendPage } from "../http/render.ts";
import { VerifyEmailPage } from "./AccountPages.tsx";
import { type AccountRouteDeps, sendMessage, tooMany } from "./accountRouteDeps.tsx";

export type VerifyRequest = FastifyRequest<{ Querystring: { token?: string } }>;

export async function verifyForm(deps: AccountRouteDeps, req: VerifyRequest, reply: FastifyReply) {
  reply.header("cache-control", "no-store");
  return sendPage(
    reply,
    200,
    <VerifyEmailPage site={deps.site} csrf={req.viewer.csrfToken()} token={String(req.query.token ?? "")} />,
  );
}

export async function verify(deps: AccountRouteDeps, { req, reply, fields: f }: SubmittedForm) {
  const verifiedId = await verifyEmail(deps.accounts, f.token ?? "");
  // The page that says so is rendered for a reader who is confirmed now (no banner on it).
  const viewer = req.viewer;
  if (verifiedId && viewer.user?.id === verifiedId) viewer.user = { ...viewer.user, emailVerified: true };
  return verifiedId
    ? sendMessage(
        deps,
        reply,
        200,
        "Your address is confirmed",
        "Thank you. You can now submit papers and comment.",
        "/account/verify",
        [
          { href: "/account", label: "Your account" },
          { href: "/", label: "Today’s papers" },
        ],
      )
    : sendMessage(
        deps,
        reply,
        400,
        "This link does not work",
        "The confirmation link is invalid, already used or expired. Sign in to get a new one.",
        "/account/verify",
      );
}

export async function resendVerification(deps: AccountRouteDeps, { reply, user, done }: SignedInForm) {
  if (!user.emailVerified) {
    const wait =
      (await takeUserMailAllowance(deps.accounts, user.id)) ??
      (await takeAccountMailAllowance(deps.accounts, user.email));
    if (wait !== null)
      return tooMany(
        deps,
        reply,
        wait,
        "We have sent as many mails to your account as we send in a short while.",
        "/account",
      );
    await sendVerification(deps.accounts, user);
  }
  return done("/account?sent=1");
}
