// Query-string and path parameters of the pages, validated with messages that say what was wrong.
import { badRequest } from "./httpError.ts";

/** The rejected value in typographic quotes, shortened: messages stay readable. */
function quote(raw: string): string {
  return `“${raw.length > 40 ? `${raw.slice(0, 40)}…` : raw}”`;
}

/** One value of a query parameter; a repeated parameter is an error rather than a guess. */
export function queryValue(query: unknown, name: string): string | undefined {
  const value = (query as Record<string, unknown> | undefined)?.[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw badRequest(`The "${name}" parameter was given more than once.`);
  return value;
}

/**
 * Pages are numbered from 1 in addresses and messages (?p=1 is the first page, the same as no
 * ?p at all); the code counts them from 0. The upper bound keeps offsets sane. Old ?p=0 links
 * never get here: they are redirected to ?p=1 (firstPage.ts).
 */
export const MAX_PAGE = 100_000;

/** The 0-based page index asked for by ?p=N (1-based). */
export function parsePageParam(raw: string | undefined): number {
  if (raw === undefined || raw === "") return 0;
  if (!/^\d{1,6}$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_PAGE) {
    throw badRequest(
      `The page number ${quote(raw)} is not valid: pages are numbered from 1 (?p=1 is the first page, ?p=2 the next).`,
    );
  }
  return Number(raw) - 1;
}

/** How a list's pages are named in messages: "one page" or "N pages (1 to N)". */
export function pageRange(pages: number): string {
  return pages === 1 ? "one page" : `${pages} pages (1 to ${pages})`;
}

/** A page past the end of a non-empty list is an error too; page 1 of an empty list is fine. */
export function checkPageInRange(page: number, total: number, pageSize: number): void {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (page >= pages) {
    throw badRequest(`There is no page ${page + 1} here: this list has ${pageRange(pages)}.`);
  }
}

export function invalidDay(raw: string): Error {
  return badRequest(`${quote(raw)} is not a valid date: use YYYY-MM-DD, for example 2026-06-12.`);
}

export function invalidWeek(raw: string): Error {
  return badRequest(`${quote(raw)} is not a valid ISO week: use YYYY-Www, for example 2026-W24.`);
}

export function invalidMonth(raw: string): Error {
  return badRequest(`${quote(raw)} is not a valid month: use YYYY-MM, for example 2026-06.`);
}
