// A paper by arXiv id, from this instance or, when unknown, fetched from arXiv and stored through
// the importer does (stored, then indexed for search at once). Shared by
// submissions and by adding a paper to a collection.

import type { Clock } from "../model/clock.ts";
import type { Paper } from "../model/paper.ts";
import { indexPapers } from "../search/indexer.ts";
import type { SearchState } from "../search/state.ts";
import type { Store } from "../store/db.ts";
import { getPaper, upsertPapers } from "../store/papers.ts";
import type { PaperFetcher } from "./arxivFetcher.ts";

export type PaperLookup =
  | { ok: true; paper: Paper; fetched: boolean }
  | { ok: false; reason: "fetch-failed" | "not-found"; message: string };

export async function knownOrFetchedPaper(
  deps: { store: Store; search: SearchState; clock: Clock; fetchPaper: PaperFetcher },
  id: string,
): Promise<PaperLookup> {
  const db = deps.store.db;
  const known = await getPaper(db, id);
  if (known) return { ok: true, paper: known, fetched: false };
  let fetched: Awaited<ReturnType<PaperFetcher>>;
  try {
    fetched = await deps.fetchPaper(id);
  } catch {
    return {
      ok: false,
      reason: "fetch-failed",
      message: "arXiv could not be reached just now. Please try again in a minute.",
    };
  }
  const notFound = { ok: false, reason: "not-found", message: `arXiv has no paper ${id}.` } as const;
  if (!fetched) return notFound;
  await upsertPapers(db, [fetched], deps.clock.now());
  await indexPapers(deps.search, [fetched.id]);
  const paper = await getPaper(db, id);
  return paper ? { ok: true, paper, fetched: true } : notFound;
}
