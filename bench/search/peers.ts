// The two in-process JavaScript search libraries Papertide is compared with, behind one small
// interface: add papers, ask a query, get ranked ids. Both are configured as their docs suggest
// for relevance search over several fields, with OR semantics so long queries still match.
import FlexSearch from "flexsearch";
import MiniSearch from "minisearch";

export interface BenchPaper {
  id: string;
  title: string;
  abstract: string;
  authors: string;
}

export interface Peer {
  name: string;
  add(p: BenchPaper): void;
  search(query: string, limit: number): string[];
}

export function miniSearch(): Peer {
  const index = new MiniSearch<BenchPaper>({
    fields: ["title", "abstract", "authors"],
    // Defaults (BM25+, OR): a title boost measured worse for MiniSearch on SciFact.
    searchOptions: { combineWith: "OR" },
  });
  return {
    name: "MiniSearch 7",
    add: (p) => index.add(p),
    search: (q, limit) =>
      index
        .search(q)
        .slice(0, limit)
        .map((r) => String(r.id)),
  };
}

export function flexSearch(): Peer {
  const index = new FlexSearch.Document({
    document: { id: "id", index: ["title", "abstract", "authors"] },
    tokenize: "strict",
  });
  return {
    name: "FlexSearch 0.8",
    add: (p) => {
      index.add({ ...p });
    },
    search: (q, limit) => {
      // FlexSearch ranks per field; the lists are merged by summed reciprocal rank (a title
      // weight measured no better). suggest: true lets partial matches through.
      const fields = index.search(q, {
        limit,
        suggest: true,
        index: ["title", "abstract", "authors"],
      }) as unknown as {
        field: string;
        result: (string | number)[];
      }[];
      const score = new Map<string, number>();
      for (const f of fields) {
        f.result.forEach((id, rank) => {
          score.set(String(id), (score.get(String(id)) ?? 0) + 1 / (rank + 1));
        });
      }
      return [...score]
        .sort((a, b) => b[1] - a[1])
        .slice(0, limit)
        .map(([id]) => id);
    },
  };
}
