// Saving papers into collections, taking them out, and tagging them. Like upvotes, saving sets a
// state (saved / not saved) instead of toggling, so a double click or a retried request is harmless.
import type { AccountDeps } from "../../accounts/deps.ts";
import { addItem, type Collection, removeItem, setItemTags } from "../../store/collections.ts";
import { getPaper } from "../../store/papers.ts";
import type { User } from "../../store/users.ts";
import { defaultCollection, editableCollection } from "./collectionEditor.ts";
import { parseTags } from "./fields.ts";

export type SaveResult =
  | { ok: true; collection: Collection; saved: boolean }
  | { ok: false; reason: "not-allowed" | "not-found" | "invalid" | "too-many"; message: string };

/**
 * Puts the paper into the collection (the user's default one when none is named), or takes it
 * out. Taking out without a collection removes it from every collection: "unsave".
 */
export async function setSaved(
  deps: AccountDeps,
  user: User | null,
  input: { paperId: string; collectionId?: string; saved: boolean },
): Promise<SaveResult> {
  if (!user) return { ok: false, reason: "not-allowed", message: "Sign in first." };
  const db = deps.store.db;
  if (!(await getPaper(db, input.paperId)))
    return { ok: false, reason: "not-found", message: "There is no such paper." };
  if (!input.collectionId && !input.saved) {
    const all = await db.selectFrom("collections").select("id").where("user_id", "=", user.id).execute();
    for (const c of all) await removeItem(db, c.id, input.paperId);
    return { ok: true, collection: await defaultCollection(deps, user), saved: false };
  }
  let collection: Collection;
  if (input.collectionId) {
    const found = await editableCollection(deps, user, input.collectionId);
    if (!found.ok) return found;
    collection = found.collection;
  } else collection = await defaultCollection(deps, user);
  if (input.saved) await addItem(db, collection.id, input.paperId, deps.clock.now().toISOString());
  else await removeItem(db, collection.id, input.paperId);
  return { ok: true, collection, saved: input.saved };
}

export async function tagItem(
  deps: AccountDeps,
  user: User | null,
  input: { collectionId: string; paperId: string; tags: string },
): Promise<SaveResult> {
  const found = await editableCollection(deps, user, input.collectionId);
  if (!found.ok) return found;
  const tags = parseTags(input.tags);
  if (!tags.ok) return { ok: false, reason: "invalid", message: tags.message };
  if (!(await setItemTags(deps.store.db, input.collectionId, input.paperId, tags.value)))
    return { ok: false, reason: "not-found", message: "That paper is not in this collection." };
  return { ok: true, collection: found.collection, saved: true };
}
