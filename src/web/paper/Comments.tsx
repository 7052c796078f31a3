// The discussion under a paper: threads with replies, the comment form, and per-comment actions
// the viewer may take (edit/delete own, hide as a moderator). Comment bodies are the only HTML
// injected here, and they come from renderMarkdown, which escapes by construction.

import type { ThreadNode } from "../../community/commentThread.ts";
import { policies } from "../../community/policies.ts";
import { renderMarkdown } from "../../text/markdown.ts";
import { shortDay } from "../format.ts";
import { currentViewer } from "../http/viewer.ts";
import { paperPath } from "../urls.ts";

export function CommentsSection({ paperId, thread }: { paperId: string; thread: ThreadNode[] }) {
  const viewer = currentViewer();
  const user = viewer?.user ?? null;
  const count = countVisible(thread);
  return (
    <section class="comments" id="comments" aria-labelledby="comments-heading">
      <h2 id="comments-heading">Discussion{count > 0 ? ` (${count})` : ""}</h2>
      {thread.length === 0 ? (
        <p class="muted">No comments yet.</p>
      ) : (
        <CommentList nodes={thread} paperId={paperId} />
      )}
      {policies.mayComment(user) ? (
        <CommentForm paperId={paperId} label="Add a comment" />
      ) : user ? (
        <p>
          <a href="/account">Confirm your email address</a> to comment.
        </p>
      ) : (
        <p>
          <a href={`/login?next=${encodeURIComponent(`${paperPath(paperId)}#comments`)}`}>Sign in</a> to
          comment.
        </p>
      )}
    </section>
  );
}

/** Comments shown to everyone in a thread, replies included. */
export function countVisible(nodes: ThreadNode[]): number {
  return nodes.reduce((n, c) => n + (c.comment.status === "visible" ? 1 : 0) + countVisible(c.replies), 0);
}

function CommentList({ nodes, paperId }: { nodes: ThreadNode[]; paperId: string }) {
  return (
    <ol class="comment-list">
      {nodes.map((n) => (
        <CommentItem node={n} paperId={paperId} />
      ))}
    </ol>
  );
}

function CommentItem({ node, paperId }: { node: ThreadNode; paperId: string }) {
  const viewer = currentViewer();
  const { comment: c } = node;
  const csrf = () => viewer?.csrfToken() ?? "";
  return (
    <li class="comment" id={`c-${c.id}`}>
      <p class="comment-head">
        {node.author ? (
          <a href={`/u/${encodeURIComponent(node.author)}`}>{node.author}</a>
        ) : (
          <span class="muted">deleted user</span>
        )}{" "}
        · <time dateTime={c.createdAt}>{shortDay(c.createdAt)}</time>
        {c.editedAt ? " · edited" : ""}
        {c.status === "hidden" ? " · hidden by a moderator" : ""}
      </p>
      {node.showBody ? (
        // dangerouslySetInnerHTML is safe here: renderMarkdown builds escaped HTML from a parsed tree.
        <div class="comment-body" dangerouslySetInnerHTML={renderMarkdown(c.body)} />
      ) : (
        <p class="comment-removed">
          {c.status === "deleted" ? "Comment deleted by its author." : "Comment hidden by a moderator."}
        </p>
      )}
      <div class="comment-actions">
        {c.status === "visible" && policies.mayComment(viewer?.user ?? null) ? (
          <details>
            <summary>Reply</summary>
            <CommentForm paperId={paperId} parentId={c.id} label="Your reply" />
          </details>
        ) : null}
        {node.mayEdit ? <a href={`/comments/${c.id}/edit`}>Edit</a> : null}
        {node.mayDelete ? (
          <form method="post" action={`/comments/${c.id}/delete`}>
            <input type="hidden" name="_csrf" value={csrf()} />
            <button type="submit" class="link-btn">
              Delete
            </button>
          </form>
        ) : null}
        {node.mayHide ? (
          <form method="post" action={`/comments/${c.id}/hide`}>
            <input type="hidden" name="_csrf" value={csrf()} />
            <input type="hidden" name="hidden" value={c.status === "hidden" ? "0" : "1"} />
            <button type="submit" class="link-btn">
              {c.status === "hidden" ? "Unhide" : "Hide"}
            </button>
          </form>
        ) : null}
      </div>
      {node.replies.length > 0 ? (
        <ol class="comment-replies">
          {node.replies.map((r) => (
            <CommentItem node={r} paperId={paperId} />
          ))}
        </ol>
      ) : null}
    </li>
  );
}

export function CommentForm({
  paperId,
  parentId,
  label,
  value,
  action,
}: {
  paperId: string;
  parentId?: string;
  label: string;
  value?: string;
  action?: string;
}) {
  const viewer = currentViewer();
  const id = `comment-${parentId ?? "new"}`;
  return (
    <form class="comment-form stack-form" method="post" action={action ?? "/comments"}>
      <input type="hidden" name="_csrf" value={viewer?.csrfToken() ?? ""} />
      <input type="hidden" name="paper" value={paperId} />
      {parentId ? <input type="hidden" name="parent" value={parentId} /> : null}
      <label for={id}>{label}</label>
      <textarea id={id} name="body" required maxLength={10000}>
        {value ?? ""}
      </textarea>
      <p class="field-hint">
        Markdown: *emphasis*, **bold**, `code`, [links](https://…), lists, &gt; quotes, $math$.
      </p>
      <button type="submit" class="btn btn-primary">
        {parentId ? "Reply" : action ? "Save" : "Comment"}
      </button>
    </form>
  );
}
