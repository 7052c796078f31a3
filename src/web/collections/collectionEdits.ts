// The owner's changes to a collection: POST /collections/:id/edit (name, description,
// visibility), /delete, /tags (one item's tags) and /remove (take a paper out).
import { editCollection, removeCollection } from "../../community/collections/collectionEditor.ts";
import { MAX_TAGS_INPUT } from "../../community/collections/fields.ts";
import { setSaved, tagItem } from "../../community/collections/paperSaver.ts";
import { findCollection } from "../../store/collections.ts";
import type { SignedInForm } from "../http/formRoute.ts";
import { collectionPath } from "./CollectionPages.tsx";
import { type CollectionDeps, collectionFailure } from "./collectionDeps.ts";
import { collectionInput } from "./collectionList.tsx";
import { sendCollection } from "./collectionPage.tsx";

type CollectionForm = SignedInForm<{ id: string }>;

export async function edit(deps: CollectionDeps, { req, fields: f, user, done }: CollectionForm) {
  const result = await editCollection(deps.accounts, user, req.params.id, collectionInput(f));
  if (!result.ok) throw collectionFailure(result.reason, result.message);
  return done(collectionPath(result.collection));
}

export async function remove(deps: CollectionDeps, { req, user, done }: CollectionForm) {
  const result = await removeCollection(deps.accounts, user, req.params.id);
  if (!result.ok) throw collectionFailure(result.reason, result.message);
  return done("/collections");
}

export async function tag(deps: CollectionDeps, { req, reply, fields: f, user, done }: CollectionForm) {
  const paperId = f.paper ?? "";
  const result = await tagItem(deps.accounts, user, {
    collectionId: req.params.id,
    paperId,
    tags: f.tags ?? "",
  });
  if (result.ok) return done(collectionPath(result.collection));
  // Tags that break the rules: the page again, the message and what was typed by that paper's tags.
  const c = result.reason === "invalid" ? await findCollection(deps.db, req.params.id) : null;
  if (!c) throw collectionFailure(result.reason, result.message);
  return sendCollection(deps, reply, c, 400, {
    tagForm: { paperId, error: result.message, draft: (f.tags ?? "").slice(0, MAX_TAGS_INPUT) },
  });
}

export async function takeOut(deps: CollectionDeps, { req, fields: f, user, done }: CollectionForm) {
  const result = await setSaved(deps.accounts, user, {
    paperId: f.paper ?? "",
    collectionId: req.params.id,
    saved: false,
  });
  if (!result.ok) throw collectionFailure(result.reason, result.message);
  return done(collectionPath(result.collection));
}
