// Leaving by a mail's link (RFC 8058): GET /unsubscribe/:token ("unsubscribe?" page) and POST
// (one-click, or the page's button); GET + POST /alerts/stop/:token, the same for an alert-only
// mail: it deletes the alert-only saved searches, the digest stays.
import type { FastifyReply, FastifyRequest } from "fastify";
import { findAlertsByToken, stopAlertsByToken } from "../../digest/alertsStopper.ts";
import { findByUnsubscribeToken, unsubscribeByToken } from "../../digest/unsubscriber.ts";
import { formBody } from "../http/forms.ts";
import { sendPage } from "../http/render.ts";
import {
  badLink,
  type DigestRouteDeps,
  managePath,
  stopAlertsPath,
  type TokenParams,
  unsubscribePath,
} from "./digestRouteDeps.tsx";
import { StopAlertsPage, UnsubscribedPage, UnsubscribePage } from "./pages.tsx";

export type TokenRequest = FastifyRequest<{ Params: TokenParams }>;

export async function unsubscribeForm(deps: DigestRouteDeps, req: TokenRequest, reply: FastifyReply) {
  const s = await findByUnsubscribeToken(deps.digest, req.params.token);
  if (!s) return badLink(deps, reply, "/unsubscribe");
  return sendPage(
    reply,
    200,
    <UnsubscribePage site={deps.site} subscriber={s} action={unsubscribePath(req.params.token)} />,
  );
}

export async function unsubscribe(deps: DigestRouteDeps, req: TokenRequest, reply: FastifyReply) {
  const oneClick = isOneClick(req);
  const outcome = await unsubscribeByToken(deps.digest, req.params.token);
  if (oneClick) return oneClickAnswer(reply, outcome.ok, "Unsubscribed.", "Unknown unsubscribe link.");
  if (!outcome.ok) return badLink(deps, reply, "/unsubscribe");
  const manageToken = deps.digest.signer.sign("manage", outcome.subscriber.id);
  return sendPage(
    reply,
    200,
    <UnsubscribedPage
      site={deps.site}
      subscriber={outcome.subscriber}
      manageAction={managePath(manageToken)}
    />,
  );
}

export async function stopAlertsForm(deps: DigestRouteDeps, req: TokenRequest, reply: FastifyReply) {
  const found = await findAlertsByToken(deps.digest, req.params.token);
  if (!found) return badLink(deps, reply, "/alerts/stop");
  return sendPage(
    reply,
    200,
    <StopAlertsPage site={deps.site} {...found} action={stopAlertsPath(req.params.token)} stopped={false} />,
  );
}

export async function stopAlerts(deps: DigestRouteDeps, req: TokenRequest, reply: FastifyReply) {
  const oneClick = isOneClick(req);
  const stopped = await stopAlertsByToken(deps.digest, req.params.token);
  if (oneClick) return oneClickAnswer(reply, stopped !== null, "Alert mails stopped.", "Unknown link.");
  if (!stopped) return badLink(deps, reply, "/alerts/stop");
  return sendPage(reply, 200, <StopAlertsPage site={deps.site} {...stopped} action={null} stopped={true} />);
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
function isOneClick(req: FastifyRequest): boolean {
  if (typeof req.body === "string")
    return /List-Unsubscribe=One-Click|name="List-Unsubscribe"[\s\S]*One-Click/i.test(req.body);
  return formBody(req)["List-Unsubscribe"] === "One-Click";
}
