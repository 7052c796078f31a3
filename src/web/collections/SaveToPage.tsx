// /save/<paper id>: the reader's collections, one checkbox each (ticked = the paper is in it),
// and a new collection to make and file the paper into. The plain-form version of the "Save to…"
// popover (static/save.js builds the same controls from this route's JSON answer). Collection
// names are user text and only ever rendered as JSX text.
import { MAX_NAME } from "../../community/collections/fields.ts";
import type { CollectionChoice } from "../../community/collections/membership.ts";
import type { Paper } from "../../model/paper.ts";
import { plainText } from "../../text/math.ts";
import { CsrfField } from "../components/forms.tsx";
import { Layout, type Site } from "../components/Layout.tsx";
import { plural } from "../format.ts";
import { paperPath } from "../urls.ts";
import { collectionPath } from "./CollectionPages.tsx";

export const saveToPath = (paperId: string) =>
  `/save/${paperId.split("/").map(encodeURIComponent).join("/")}`;

export function SaveToPage(p: {
  site: Site;
  csrf: string;
  paper: Paper;
  collections: CollectionChoice[];
  next: string;
  error?: string;
  draft?: { name: string; isPublic: boolean };
}) {
  const title = plainText(p.paper.title) || p.paper.id;
  const action = saveToPath(p.paper.id);
  return (
    <Layout meta={{ title: `Save “${title}”`, path: action, noindex: true }} site={p.site}>
      <div class="container narrow form-page">
        <h1>Save to collections</h1>
        <p>
          <a href={paperPath(p.paper.id)}>{title}</a>
        </p>
        {p.error ? (
          <p class="form-error" role="alert">
            {p.error}
          </p>
        ) : null}
        <form method="post" action={action} class="stack-form save-to-form">
          <CsrfField token={p.csrf} />
          <input type="hidden" name="next" value={p.next} />
          {/* Which boxes were on the page: an unticked box is "take it out", a collection made
              meanwhile (in another tab) is left alone. */}
          <input type="hidden" name="shown" value={p.collections.map((c) => c.id).join(",")} />
          <fieldset class="save-to-list">
            <legend>Your collections</legend>
            {p.collections.length === 0 ? (
              <p class="muted">You have no collections yet: make one below.</p>
            ) : (
              <ul>
                {p.collections.map((c) => (
                  <li>
                    <label>
                      <input type="checkbox" name={`c.${c.id}`} value="1" checked={c.holds} /> {c.name}
                    </label>{" "}
                    <span class="muted">· {plural(c.count, "paper")}</span>{" "}
                    <span class="chip">{c.isPublic ? "public" : "private"}</span>{" "}
                    <a href={collectionPath(c)} class="muted">
                      open<span class="visually-hidden"> {c.name}</span>
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </fieldset>
          <fieldset class="save-to-new">
            <legend>New collection (optional)</legend>
            <div class="field">
              <label for="f-new-name">Name</label>
              <input id="f-new-name" name="new_name" value={p.draft?.name ?? ""} maxLength={MAX_NAME} />
            </div>
            <div class="field field-check">
              <label>
                <input type="checkbox" name="new_public" value="1" checked={p.draft?.isPublic ?? false} />{" "}
                Public: anyone with the link can see it
              </label>
            </div>
          </fieldset>
          <button class="btn btn-primary" type="submit">
            Save
          </button>
        </form>
        <p>
          <a href={p.next}>Back</a> · <a href="/collections">All your collections</a>
        </p>
      </div>
    </Layout>
  );
}
