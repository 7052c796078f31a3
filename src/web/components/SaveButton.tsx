// The Save control on paper cards and paper pages, for signed-in readers only: a small form that
// files the paper into their default collection ("Saved") or takes it out of every collection,
// and a "Collections…" link to /save/<id>, the page that picks which collections hold the paper
// (with a new one made on the spot). Works without JavaScript (plain forms and a page); with it,
// static/save.js sends the Save form with fetch and opens the collection choice as a popover
// that files and unfiles without reloading.

import { saveToPath } from "../collections/SaveToPage.tsx";
import { savedIdsOf } from "../collections/savedState.ts";
import { currentViewer } from "../http/viewer.ts";
import { paperPath } from "../urls.ts";

export function SaveButton({ paperId, back }: { paperId: string; back?: string }) {
  const viewer = currentViewer();
  if (!viewer?.user) return null;
  const saved = savedIdsOf(viewer).has(paperId);
  const next = back ?? viewer.path ?? paperPath(paperId);
  return (
    <span class="save-control">
      <form class="save-form" method="post" action="/saved">
        <input type="hidden" name="_csrf" value={viewer.csrfToken()} />
        <input type="hidden" name="paper" value={paperId} />
        <input type="hidden" name="value" value={saved ? "0" : "1"} />
        <input type="hidden" name="next" value={next} />
        <button type="submit" class="save-btn" aria-pressed={saved ? "true" : "false"}>
          <span class="save-label">{saved ? "Saved" : "Save"}</span>
        </button>
      </form>
      <a
        class="save-to"
        href={`${saveToPath(paperId)}?next=${encodeURIComponent(next)}`}
        data-paper={paperId}
      >
        Collections…<span class="visually-hidden"> (choose where to save this paper)</span>
      </a>
    </span>
  );
}
