// Term strings <-> dense ids. Ids index the posting lists and are persisted (search_terms), so
// the stored per-paper term lists stay valid across restarts.
import { termOf } from "./analyze.ts";

/** Beyond this many distinct words seen, the word -> term cache starts over (it is only a cache). */
const WORD_CACHE_LIMIT = 2_000_000;

export class Vocabulary {
  private readonly ids = new Map<string, number>();
  private readonly terms: string[] = [];
  /** word as found in text -> its term's id, or -1 for a stop word */
  private readonly wordIds = new Map<string, number>();

  get size(): number {
    return this.terms.length;
  }

  id(term: string): number | undefined {
    return this.ids.get(term);
  }

  term(id: number): string | undefined {
    return this.terms[id];
  }

  /** Registers a term under a known id (loading from storage). */
  set(term: string, id: number): void {
    this.ids.set(term, id);
    this.terms[id] = term;
  }

  /** Forgets every id from `size` on (terms interned by a transaction that did not commit). */
  truncate(size: number): void {
    if (size >= this.terms.length) return;
    for (let id = size; id < this.terms.length; id++) this.ids.delete(this.terms[id]);
    this.terms.length = size;
    for (const [w, id] of this.wordIds) if (id >= size) this.wordIds.delete(w);
  }

  /** The term id of a word as it appears in text (-1 for a stop word), adding the term if new. */
  internWord(word: string): number {
    let id = this.wordIds.get(word);
    if (id === undefined) {
      const term = termOf(word);
      id = term === null ? -1 : this.intern(term);
      if (this.wordIds.size >= WORD_CACHE_LIMIT) this.wordIds.clear();
      this.wordIds.set(word, id);
    }
    return id;
  }

  /** The term's id, giving it the next free one if new. */
  intern(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.set(term, id);
    }
    return id;
  }
}
