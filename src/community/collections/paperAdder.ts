// Adding a paper to a collection from the collection's own page, by arXiv id or URL (any form
// parseArxivRef accepts). A paper the instance does not know yet is fetched from arXiv's API the
// way submissions fetch one (paperLookup.ts), stored, then filed. Unlike a submission it puts
// nothing on a daily list, so papers of any age can be collected.
import type { AccountDeps } from "../../accounts/deps.ts";
import { normalizeArxivId } from "../../model/arxivId.ts";
import { addItem, type Collection } from "../../store/collections.ts";
import type { User } from "../../store/users.ts";
import type { PaperFetcher } from "../arxivFetcher.ts";
import { knownOrFetchedPaper } from "../paperLookup.ts";
import { editableCollection } from "./collectionEditor.ts";

export type AddResult =
  | { ok: true; collection: Collection; paperId: string; added: boolean }
  | {
      ok: false;
      reason: "not-allowed" | "not-found" | "invalid" | "too-many" | "fetch-failed" | "unknown-paper";
      message: string;
    };

export async function addPaperByRef(
  deps: AccountDeps & { fetchPaper: PaperFetcher },
  user: User | null,
  input: { collectionId: string; ref: string },
): Promise<AddResult> {
  // Ownership first: no one learns anything about arXiv ids through someone else's collection.
  const found = await editableCollection(deps, user, input.collectionId);
  if (!found.ok) return found;
  const id = normalizeArxivId(input.ref.trim().slice(0, 300));
  if (!id)
    return {
      ok: false,
      reason: "invalid",
      message: "That is not an arXiv id or arXiv URL (e.g. 2606.12345 or https://arxiv.org/abs/2606.12345).",
    };
  const paper = await knownOrFetchedPaper(deps, id);
  if (!paper.ok)
    return {
      ok: false,
      reason: paper.reason === "not-found" ? "unknown-paper" : paper.reason,
      message: paper.message,
    };
  const added = await addItem(deps.store.db, found.collection.id, id, deps.clock.now().toISOString());
  return { ok: true, collection: found.collection, paperId: id, added };
}
