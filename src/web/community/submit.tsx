// GET /submit (the form) and POST /submit: a paper the instance does not list yet, by arXiv id
// or URL, fetched from arXiv.
import type { FastifyReply, FastifyRequest } from "fastify";
import { submitPaper } from "../../community/paperSubmitter.ts";
import type { User } from "../../store/users.ts";
import type { SignedInForm } from "../http/formRoute.ts";
import { requireUser } from "../http/forms.ts";
import { statusOf } from "../http/httpError.ts";
import { sendPage } from "../http/render.ts";
import { paperPath } from "../urls.ts";
import type { CommunityDeps } from "./communityDeps.ts";
import { SubmitPage } from "./SubmitPage.tsx";

function submitPage(
  deps: CommunityDeps,
  req: FastifyRequest,
  user: User,
  form: { value?: string; error?: string } = {},
) {
  const s = deps.accounts.settings;
  return (
    <SubmitPage
      site={deps.site}
      csrf={req.viewer.csrfToken()}
      value={form.value}
      error={form.error}
      verified={user.emailVerified}
      maxAgeDays={s.submitMaxAgeDays}
      cap={s.submitDailyCap}
    />
  );
}

export async function submitForm(deps: CommunityDeps, req: FastifyRequest, reply: FastifyReply) {
  const user = requireUser(req, reply);
  if (!user) return reply;
  reply.header("cache-control", "no-store");
  return sendPage(reply, 200, submitPage(deps, req, user));
}

export async function submit(deps: CommunityDeps, { req, fields: f, user, again, done }: SignedInForm) {
  const result = await submitPaper(deps.accounts, user, f.paper ?? "");
  if (result.ok) return done(paperPath(result.paperId));
  return again(
    statusOf(result.reason),
    submitPage(deps, req, user, { value: f.paper, error: result.message }),
  );
}
