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

/** Page numbers are 0-based like the API; the upper bound keeps offsets sane. */
const MAX_PAGE = 100_000;

export function parsePageParam(raw: string | undefined): number {
  if (raw === undefined || raw === "") return 0;
  if (!/^\d{1,6}$/.test(raw) || Number(raw) > MAX_PAGE) {
    throw badRequest(
      `The page number ${quote(raw)} is not valid: use ?p=0 for the first page, ?p=1 for the next.`,
    );
  }
  return Number(raw);
}

/** A page past the end of a non-empty list is an error too; page 0 of an empty list is fine. */
export function checkPageInRange(page: number, total: number, pageSize: number): void {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (page >= pages) {
    throw badRequest(
      `There is no page ${page} here: this list has ${pages === 1 ? "one page (?p=0)" : `${pages} pages (?p=0 to ?p=${pages - 1})`}.`,
    );
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
