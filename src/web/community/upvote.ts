// POST /upvote: the vote button's form, or vote.js's fetch (JSON answer, the button updates in
// place).
import { setUpvote } from "../../community/upvoter.ts";
import type { SignedInForm } from "../http/formRoute.ts";
import { safeNext, wantsJson } from "../http/forms.ts";
import { HttpError } from "../http/httpError.ts";
import { paperPath } from "../urls.ts";
import type { CommunityDeps } from "./communityDeps.ts";

/** Back to where the button was (the form's `next`), else the paper's page. */
export function upvoteBack(f: Record<string, string>): string {
  return safeNext(f.next, f.paper ? paperPath(f.paper) : "/");
}

export async function upvote(deps: CommunityDeps, { req, reply, fields: f, user, done }: SignedInForm) {
  const result = await setUpvote(deps.accounts, user, f.paper ?? "", f.value !== "0");
  if (!result.ok) {
    const failure = new HttpError("unknown-paper", "There is no such paper to upvote.", {
      title: "Paper not found",
      path: "/upvote",
    });
    if (wantsJson(req)) return reply.code(failure.statusCode).send({ error: "unknown_paper" });
    throw failure;
  }
  if (wantsJson(req))
    return reply
      .header("cache-control", "no-store")
      .send({ paperId: f.paper, upvoted: result.upvoted, upvotes: result.upvotes });
  return done(upvoteBack(f));
}
