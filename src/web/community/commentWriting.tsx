// Writing comments: POST /comments (a new comment or a reply) and the edit form,
// GET + POST /comments/:id/edit.
import type { FastifyReply, FastifyRequest } from "fastify";
import { editComment, postComment } from "../../community/comments.ts";
import { policies } from "../../community/policies.ts";
import { getComment } from "../../store/comments.ts";
import { FormPage } from "../components/forms.tsx";
import type { SignedInForm } from "../http/formRoute.ts";
import { requireUser } from "../http/forms.ts";
import { sendPage } from "../http/render.ts";
import { CommentForm } from "../paper/Comments.tsx";
import { paperPath } from "../urls.ts";
import { commentFailure, commentPath } from "./commentFailure.ts";
import type { CommunityDeps } from "./communityDeps.ts";

/** Sign-in brings the reader back to the paper's comments. */
export function commentBack(f: Record<string, string>): string {
  return f.paper ? `${paperPath(f.paper)}#comments` : "/";
}

export async function newComment(deps: CommunityDeps, { fields: f, user, done }: SignedInForm) {
  const result = await postComment(deps.accounts, user, {
    paperId: f.paper ?? "",
    parentId: f.parent,
    body: f.body ?? "",
  });
  if (!result.ok) throw commentFailure(result);
  return done(commentPath(result.comment));
}

export type CommentRequest = FastifyRequest<{ Params: { id: string } }>;

export async function editForm(deps: CommunityDeps, req: CommentRequest, reply: FastifyReply) {
  const user = requireUser(req, reply);
  if (!user) return reply;
  const comment = await getComment(deps.accounts.store.db, req.params.id);
  if (!comment || !policies.mayEditComment(user, comment)) {
    throw commentFailure({
      reason: comment ? "not-allowed" : "not-found",
      message: comment ? "You may not edit this comment." : "There is no such comment.",
    });
  }
  reply.header("cache-control", "no-store");
  return sendPage(
    reply,
    200,
    <FormPage site={deps.site} title="Edit your comment" path={`/comments/${comment.id}/edit`}>
      <CommentForm
        paperId={comment.paperId}
        label="Comment"
        value={comment.body}
        action={`/comments/${comment.id}/edit`}
      />
    </FormPage>,
  );
}

export async function edit(
  deps: CommunityDeps,
  { req, fields: f, user, done }: SignedInForm<{ id: string }>,
) {
  const result = await editComment(deps.accounts, user, req.params.id, f.body ?? "");
  if (!result.ok) throw commentFailure(result);
  return done(commentPath(result.comment));
}
