// The confirmation link: GET /subscribe/confirm/:token (a page with a button, so link scanners
// confirm nothing; the preferences can be changed on it) and POST (confirm).
import type { FastifyReply, FastifyRequest } from "fastify";
import { confirmSubscription, lookupConfirmation } from "../../digest/subscriptionConfirmer.ts";
import { formBody } from "../http/forms.ts";
import { statusOf } from "../http/httpError.ts";
import { sendPage } from "../http/render.ts";
import {
  confirmPath,
  type DigestRouteDeps,
  formTopics,
  stringList,
  type TokenParams,
} from "./digestRouteDeps.tsx";
import { ConfirmPage, type FormState, LinkProblemPage, SubscribedPage } from "./pages.tsx";

/** An altered link is not found (404); a used or expired one is gone (410). */
function badConfirmLink(deps: DigestRouteDeps, reply: FastifyReply, reason: "invalid" | "expired") {
  return sendPage(
    reply,
    statusOf(reason === "invalid" ? "not-found" : "expired"),
    <LinkProblemPage
      site={deps.site}
      path="/subscribe/confirm"
      title={reason === "invalid" ? "This link is not valid" : "This link has expired or was used"}
      message={
        reason === "invalid"
          ? "The confirmation link is incomplete or altered. Copy the whole link from the mail, or sign up again."
          : "If you confirmed already, you are subscribed: every digest has a link to manage it. Otherwise, sign up again for a fresh link."
      }
    />,
  );
}

/** The confirmation form (first view, or again with the field that needs fixing). */
async function confirmForm(
  deps: DigestRouteDeps,
  reply: FastifyReply,
  code: number,
  token: string,
  email: string,
  state: FormState,
) {
  return sendPage(
    reply,
    code,
    <ConfirmPage
      site={deps.site}
      email={email}
      state={state}
      offered={await deps.offered()}
      action={confirmPath(token)}
    />,
  );
}

export type ConfirmRequest = FastifyRequest<{ Params: TokenParams }>;

export async function confirmLink(deps: DigestRouteDeps, req: ConfirmRequest, reply: FastifyReply) {
  const found = await lookupConfirmation(deps.digest, req.params.token);
  if (!found.ok) return badConfirmLink(deps, reply, found.reason);
  return confirmForm(deps, reply, 200, req.params.token, found.subscriber.email, {
    frequency: found.frequency,
    topics: found.topics,
  });
}

export async function confirm(deps: DigestRouteDeps, req: ConfirmRequest, reply: FastifyReply) {
  const body = formBody(req);
  const outcome = await confirmSubscription(deps.digest, req.params.token, {
    frequency: body.frequency,
    topics: formTopics(body),
  });
  if (!outcome.ok && outcome.reason !== "input") return badConfirmLink(deps, reply, outcome.reason);
  if (!outcome.ok) {
    const found = await lookupConfirmation(deps.digest, req.params.token);
    if (!found.ok) return badConfirmLink(deps, reply, found.reason);
    return confirmForm(deps, reply, 400, req.params.token, found.subscriber.email, {
      frequency: found.frequency,
      topics: stringList(body.topics),
      error: { field: outcome.field, message: outcome.message },
    });
  }
  return sendPage(
    reply,
    200,
    <SubscribedPage
      site={deps.site}
      subscriber={outcome.subscriber}
      manageUrl={deps.digest.links.manage(outcome.subscriber.id)}
    />,
  );
}
