// Create, change and delete collections. The owner alone may change one (policies.ts); the
// public address (slug) is chosen once from the first name and kept, so shared links survive a
// rename.
import { randomBytes } from "node:crypto";
import type { AccountDeps } from "../../accounts/deps.ts";
import { newId } from "../../accounts/secrets.ts";
import {
  type Collection,
  collectionsOfUser,
  deleteCollection as deleteRow,
  getCollection,
  insertCollection,
  updateCollection,
} from "../../store/collections.ts";
import type { User } from "../../store/users.ts";
import { policies } from "../policies.ts";
import { checkDescription, checkName, slugify } from "./fields.ts";

/** A reader's collections are few; this bounds what one account can make the server store. */
export const MAX_COLLECTIONS = 100;
export const DEFAULT_COLLECTION_NAME = "Saved";

export type EditResult =
  | { ok: true; collection: Collection }
  | { ok: false; reason: "not-allowed" | "not-found" | "invalid" | "too-many"; message: string };

export interface CollectionInput {
  name: string;
  description: string;
  isPublic: boolean;
}

export async function createCollection(
  deps: AccountDeps,
  user: User | null,
  input: CollectionInput,
): Promise<EditResult> {
  if (!user) return { ok: false, reason: "not-allowed", message: "Sign in first." };
  const name = checkName(input.name);
  if (!name.ok) return { ok: false, reason: "invalid", message: name.message };
  const description = checkDescription(input.description);
  if (!description.ok) return { ok: false, reason: "invalid", message: description.message };
  const db = deps.store.db;
  if ((await collectionsOfUser(db, user.id)).length >= MAX_COLLECTIONS)
    return { ok: false, reason: "too-many", message: `You can have at most ${MAX_COLLECTIONS} collections.` };
  const now = deps.clock.now().toISOString();
  const base = slugify(name.value);
  // The plain slug first; when taken (another reader's "reading-list"), a short random suffix.
  for (let attempt = 0; attempt < 8; attempt++) {
    const slug = attempt === 0 ? base : `${base}-${randomBytes(3).toString("hex")}`;
    const collection: Collection = {
      id: newId(),
      userId: user.id,
      slug,
      name: name.value,
      description: description.value,
      isPublic: input.isPublic,
      createdAt: now,
      updatedAt: now,
    };
    if (await insertCollection(db, collection)) return { ok: true, collection };
  }
  throw new Error("could not find a free collection address");
}

/** The user's default collection ("Saved"), made on first use: the Save button files into it. */
export async function defaultCollection(deps: AccountDeps, user: User): Promise<Collection> {
  const mine = await collectionsOfUser(deps.store.db, user.id);
  if (mine.length > 0) return mine[0];
  const made = await createCollection(deps, user, {
    name: DEFAULT_COLLECTION_NAME,
    description: "",
    isPublic: false,
  });
  if (!made.ok) throw new Error(made.message);
  return made.collection;
}

/** The collection, if this user may change it. */
export async function editableCollection(
  deps: AccountDeps,
  user: User | null,
  id: string,
): Promise<EditResult> {
  const c = await getCollection(deps.store.db, id);
  // Someone else's private collection answers "not found": its existence is private too.
  if (!c || !policies.mayViewCollection(user, c))
    return { ok: false, reason: "not-found", message: "There is no such collection." };
  if (!policies.mayEditCollection(user, c))
    return { ok: false, reason: "not-allowed", message: "Only its owner may change this collection." };
  return { ok: true, collection: c };
}

export async function editCollection(
  deps: AccountDeps,
  user: User | null,
  id: string,
  input: CollectionInput,
): Promise<EditResult> {
  const found = await editableCollection(deps, user, id);
  if (!found.ok) return found;
  const name = checkName(input.name);
  if (!name.ok) return { ok: false, reason: "invalid", message: name.message };
  const description = checkDescription(input.description);
  if (!description.ok) return { ok: false, reason: "invalid", message: description.message };
  const updatedAt = deps.clock.now().toISOString();
  const change = { name: name.value, description: description.value, isPublic: input.isPublic, updatedAt };
  await updateCollection(deps.store.db, id, change);
  return { ok: true, collection: { ...found.collection, ...change } };
}

export async function removeCollection(
  deps: AccountDeps,
  user: User | null,
  id: string,
): Promise<EditResult> {
  const found = await editableCollection(deps, user, id);
  if (!found.ok) return found;
  await deleteRow(deps.store.db, id);
  return found;
}
