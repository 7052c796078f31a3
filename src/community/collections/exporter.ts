// Export a collection, or everything a user saved, as BibTeX or JSON. Who may export is who may
// view: the owner, or anyone for a public collection.
import type { AccountDeps } from "../../accounts/deps.ts";
import type { Paper } from "../../model/paper.ts";
import { paperPath } from "../../model/paperPath.ts";
import {
  type Collection,
  type CollectionItem,
  findCollection,
  itemsOf,
  savedItems,
} from "../../store/collections.ts";
import { getPapers } from "../../store/papers.ts";
import type { User } from "../../store/users.ts";
import { policies } from "../policies.ts";
import { toBibtex } from "./bibtex.ts";

export type ExportFormat = "bib" | "json";

export interface ExportFile {
  filename: string;
  contentType: string;
  body: string;
}

interface Entry {
  paper: Paper;
  item: CollectionItem;
}

async function entries(deps: AccountDeps, items: CollectionItem[]): Promise<Entry[]> {
  const papers = new Map(
    (
      await getPapers(
        deps.store.db,
        items.map((i) => i.paperId),
      )
    ).map((p) => [p.id, p]),
  );
  return items.flatMap((item) => {
    const paper = papers.get(item.paperId);
    return paper ? [{ paper, item }] : [];
  });
}

/** The JSON shape: plain data a script or a reference manager importer can read. */
function jsonOf(baseUrl: string, list: Entry[], collection: Collection | null): string {
  return `${JSON.stringify(
    {
      collection: collection
        ? {
            id: collection.id,
            name: collection.name,
            description: collection.description,
            public: collection.isPublic,
            url: `${baseUrl}/c/${encodeURIComponent(collection.slug)}`,
          }
        : null,
      papers: list.map(({ paper: p, item }) => ({
        id: p.id,
        title: p.title,
        authors: p.authors,
        abstract: p.abstract,
        publishedAt: p.publishedAt,
        primaryCategory: p.primaryCategory,
        categories: p.categories,
        doi: p.doi,
        journalRef: p.journalRef,
        url: `${baseUrl}${paperPath(p.id)}`,
        tags: item.tags,
        savedAt: item.createdAt,
      })),
    },
    null,
    2,
  )}\n`;
}

function file(
  name: string,
  format: ExportFormat,
  deps: AccountDeps,
  list: Entry[],
  c: Collection | null,
): ExportFile {
  return format === "bib"
    ? {
        filename: `${name}.bib`,
        contentType: "application/x-bibtex; charset=utf-8",
        body: toBibtex(list.map((e) => e.paper)),
      }
    : {
        filename: `${name}.json`,
        contentType: "application/json; charset=utf-8",
        body: jsonOf(deps.config.baseUrl, list, c),
      };
}

/** null: no such collection, or not one this user may see (the same answer, on purpose). */
export async function exportCollection(
  deps: AccountDeps,
  user: User | null,
  key: string,
  format: ExportFormat,
): Promise<ExportFile | null> {
  const c = await findCollection(deps.store.db, key);
  if (!c || !policies.mayViewCollection(user, c)) return null;
  return file(c.slug, format, deps, await entries(deps, await itemsOf(deps.store.db, c.id)), c);
}

export async function exportSaved(deps: AccountDeps, user: User, format: ExportFormat): Promise<ExportFile> {
  return file(
    "saved-papers",
    format,
    deps,
    await entries(deps, await savedItems(deps.store.db, user.id)),
    null,
  );
}
