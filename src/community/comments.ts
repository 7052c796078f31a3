// Comment use cases: write (or reply), edit and delete your own, hide/unhide as a moderator.
// Each change and the paper's comment count are written in one transaction.
import type { AccountDeps } from "../accounts/deps.ts";
import { newId } from "../accounts/secrets.ts";
import {
  type Comment,
  getComment,
  insertComment,
  recountComments,
  updateComment,
} from "../store/comments.ts";
import { getPaper } from "../store/papers.ts";
import type { User } from "../store/users.ts";
import { MAX_COMMENT_LENGTH } from "../text/markdown.ts";
import { policies } from "./policies.ts";

export type CommentResult =
  | { ok: true; comment: Comment }
  | { ok: false; reason: "not-allowed" | "not-found" | "invalid"; message: string };

const notAllowed: CommentResult = { ok: false, reason: "not-allowed", message: "You may not do that." };
const notFound: CommentResult = { ok: false, reason: "not-found", message: "There is no such comment." };

function bodyProblem(body: string): string | null {
  if (body.trim() === "") return "Write something first.";
  if (body.length > MAX_COMMENT_LENGTH) return `Comments are limited to ${MAX_COMMENT_LENGTH} characters.`;
  return null;
}

export async function postComment(
  deps: AccountDeps,
  user: User | null,
  input: { paperId: string; parentId?: string | null; body: string },
): Promise<CommentResult> {
  if (!policies.mayComment(user)) {
    return { ok: false, reason: "not-allowed", message: "Confirm your email address before commenting." };
  }
  const problem = bodyProblem(input.body);
  if (problem) return { ok: false, reason: "invalid", message: problem };
  if (!(await getPaper(deps.store.db, input.paperId)))
    return { ok: false, reason: "not-found", message: "There is no such paper." };
  const parentId = input.parentId || null;
  if (parentId) {
    const parent = await getComment(deps.store.db, parentId);
    // Replies stay on the parent's paper (an id from elsewhere must not graft threads together).
    if (!parent || parent.paperId !== input.paperId)
      return { ok: false, reason: "invalid", message: "That comment cannot be replied to." };
  }
  const comment: Comment = {
    id: newId(),
    paperId: input.paperId,
    userId: user.id,
    parentId,
    body: input.body,
    status: "visible",
    createdAt: deps.clock.now().toISOString(),
    editedAt: null,
  };
  await deps.store.db.transaction().execute(async (trx) => {
    await insertComment(trx, comment);
    await recountComments(trx, comment.paperId);
  });
  return { ok: true, comment };
}

export async function editComment(
  deps: AccountDeps,
  user: User | null,
  id: string,
  body: string,
): Promise<CommentResult> {
  const comment = await getComment(deps.store.db, id);
  if (!comment) return notFound;
  if (!policies.mayEditComment(user, comment)) return notAllowed;
  const problem = bodyProblem(body);
  if (problem) return { ok: false, reason: "invalid", message: problem };
  const editedAt = deps.clock.now().toISOString();
  await updateComment(deps.store.db, id, { body, editedAt });
  return { ok: true, comment: { ...comment, body, editedAt } };
}

/** The author's delete keeps the row (replies keep their place) but drops the text. */
export async function deleteComment(
  deps: AccountDeps,
  user: User | null,
  id: string,
): Promise<CommentResult> {
  const comment = await getComment(deps.store.db, id);
  if (!comment) return notFound;
  if (!policies.mayDeleteComment(user, comment)) return notAllowed;
  await deps.store.db.transaction().execute(async (trx) => {
    await updateComment(trx, id, { body: "", status: "deleted" });
    await recountComments(trx, comment.paperId);
  });
  return { ok: true, comment: { ...comment, body: "", status: "deleted" } };
}

export async function setCommentHidden(
  deps: AccountDeps,
  user: User | null,
  id: string,
  hidden: boolean,
): Promise<CommentResult> {
  const comment = await getComment(deps.store.db, id);
  if (!comment) return notFound;
  if (!policies.mayHideComment(user, comment)) return notAllowed;
  const status = hidden ? "hidden" : "visible";
  await deps.store.db.transaction().execute(async (trx) => {
    await updateComment(trx, id, { status });
    await recountComments(trx, comment.paperId);
  });
  return { ok: true, comment: { ...comment, status } };
}
