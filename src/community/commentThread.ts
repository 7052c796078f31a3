// A paper's comments as a tree for the page, with each author's handle and what the viewer may do.
import type { AccountDeps } from "../accounts/deps.ts";
import { type Comment, commentsOfPaper } from "../store/comments.ts";
import { handlesOf, type User } from "../store/users.ts";
import { policies } from "./policies.ts";

export interface ThreadNode {
  comment: Comment;
  /** null: the author deleted their account. */
  author: string | null;
  /** The text is shown (visible, or hidden but the viewer is a moderator). */
  showBody: boolean;
  mayEdit: boolean;
  mayDelete: boolean;
  mayHide: boolean;
  replies: ThreadNode[];
}

export async function commentThread(
  deps: AccountDeps,
  paperId: string,
  viewer: User | null,
): Promise<ThreadNode[]> {
  const comments = await commentsOfPaper(deps.store.db, paperId);
  const handles = await handlesOf(
    deps.store.db,
    comments.flatMap((c) => (c.userId ? [c.userId] : [])),
  );
  const nodes = new Map<string, ThreadNode>();
  for (const c of comments) {
    nodes.set(c.id, {
      comment: c,
      author: c.userId ? (handles.get(c.userId) ?? null) : null,
      showBody: c.status === "visible" || (c.status === "hidden" && policies.maySeeHiddenComment(viewer)),
      mayEdit: policies.mayEditComment(viewer, c),
      mayDelete: policies.mayDeleteComment(viewer, c),
      mayHide: policies.mayHideComment(viewer, c),
      replies: [],
    });
  }
  const roots: ThreadNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.comment.parentId ? nodes.get(node.comment.parentId) : undefined;
    (parent ? parent.replies : roots).push(node);
  }
  return roots;
}
