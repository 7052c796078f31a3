// GET /subscribe (the sign-up form: frequency, topics) and POST /subscribe (the layout's box posts
// just `email`; scripts may post JSON and get JSON). Double opt-in: the answer is the same whether
// the address is new, pending, subscribed or throttled.
import type { FastifyReply, FastifyRequest } from "fastify";
import { requestSubscription } from "../../digest/subscriptionCreator.ts";
import { formBody, wantsJson } from "../http/forms.ts";
import { sendPage } from "../http/render.ts";
import { type DigestRouteDeps, stringList } from "./digestRouteDeps.tsx";
import { CheckInboxPage, type FormState, SubscribePage } from "./pages.tsx";

/** Sign-ups per client IP: enough for a shared lab network, useless for a flood. */
export const SIGNUP_RATE_LIMIT = { max: 10, timeWindow: 10 * 60_000 };

export async function subscribeForm(deps: DigestRouteDeps, _req: FastifyRequest, reply: FastifyReply) {
  return sendPage(
    reply,
    200,
    <SubscribePage
      site={deps.site}
      state={{ frequency: "daily", topics: [] }}
      offered={await deps.offered()}
    />,
  );
}

export async function subscribe(deps: DigestRouteDeps, req: FastifyRequest, reply: FastifyReply) {
  const body = formBody(req);
  const outcome = await requestSubscription(deps.digest, {
    email: body.email,
    frequency: body.frequency,
    topics: body.topics,
  });
  if (wantsJson(req)) {
    if (!outcome.ok)
      return reply
        .code(400)
        .send({ error: "invalid_parameter", parameter: outcome.field, message: outcome.message });
    return reply.code(202).send({ status: "confirmation_sent", email: outcome.email });
  }
  if (!outcome.ok) {
    const state: FormState = {
      email: typeof body.email === "string" ? body.email.slice(0, 254) : "",
      frequency: body.frequency === "weekly" ? "weekly" : "daily",
      topics: stringList(body.topics),
      error: { field: outcome.field, message: outcome.message },
    };
    return sendPage(
      reply,
      400,
      <SubscribePage site={deps.site} state={state} offered={await deps.offered()} />,
    );
  }
  return sendPage(reply, 200, <CheckInboxPage site={deps.site} email={outcome.email} />);
}
