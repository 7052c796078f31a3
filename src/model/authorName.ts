// How author names are matched: one author page per *key*, and the rule that makes a key.
//
// The rule (also in the README, "Author names"):
//   1. Unicode compatibility form, accents and other marks removed ("Müller" = "Muller"), a few
//      letters that are not a base letter plus a mark spelled out (ß → ss, æ → ae, ø → o, ł → l,
//      đ → d, ı → i, œ → oe, þ → th).
//   2. Case ignored.
//   3. "Surname, Given names" (one comma, not before Jr./Sr./II/III) read as "Given names Surname".
//   4. Everything but letters and digits is a separator, and runs of separators are one space:
//      "Y. LeCun", "Y.LeCun" and "Y LeCun" are one key; "Jean-Pierre" = "Jean Pierre".
// Initials are NOT expanded: "Y. LeCun" and "Yann LeCun" are two keys, because an initial and a
// surname name many people ("Y. Li"). What they share is the *initials key* (each given name
// reduced to its first letter, then the surname: "y lecun"); pages use it only to point at
// spellings that may be the same person, never to merge them.

/** Longest key kept; longer names are cut (the import limits keep real names far below). */
export const MAX_AUTHOR_KEY = 200;

const LETTERS: Record<string, string> = {
  ß: "ss",
  æ: "ae",
  ø: "o",
  ł: "l",
  đ: "d",
  ð: "d",
  ı: "i",
  œ: "oe",
  þ: "th",
  ħ: "h",
};
const SPECIAL = new RegExp(`[${Object.keys(LETTERS).join("")}]`, "g");
const SUFFIX = /^(jr|sr|ii|iii|iv)\.?$/i;

/** The part of a name the rule reads: letters and digits, lower case, single spaces. */
function fold(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(SPECIAL, (c) => LETTERS[c] ?? c)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** "LeCun, Yann" → "Yann LeCun"; anything else unchanged. */
function naturalOrder(name: string): string {
  const parts = name.split(",");
  if (parts.length !== 2) return name;
  const [surname, given] = parts.map((p) => p.trim());
  if (!surname || !given || SUFFIX.test(given)) return name;
  return `${given} ${surname}`;
}

/** The key of a name ("" when it holds no letter or digit). */
export function authorKey(name: string): string {
  return fold(naturalOrder(name)).slice(0, MAX_AUTHOR_KEY).trim();
}

/**
 * Given names reduced to initials, then the surname ("Yann A. LeCun" → "y a lecun"); null for a
 * one-word name (nothing to reduce). Two names with one initials key MAY be one person.
 */
export function initialsKey(name: string): string | null {
  const words = authorKey(name).split(" ");
  if (words.length < 2 || !words[0]) return null;
  const surname = words[words.length - 1];
  return [...words.slice(0, -1).map((w) => w[0]), surname].join(" ");
}

/** The path of an author's page, built from the name as a paper spells it. */
export function authorPath(name: string): string {
  return `/authors/${encodeURIComponent(name.trim())}`;
}

/** A paper's authors as (key, name) pairs: each key once (its first spelling), empty keys dropped. */
export function authorEntries(authors: readonly string[]): { key: string; name: string; position: number }[] {
  const seen = new Set<string>();
  const out: { key: string; name: string; position: number }[] = [];
  authors.forEach((name, position) => {
    const key = authorKey(name);
    if (!key || seen.has(key)) return;
    seen.add(key);
    out.push({ key, name: name.trim(), position });
  });
  return out;
}
