// Choosing which of a reader's collections hold one paper (the "Save to…" form and popover): the
// reader's collections with a tick for each that holds the paper, and applying a whole choice at
// once, optionally into a new collection made on the spot. Only collections the reader owns can
// be named (policies.ts via editableCollection); nothing changes unless every part is allowed.
import type { AccountDeps } from "../../accounts/deps.ts";
import type { Paper } from "../../model/paper.ts";
import {
  addItem,
  type Collection,
  collectionIdsHolding,
  collectionsOfUser,
  removeItem,
} from "../../store/collections.ts";
import { getPaper } from "../../store/papers.ts";
import type { User } from "../../store/users.ts";
import { createCollection, editableCollection } from "./collectionEditor.ts";
import { checkName } from "./fields.ts";

export interface CollectionChoice extends Collection {
  count: number;
  /** The paper is in this collection. */
  holds: boolean;
}

export type MembershipResult =
  | { ok: true; paper: Paper; collections: CollectionChoice[]; created: Collection | null }
  | { ok: false; reason: "not-allowed" | "not-found" | "invalid" | "too-many"; message: string };

export async function paperCollections(
  deps: AccountDeps,
  user: User | null,
  paperId: string,
): Promise<MembershipResult> {
  if (!user) return { ok: false, reason: "not-allowed", message: "Sign in first." };
  const paper = await getPaper(deps.store.db, paperId);
  if (!paper) return { ok: false, reason: "not-found", message: "There is no such paper." };
  return { ok: true, paper, collections: await choicesFor(deps, user, paperId), created: null };
}

async function choicesFor(deps: AccountDeps, user: User, paperId: string): Promise<CollectionChoice[]> {
  const db = deps.store.db;
  const holding = await collectionIdsHolding(db, user.id, paperId);
  return (await collectionsOfUser(db, user.id)).map((c) => ({ ...c, holds: holding.has(c.id) }));
}

export interface MembershipInput {
  paperId: string;
  /** Collections to put the paper in (true) or take it out of (false); others stay as they are. */
  choices: { collectionId: string; holds: boolean }[];
  /** A collection to make and put the paper in; an empty name means none. */
  newCollection?: { name: string; isPublic: boolean };
}

export async function applyMembership(
  deps: AccountDeps,
  user: User | null,
  input: MembershipInput,
): Promise<MembershipResult> {
  if (!user) return { ok: false, reason: "not-allowed", message: "Sign in first." };
  const db = deps.store.db;
  const paper = await getPaper(db, input.paperId);
  if (!paper) return { ok: false, reason: "not-found", message: "There is no such paper." };
  // Check every named collection before changing anything: all or nothing.
  for (const choice of input.choices) {
    const found = await editableCollection(deps, user, choice.collectionId);
    if (!found.ok) return found;
  }
  const wantsNew = input.newCollection && input.newCollection.name.trim() !== "";
  if (wantsNew && input.newCollection) {
    const name = checkName(input.newCollection.name);
    if (!name.ok) return { ok: false, reason: "invalid", message: name.message };
  }
  let created: Collection | null = null;
  if (wantsNew && input.newCollection) {
    const made = await createCollection(deps, user, { ...input.newCollection, description: "" });
    if (!made.ok) return made;
    created = made.collection;
  }
  const now = deps.clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    for (const choice of input.choices) {
      if (choice.holds) await addItem(trx, choice.collectionId, paper.id, now);
      else await removeItem(trx, choice.collectionId, paper.id);
    }
    if (created) await addItem(trx, created.id, paper.id, now);
  });
  return { ok: true, paper, collections: await choicesFor(deps, user, paper.id), created };
}
