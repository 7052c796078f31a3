// Opaque cursors for /api/papers. Clients must treat them as tokens; inside they are the keyset
// position (first-version date, id) of a page's last paper, so the next page starts right after
// it however many papers arrive in between.
import type { PaperCursor } from "../../store/papers.ts";

export function encodeCursor(c: PaperCursor): string {
  return Buffer.from(JSON.stringify([c.publishedAt, c.id]), "utf8").toString("base64url");
}

/** Null for anything that is not a cursor this API produced. */
export function decodeCursor(token: string): PaperCursor | null {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [publishedAt, id] = value;
  if (typeof publishedAt !== "string" || typeof id !== "string" || id === "") return null;
  return { publishedAt, id };
}
