// Docs for LexicalIndex tests, from per-field lists of term ids.
import { type DocTerms, packTf } from "../../src/search/lexicalIndex.ts";

/** A doc from per-field term lists (term ids as numbers). */
export function doc(title: number[], abstract: number[], authors: number[] = []): DocTerms {
  const counts = new Map<number, [number, number, number]>();
  for (const [f, ts] of [title, abstract, authors].entries()) {
    for (const t of ts) {
      const c = counts.get(t) ?? [0, 0, 0];
      c[f]++;
      counts.set(t, c);
    }
  }
  return {
    termIds: Uint32Array.from(counts.keys()),
    tfs: Uint8Array.from([...counts.values()].map(([a, b, c]) => packTf(a, b, c))),
    titleLen: title.length,
    abstractLen: abstract.length,
    authorsLen: authors.length,
  };
}
