// The owner's changes to a collection: POST /collections/:id/edit (name, description,
// visibility), /delete, /tags (one item's tags) and /remove (take a paper out).
import { editCollection, removeCollection } from "../../community/collections/collectionEditor.ts";
import { setSaved, tagItem } from "../../community/collections/paperSaver.ts";
import type { SignedInForm } from "../http/formRoute.ts";
import { collectionPath } from "./CollectionPages.tsx";
import { type CollectionDeps, collectionFailure } from "./collectionDeps.ts";
import { collectionInput } from "./collectionList.tsx";

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

export async function tag(deps: CollectionDeps, { req, fields: f, user, done }: CollectionForm) {
  const result = await tagItem(deps.accounts, user, {
    collectionId: req.params.id,
    paperId: f.paper ?? "",
    tags: f.tags ?? "",
  });
  if (!result.ok) throw collectionFailure(result.reason, result.message);
  return done(collectionPath(result.collection));
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
