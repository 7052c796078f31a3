// Text -> index terms, the same way for papers and for queries: Unicode-normalised, lower-cased,
// accents folded (so "Schrödinger" finds "Schrodinger"), split into runs of letters and digits,
// English stop words dropped, Porter-stemmed ("networks" and "network" are one term).
import { stemmer } from "stemmer";

/**
 * English function words, plus the few that every abstract uses ("we", "our", "paper" is kept:
 * it can be a topic). Dropping them saves a third of all postings and barely moves BM25,
 * whose idf already makes them nearly worthless.
 */
export const STOPWORDS = new Set(
  (
    "a about above after again against all am an and any are as at be because been before being below " +
    "between both but by can could did do does doing down during each few for from further had has have " +
    "having he her here hers herself him himself his how i if in into is it its itself just me more most " +
    "my myself no nor not of off on once only or other our ours ourselves out over own same she should so " +
    "some such than that the their theirs them themselves then there these they this those through to too " +
    "under until up very was we were what when where which while who whom why will with would you your " +
    "yours yourself yourselves s t"
  ).split(" "),
);

const MAX_WORD_LENGTH = 64;
const NON_ASCII = /\P{ASCII}/u;

/** Lower-cased, accent-folded runs of letters and digits: the words a user sees. */
export function words(text: string): string[] {
  const found = text.toLowerCase().match(/[\p{L}\p{N}]+/gu);
  if (!found) return [];
  let out: string[] = found;
  for (let i = 0; i < found.length; i++) {
    let w = found[i];
    if (NON_ASCII.test(w)) {
      // Fold accents and compatibility forms ("é" -> "e", "ﬁ" -> "fi"); only the rare non-ASCII
      // word pays for it. Folding can split a word ("x²" -> "x2" stays one; "½" -> "1", "2").
      // Lower-cased again after folding: letters with no lower case of their own fold to
      // capitals ("𝓐" -> "A").
      const parts = w
        .normalize("NFKD")
        .replace(/\p{M}+/gu, "")
        .toLowerCase()
        .match(/[\p{L}\p{N}]+/gu);
      if (parts?.length !== 1) {
        if (out === found) out = found.slice(0, i);
        if (parts) out.push(...parts.map(clip));
        continue;
      }
      w = parts[0];
    }
    w = clip(w);
    if (out !== found) out.push(w);
    else found[i] = w;
  }
  return out;
}

const clip = (w: string) => (w.length > MAX_WORD_LENGTH ? w.slice(0, MAX_WORD_LENGTH) : w);

/** word -> its term; stop words map to "". Bounded: cleared when full (the vocabulary is Zipfian). */
const STEM_CACHE_LIMIT = 500_000;
const termCache = new Map<string, string>();

/** The index term of one word, or null for a stop word. */
export function termOf(word: string): string | null {
  let term = termCache.get(word);
  if (term === undefined) {
    // Porter's rules are for English letters; digits and other scripts are kept as they are.
    term = STOPWORDS.has(word) ? "" : /^[a-z]+$/.test(word) ? stemmer(word) : word;
    if (termCache.size >= STEM_CACHE_LIMIT) termCache.clear();
    termCache.set(word, term);
  }
  return term === "" ? null : term;
}

/** Index terms of a text, in order, repeats kept (term frequency matters to BM25). */
export function analyze(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    const t = termOf(w);
    if (t !== null) out.push(t);
  }
  return out;
}

/**
 * Filter terms for a paper's categories: "cat:cs.lg" and its archive "cat:cs". They contain
 * ":" and ".", which `words` never produces, so no query word can collide with them.
 */
export function categoryTerms(categories: string[]): string[] {
  const out = new Set<string>();
  for (const c of categories) {
    const cat = c.trim().toLowerCase();
    if (!cat) continue;
    out.add(`cat:${cat}`);
    const archive = cat.split(".")[0];
    if (archive !== cat) out.add(`cat:${archive}`);
  }
  return [...out];
}
