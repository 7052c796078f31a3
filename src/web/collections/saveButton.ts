// POST /saved: the Save button (form, or save.js's fetch with a JSON answer): saves a paper to
// the reader's default collection, or to the one named, or takes it out (value=0).
import { setSaved } from "../../community/collections/paperSaver.ts";
import type { SignedInForm } from "../http/formRoute.ts";
import { safeNext, wantsJson } from "../http/forms.ts";
import { paperPath } from "../urls.ts";
import { type CollectionDeps, failCollection } from "./collectionDeps.ts";

/** Back to where the button was (the form's `next`), else the paper's page. */
export function saveBack(f: Record<string, string>): string {
  return safeNext(f.next, f.paper ? paperPath(f.paper) : "/");
}

export async function save(deps: CollectionDeps, { req, reply, fields: f, user, done }: SignedInForm) {
  const result = await setSaved(deps.accounts, user, {
    paperId: f.paper ?? "",
    collectionId: f.collection || undefined,
    saved: f.value !== "0",
  });
  if (!result.ok) return failCollection(req, reply, result);
  if (wantsJson(req))
    return reply
      .header("cache-control", "no-store")
      .send({ paperId: f.paper, saved: result.saved, collection: result.collection.slug });
  return done(saveBack(f));
}
