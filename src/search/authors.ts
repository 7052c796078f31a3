// Authors as the search engine sees them: every name of every paper, by its key
// (src/model/authorName.ts: accents, case and punctuation ignored, "Surname, Given" turned round),
// with the engine's doc numbers. Two uses:
//   - a query that is an author's name ranks that author's papers first (engine.ts);
//   - search-as-you-type offers names ("Yann LeCun · 12 papers") next to titles (suggest.ts).
// A name also answers to its first and last word alone ("Geoffrey E. Hinton" to "geoffrey
// hinton"), the way people type it; initials are never expanded (an initial names many people).
// Built from the papers table on first use and kept current by doc number: docs are appended as
// papers are (re)indexed, and a replaced or deleted paper's old doc is no longer live.
import type { Kysely } from "kysely";
import { authorKey } from "../model/authorName.ts";
import { batches } from "../store/batches.ts";
import type { Database } from "../store/schema.ts";

interface Author {
  /** The name as first seen (the spelling shown). */
  name: string;
  /** Doc numbers, ascending (some may no longer be live). */
  docs: number[];
}

/** Names of a paper read at most; author lists of large collaborations run to thousands. */
const MAX_AUTHORS_PER_PAPER = 100;
/** Names looked at for one prefix (the most frequent first is not known before looking). */
const MAX_PREFIX_NAMES = 5000;

export interface AuthorMatch {
  name: string;
  key: string;
  /** Live papers. */
  papers: number;
}

export class AuthorIndex {
  private readonly byKey = new Map<string, Author>();
  /** First-and-last-word keys of longer names -> their full keys. */
  private readonly shortKeys = new Map<string, Set<string>>();
  /** Name words -> keys holding them, and those words sorted (prefix look-ups), rebuilt when stale. */
  private readonly byWord = new Map<string, Set<string>>();
  private sortedWords: string[] | null = null;
  /** Docs below this number have been read. */
  covered = 0;

  /** Reads the authors of docs [covered, docCount) from the papers table. */
  async update(
    db: Kysely<Database>,
    docCount: number,
    paperIdOf: (doc: number) => string,
    docOf: (id: string) => number | undefined,
  ): Promise<void> {
    if (this.covered >= docCount) return;
    const from = this.covered;
    const take = (rows: { id: string; authors: string }[]) => {
      for (const r of rows) {
        const doc = docOf(r.id);
        if (doc === undefined || doc < from || doc >= docCount) continue;
        this.add(doc, parseNames(r.authors));
      }
    };
    if (from === 0) {
      // A first build: one pass over the table, in id order.
      let after = "";
      for (;;) {
        const rows = await db
          .selectFrom("papers")
          .select(["id", "authors"])
          .where("id", ">", after)
          .orderBy("id")
          // Small reads: the event loop gets a turn every few thousand papers.
          .limit(5_000)
          .execute();
        if (rows.length === 0) break;
        take(rows);
        after = rows[rows.length - 1].id;
      }
    } else {
      const ids: string[] = [];
      for (let d = from; d < docCount; d++) ids.push(paperIdOf(d));
      for (const chunk of batches(ids))
        take(await db.selectFrom("papers").select(["id", "authors"]).where("id", "in", chunk).execute());
    }
    for (const a of this.byKey.values()) a.docs.sort((x, y) => x - y);
    this.covered = docCount;
  }

  private add(doc: number, names: string[]): void {
    const seen = new Set<string>();
    for (const raw of names.slice(0, MAX_AUTHORS_PER_PAPER)) {
      const key = authorKey(raw);
      if (!key || seen.has(key)) continue;
      seen.add(key);
      let a = this.byKey.get(key);
      if (!a) {
        a = { name: raw.trim(), docs: [] };
        this.byKey.set(key, a);
        const parts = key.split(" ");
        if (parts.length >= 3) addTo(this.shortKeys, `${parts[0]} ${parts[parts.length - 1]}`, key);
        for (const w of new Set(parts)) addTo(this.byWord, w, key);
        this.sortedWords = null;
      }
      a.docs.push(doc);
    }
  }

  /**
   * The docs of the author(s) a text names in full (its key, or the first and last words of a
   * longer name), live ones only; empty when it names nobody.
   */
  docsNamed(text: string, isLive: (doc: number) => boolean): number[] {
    const key = authorKey(text);
    if (!key.includes(" ")) return []; // one word (a surname alone) names too many people
    const keys = new Set<string>([key, ...(this.shortKeys.get(key) ?? [])]);
    const docs = new Set<number>();
    for (const k of keys) for (const d of this.byKey.get(k)?.docs ?? []) if (isLive(d)) docs.add(d);
    return [...docs];
  }

  /**
   * Names whose words start with what was typed (every typed word a prefix of a different word
   * of the name, in any order), most papers first.
   */
  suggest(text: string, limit: number, isLive: (doc: number) => boolean): AuthorMatch[] {
    const typed = authorKey(text).split(" ").filter(Boolean);
    if (typed.length === 0 || limit <= 0) return [];
    // Candidates from the longest typed word (the most selective prefix).
    const longest = [...typed].sort((a, b) => b.length - a.length)[0];
    if (longest.length < 2) return [];
    const candidates = new Set<string>();
    for (const w of this.wordsWithPrefix(longest)) {
      for (const k of this.byWord.get(w) ?? []) candidates.add(k);
      if (candidates.size >= MAX_PREFIX_NAMES) break;
    }
    const out: AuthorMatch[] = [];
    for (const key of candidates) {
      if (!coversAll(key.split(" "), typed)) continue;
      const a = this.byKey.get(key);
      if (!a) continue;
      let papers = 0;
      for (const d of a.docs) if (isLive(d)) papers++;
      if (papers > 0) out.push({ name: a.name, key, papers });
    }
    return out.sort((x, y) => y.papers - x.papers || x.key.localeCompare(y.key)).slice(0, limit);
  }

  private wordsWithPrefix(prefix: string): string[] {
    if (!this.sortedWords) this.sortedWords = [...this.byWord.keys()].sort();
    const all = this.sortedWords;
    let lo = 0;
    let hi = all.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (all[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < all.length && all[i].startsWith(prefix); i++) out.push(all[i]);
    return out;
  }
}

function addTo(map: Map<string, Set<string>>, k: string, v: string): void {
  let s = map.get(k);
  if (!s) {
    s = new Set();
    map.set(k, s);
  }
  s.add(v);
}

/** Each typed word is a prefix of a different word of the name. */
function coversAll(nameWords: string[], typed: string[]): boolean {
  const used = new Array<boolean>(nameWords.length).fill(false);
  // Longest typed words first, so a short one cannot take the word a longer one needs.
  for (const t of [...typed].sort((a, b) => b.length - a.length)) {
    const i = nameWords.findIndex((w, j) => !used[j] && w.startsWith(t));
    if (i < 0) return false;
    used[i] = true;
  }
  return true;
}

/** A papers row's author list (a JSON array of names); empty when unreadable. */
export function parseNames(json: string): string[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}
