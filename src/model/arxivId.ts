// arXiv identifiers. Two schemes exist: new (YYMM.NNNN or YYMM.NNNNN, since 2007) and old
// (archive[.SUBJ]/YYMMNNN). We store ids without their version suffix; the version is kept apart.

const NEW_ID = /^(\d{4}\.\d{4,5})(?:v(\d+))?$/;
const OLD_ID = /^([a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v(\d+))?$/;

export interface ArxivRef {
  id: string;
  version: number | null;
}

/**
 * Accepts a bare id, an `arXiv:` prefixed id, an OAI identifier or an arxiv.org abs/pdf URL,
 * with or without version. Returns null when the text is not an arXiv id.
 */
export function parseArxivRef(input: string): ArxivRef | null {
  let s = input.trim();
  s = s.replace(/^oai:arXiv\.org:/i, "");
  s = s.replace(/^arxiv:\s*/i, "");
  const url = s.match(
    /^(?:https?:\/\/)?(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html)\/(.+?)(?:\.pdf)?\/?(?:[?#].*)?$/i,
  );
  if (url) s = url[1];
  const m = s.match(NEW_ID) ?? s.match(OLD_ID);
  if (!m) return null;
  return { id: m[1], version: m[2] ? Number(m[2]) : null };
}

/** The id without version, or null. */
export function normalizeArxivId(input: string): string | null {
  return parseArxivRef(input)?.id ?? null;
}

/** Papers from other sources have ids in their own namespace: "<source>:<id>" (beir:4983). */
const NAMESPACED_ID = /^[a-z][a-z0-9-]{0,30}:[A-Za-z0-9._-]{1,150}$/;

/**
 * The stored id a reference names: an arXiv id (any form parseArxivRef accepts) without its
 * version, or a namespaced id as it is. Null when it is neither.
 */
export function paperIdOf(input: string): string | null {
  const arxiv = normalizeArxivId(input);
  if (arxiv) return arxiv;
  const s = input.trim();
  return NAMESPACED_ID.test(s) ? s : null;
}

export function isArxivId(input: string): boolean {
  return NEW_ID.test(input) || OLD_ID.test(input);
}

export function absUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`;
}

export function pdfUrl(id: string): string {
  return `https://arxiv.org/pdf/${id}`;
}
