// The Save control on paper cards and paper pages, for signed-in readers only: a small form that
// files the paper into their default collection ("Saved") or takes it out of every collection.
// Works without JavaScript (the server redirects back); static/save.js sends it with fetch and
// flips the button in place, like the upvote button.
import { currentViewer } from "../../../accounts/viewer.ts";
import { savedIdsOf } from "../../../community/collections/savedState.ts";
import { paperPath } from "../../urls.ts";

export function SaveButton({ paperId, back }: { paperId: string; back?: string }) {
  const viewer = currentViewer();
  if (!viewer?.user) return null;
  const saved = savedIdsOf(viewer).has(paperId);
  return (
    <form class="save-form" method="post" action="/saved">
      <input type="hidden" name="_csrf" value={viewer.csrfToken()} />
      <input type="hidden" name="paper" value={paperId} />
      <input type="hidden" name="value" value={saved ? "0" : "1"} />
      <input type="hidden" name="next" value={back ?? viewer.path ?? paperPath(paperId)} />
      <button type="submit" class="save-btn" aria-pressed={saved ? "true" : "false"}>
        <span class="save-label">{saved ? "Saved" : "Save"}</span>
      </button>
    </form>
  );
}
