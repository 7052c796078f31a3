// Taking comments down: POST /comments/:id/delete (the author) and /comments/:id/hide
// (a moderator; hidden=0 shows it again).
import { deleteComment, setCommentHidden } from "../../community/comments.ts";
import type { SignedInForm } from "../http/formRoute.ts";
import { commentFailure, commentPath } from "./commentFailure.ts";
import type { CommunityDeps } from "./communityDeps.ts";

type CommentForm = SignedInForm<{ id: string }>;

export async function remove(deps: CommunityDeps, { req, user, done }: CommentForm) {
  const result = await deleteComment(deps.accounts, user, req.params.id);
  if (!result.ok) throw commentFailure(result);
  return done(commentPath(result.comment));
}

export async function hide(deps: CommunityDeps, { req, fields: f, user, done }: CommentForm) {
  const result = await setCommentHidden(deps.accounts, user, req.params.id, f.hidden !== "0");
  if (!result.ok) throw commentFailure(result);
  return done(commentPath(result.comment));
}
