// /collections (the reader's own collections, a form to make one, exports) and /c/<slug> (one
// collection: public to anyone when it is public, else to its owner alone). Names, descriptions
// and tags are user text: they are only ever rendered as JSX text (escaped), never as HTML.

import {
  MAX_DESCRIPTION,
  MAX_NAME,
  MAX_TAG,
  MAX_TAGS,
  MAX_TAGS_INPUT,
} from "../../community/collections/fields.ts";
import { policies } from "../../community/policies.ts";
import type { Paper } from "../../model/paper.ts";
import type { Collection, CollectionItem } from "../../store/collections.ts";
import { CsrfField } from "../components/forms.tsx";
import { Layout, type Site } from "../components/Layout.tsx";
import { PaperCard } from "../components/PaperCard.tsx";
import { plural } from "../format.ts";
import { currentViewer } from "../http/viewer.ts";

export const collectionPath = (c: Pick<Collection, "slug">) => `/c/${encodeURIComponent(c.slug)}`;

function ExportLinks({ base, label }: { base: string; label: string }) {
  return (
    <p class="export-links">
      Export {label}: <a href={`${base}/export.bib`}>BibTeX</a> · <a href={`${base}/export.json`}>JSON</a>
    </p>
  );
}

function CollectionFields({ c, error }: { c?: Partial<Collection>; error?: string }) {
  return (
    <>
      <div class={error ? "field field-error" : "field"}>
        <label for="f-name">Name</label>
        <input id="f-name" name="name" value={c?.name ?? ""} required maxLength={MAX_NAME} />
        {error ? (
          <p class="field-message" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <div class="field">
        <label for="f-description">Description (optional)</label>
        <textarea id="f-description" name="description" maxLength={MAX_DESCRIPTION} rows={3}>
          {c?.description ?? ""}
        </textarea>
      </div>
      <div class="field field-check">
        <label>
          <input type="checkbox" name="public" value="1" checked={c?.isPublic ?? false} /> Public: anyone with
          the link can see it, and it shows on your profile
        </label>
      </div>
    </>
  );
}

export function CollectionsPage(p: {
  site: Site;
  csrf: string;
  collections: (Collection & { count: number })[];
  error?: string;
  draft?: Partial<Collection>;
}) {
  return (
    <Layout meta={{ title: "Your collections", path: "/collections", noindex: true }} site={p.site}>
      <div class="container narrow">
        <h1>Your collections</h1>
        {p.collections.length === 0 ? (
          <p class="muted">
            Nothing saved yet. Press “Save” on a paper to start your “Saved” collection, or make one below.
          </p>
        ) : (
          <ul class="collection-list">
            {p.collections.map((c) => (
              <li>
                <a href={collectionPath(c)}>{c.name}</a>{" "}
                <span class="muted">· {plural(c.count, "paper")}</span>{" "}
                <span class="chip">{c.isPublic ? "public" : "private"}</span>
              </li>
            ))}
          </ul>
        )}
        {p.collections.length > 0 ? <ExportLinks base="/saved" label="everything you saved" /> : null}
        <section class="form-page" aria-labelledby="new-collection">
          <h2 id="new-collection">New collection</h2>
          <form method="post" action="/collections" class="stack-form">
            <CsrfField token={p.csrf} />
            <CollectionFields c={p.draft} error={p.error} />
            <button class="btn btn-primary" type="submit">
              Create
            </button>
          </form>
        </section>
      </div>
    </Layout>
  );
}

export function CollectionPage(p: {
  site: Site;
  collection: Collection;
  owner: string;
  items: { paper: Paper; item: CollectionItem }[];
  error?: string;
  /** The owner's add-a-paper form, back with an error and what was typed. */
  addError?: string;
  addDraft?: string;
  /** One item's tag form, back with an error and what was typed. */
  tagForm?: TagFormState;
}) {
  const c = p.collection;
  const viewer = currentViewer();
  const mine = policies.mayEditCollection(viewer?.user ?? null, c);
  const csrf = () => viewer?.csrfToken() ?? "";
  const path = collectionPath(c);
  return (
    <Layout
      meta={{
        title: c.name,
        description: c.description || undefined,
        path,
        noindex: !c.isPublic,
        // A public collection's own RSS/Atom/JSON feeds (src/web/feeds); private ones have none.
        feed: c.isPublic ? { kind: "collection", slug: c.slug, name: c.name } : undefined,
      }}
      site={p.site}
    >
      <div class="container">
        <header class="feed-hero">
          <h1>{c.name}</h1>
          <p class="feed-subheading">
            {c.isPublic ? "Public collection" : "Private collection"} by{" "}
            <a href={`/u/${encodeURIComponent(p.owner)}`}>{p.owner}</a> · {plural(p.items.length, "paper")}
          </p>
          {c.description
            ? c.description.split(/\n+/).map((line) => <p class="collection-description">{line}</p>)
            : null}
        </header>
        <ExportLinks base={`/collections/${encodeURIComponent(c.id)}`} label="this collection" />
        {p.error ? (
          <p class="form-error" role="alert">
            {p.error}
          </p>
        ) : null}
        {mine ? (
          <form
            method="post"
            action={`/collections/${encodeURIComponent(c.id)}/add`}
            class={p.addError ? "inline-form add-paper-form field-error" : "inline-form add-paper-form"}
          >
            <input type="hidden" name="_csrf" value={csrf()} />
            <label for="f-add-paper">Add a paper (arXiv id or URL)</label>
            <input
              id="f-add-paper"
              name="paper"
              value={p.addDraft ?? ""}
              required
              maxLength={300}
              placeholder="2606.12345 or https://arxiv.org/abs/2606.12345"
              aria-invalid={p.addError ? "true" : undefined}
              aria-describedby={p.addError ? "f-add-paper-error" : undefined}
            />
            <button type="submit" class="btn">
              Add
            </button>
            {p.addError ? (
              <p class="field-message" id="f-add-paper-error" role="alert">
                {p.addError}
              </p>
            ) : null}
          </form>
        ) : null}
        {p.items.length === 0 ? (
          <div class="empty-state">
            <p>No papers in this collection yet.</p>
          </div>
        ) : (
          <ol class="card-grid">
            {p.items.map(({ paper, item }) => (
              <li>
                <PaperCard paper={paper}>
                  {item.tags.length > 0 || mine ? (
                    <CollectionItemExtras
                      collectionId={c.id}
                      paperId={paper.id}
                      tags={item.tags}
                      csrf={mine ? csrf() : null}
                      again={p.tagForm?.paperId === paper.id ? p.tagForm : undefined}
                    />
                  ) : null}
                </PaperCard>
              </li>
            ))}
          </ol>
        )}
        {mine ? (
          <section class="form-page" aria-labelledby="edit-collection">
            <h2 id="edit-collection">Edit collection</h2>
            <form method="post" action={`/collections/${encodeURIComponent(c.id)}/edit`} class="stack-form">
              <input type="hidden" name="_csrf" value={csrf()} />
              <CollectionFields c={c} />
              <button class="btn btn-primary" type="submit">
                Save changes
              </button>
            </form>
            <form method="post" action={`/collections/${encodeURIComponent(c.id)}/delete`} class="stack-form">
              <input type="hidden" name="_csrf" value={csrf()} />
              <button class="btn btn-danger" type="submit">
                Delete this collection
              </button>
            </form>
          </section>
        ) : null}
      </div>
    </Layout>
  );
}

export interface TagFormState {
  paperId: string;
  error: string;
  draft: string;
}

/** A collection item's tags, and for the owner the tag editor and "Remove from collection". */
function CollectionItemExtras(p: {
  collectionId: string;
  paperId: string;
  tags: string[];
  csrf: string | null;
  again?: TagFormState;
}) {
  const action = (what: string) => `/collections/${encodeURIComponent(p.collectionId)}/${what}`;
  const tagsId = `tags-${p.paperId}`;
  const errorId = `${tagsId}-error`;
  return (
    <div class="collection-item-meta">
      {p.tags.length > 0 ? (
        <ul class="chips" aria-label="Tags">
          {p.tags.map((t) => (
            <li class="chip">{t}</li>
          ))}
        </ul>
      ) : null}
      {p.csrf !== null ? (
        <div class="card-actions">
          <form
            method="post"
            action={action("tags")}
            class={p.again ? "inline-form tag-form field-error" : "inline-form tag-form"}
          >
            <input type="hidden" name="_csrf" value={p.csrf} />
            <input type="hidden" name="paper" value={p.paperId} />
            <label for={tagsId}>Tags</label>
            <input
              id={tagsId}
              class="text-input"
              name="tags"
              value={p.again ? p.again.draft : p.tags.join(", ")}
              maxLength={MAX_TAGS_INPUT}
              placeholder="comma, separated"
              title={`Up to ${MAX_TAGS} tags of at most ${MAX_TAG} characters, separated by commas`}
              aria-invalid={p.again ? "true" : undefined}
              aria-describedby={p.again ? errorId : undefined}
            />
            <button type="submit" class="btn btn-sm">
              Save tags
            </button>
            {p.again ? (
              <p class="field-message" id={errorId} role="alert">
                {p.again.error}
              </p>
            ) : null}
          </form>
          <form method="post" action={action("remove")} class="inline-form">
            <input type="hidden" name="_csrf" value={p.csrf} />
            <input type="hidden" name="paper" value={p.paperId} />
            <button type="submit" class="btn btn-sm btn-quiet">
              Remove from collection
            </button>
          </form>
        </div>
      ) : null}
    </div>
  );
}
