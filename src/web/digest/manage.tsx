// GET /subscription/:token (manage: frequency, topics, unsubscribe, subscribe again) and POST.
import type { FastifyReply, FastifyRequest } from "fastify";
import { findByManageToken, manageSubscription } from "../../digest/preferencesUpdater.ts";
import type { Subscriber } from "../../store/subscribers.ts";
import { formBody } from "../http/forms.ts";
import { sendPage } from "../http/render.ts";
import {
  badLink,
  type DigestRouteDeps,
  formTopics,
  managePath,
  stringList,
  type TokenParams,
} from "./digestRouteDeps.tsx";
import { type FormState, ManagePage } from "./pages.tsx";

/** The manage page: the subscription as stored, or the form again with what needs fixing. */
async function manageForm(
  deps: DigestRouteDeps,
  reply: FastifyReply,
  code: number,
  token: string,
  s: Subscriber,
  opts: { state?: FormState; notice?: string } = {},
) {
  return sendPage(
    reply,
    code,
    <ManagePage
      site={deps.site}
      subscriber={s}
      state={opts.state ?? { frequency: s.frequency, topics: s.topics }}
      offered={await deps.offered()}
      action={managePath(token)}
      notice={opts.notice}
    />,
  );
}

export type ManageRequest = FastifyRequest<{ Params: TokenParams }>;

export async function managePage(deps: DigestRouteDeps, req: ManageRequest, reply: FastifyReply) {
  const s = await findByManageToken(deps.digest, req.params.token);
  if (!s) return badLink(deps, reply, "/subscription");
  return manageForm(deps, reply, 200, req.params.token, s);
}

export async function manage(deps: DigestRouteDeps, req: ManageRequest, reply: FastifyReply) {
  const body = formBody(req);
  const action = body.action ?? "update";
  const input =
    action === "unsubscribe" ? { action } : { action, frequency: body.frequency, topics: formTopics(body) };
  const outcome = await manageSubscription(deps.digest, req.params.token, input);
  if (!outcome.ok && outcome.reason === "invalid") return badLink(deps, reply, "/subscription");
  const s = await findByManageToken(deps.digest, req.params.token);
  if (!s) return badLink(deps, reply, "/subscription");
  if (!outcome.ok) {
    return manageForm(deps, reply, 400, req.params.token, s, {
      state: {
        frequency: body.frequency === "weekly" ? "weekly" : s.frequency,
        topics: stringList(body.topics),
        error: { field: outcome.field, message: outcome.message },
      },
    });
  }
  const notice =
    outcome.action === "unsubscribe"
      ? "You are unsubscribed. No more digests will be sent."
      : outcome.action === "resubscribe"
        ? "Welcome back: you are subscribed again."
        : "Saved.";
  return manageForm(deps, reply, 200, req.params.token, s, { notice });
}
