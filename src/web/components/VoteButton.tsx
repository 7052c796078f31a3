// The upvote control on paper cards and paper pages. Signed in: a form (works without
// JavaScript; static/vote.js sends it with fetch and updates the count in place). Anonymous: a
// link to sign in that comes back to the page. Anonymous pages carry no token, so they stay
// shareable by the response cache.

import { count } from "../format.ts";
import { currentViewer } from "../http/viewer.ts";
import { paperPath } from "../urls.ts";
import { Icon } from "./Icons.tsx";

export function VoteButton({
  paperId,
  n,
  large,
  back,
}: {
  paperId: string;
  n: number;
  large?: boolean;
  back?: string;
}) {
  const viewer = currentViewer();
  back ??= viewer?.path;
  const cls = large ? "votes votes-lg" : "votes";
  const label = n === 1 ? "upvote" : "upvotes";
  if (!viewer?.user) {
    // The count stays a plain figure; the arrow is the way in (sign in, then back here).
    return (
      <p class={cls}>
        <a
          class="vote-signin"
          href={`/login?next=${encodeURIComponent(back ?? paperPath(paperId))}`}
          title="Sign in to upvote"
        >
          <Icon name="upvote" />
          <span class="visually-hidden">Sign in to upvote</span>
        </a>
        <span class="votes-n">{count(n)}</span>
        <span class="visually-hidden"> {label}</span>
      </p>
    );
  }
  const voted = viewer.votedIds.has(paperId);
  return (
    <form class="vote-form" method="post" action="/upvote">
      <input type="hidden" name="_csrf" value={viewer.csrfToken()} />
      <input type="hidden" name="paper" value={paperId} />
      <input type="hidden" name="value" value={voted ? "0" : "1"} />
      <input type="hidden" name="next" value={back ?? paperPath(paperId)} />
      <button type="submit" class={`${cls} vote-btn`} aria-pressed={voted ? "true" : "false"}>
        <Icon name="upvote" />
        <span class="votes-n">{count(n)}</span>
        <span class="visually-hidden vote-label">{voted ? "Remove upvote" : "Upvote"}</span>
      </button>
    </form>
  );
}
