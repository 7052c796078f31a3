// What a reader may type into a collection: its name, description and the tags of an item.
// Everything is stored as plain text and escaped where it is shown (the views never inject it as
// HTML); these rules only keep it short and tidy.

export const MAX_NAME = 100;
export const MAX_DESCRIPTION = 1000;
export const MAX_TAGS = 10;
export const MAX_TAG = 40;
/** The tag field as typed: every tag at its longest, with ", " between them. */
export const MAX_TAGS_INPUT = MAX_TAGS * (MAX_TAG + 2);

/** Control characters (other than newlines in descriptions) have no business in a title. */
function clean(s: string, keepNewlines: boolean): string {
  let out = "";
  for (const ch of s.normalize("NFC")) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
      if (keepNewlines && ch === "\n") out += ch;
      else out += " ";
    } else out += ch;
  }
  return out;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

export function checkName(raw: string): Checked<string> {
  const name = clean(raw, false).replace(/\s+/g, " ").trim();
  if (!name) return { ok: false, message: "Give the collection a name." };
  if ([...name].length > MAX_NAME) return { ok: false, message: `Names are at most ${MAX_NAME} characters.` };
  return { ok: true, value: name };
}

export function checkDescription(raw: string): Checked<string> {
  const d = clean(raw.replace(/\r\n?/g, "\n"), true).trim();
  if ([...d].length > MAX_DESCRIPTION)
    return { ok: false, message: `Descriptions are at most ${MAX_DESCRIPTION} characters.` };
  return { ok: true, value: d };
}

/** "ml, Reading list ,ml" -> ["ml", "reading list"]: comma-separated, lower-cased, unique. */
export function parseTags(raw: string): Checked<string[]> {
  if (raw.length > MAX_TAGS_INPUT)
    return { ok: false, message: `Tags are at most ${MAX_TAG} characters, and at most ${MAX_TAGS} of them.` };
  const tags = [
    ...new Set(
      clean(raw, false)
        .split(",")
        .map((t) => t.replace(/\s+/g, " ").trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
  if (tags.length > MAX_TAGS) return { ok: false, message: `At most ${MAX_TAGS} tags per paper.` };
  if (tags.some((t) => [...t].length > MAX_TAG))
    return { ok: false, message: `Tags are at most ${MAX_TAG} characters.` };
  return { ok: true, value: tags };
}

/** "Reading list: Transformers!" -> "reading-list-transformers" (ASCII, for the public address). */
export function slugify(name: string): string {
  const s = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return s || "collection";
}
