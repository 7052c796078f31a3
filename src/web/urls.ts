// Every page URL the site links to, built in one place so links and routes agree. The paper
// page's path, which mails, exports and the API need too, is built in src/model/paperPath.ts.
//   /                       newest day with papers      /papers/date/2026-06-12   one day
//   /week/2026-W24          a week                      /month/2026-06            a month
//   /trending  /new         rolling lists               /papers/<id>              one paper
//   /search?q=...           search                      ?p=N                      page N (from 1)

export { paperPath } from "../model/paperPath.ts";

export function dayPath(day: string): string {
  return `/papers/date/${day}`;
}

export function weekPath(label: string): string {
  return `/week/${label}`;
}

export function monthPath(label: string): string {
  return `/month/${label}`;
}

export function searchPath(q: string): string {
  return `/search?q=${encodeURIComponent(q)}`;
}

/**
 * The address of page `page` (counted from 0 in code) as readers see it, numbered from 1: the
 * first page is the bare URL so each page has one address, the second is ?p=2.
 */
export function withPage(path: string, page: number): string {
  if (page <= 0) return path;
  return `${path}${path.includes("?") ? "&" : "?"}p=${page + 1}`;
}

/** https://doi.org/ resolver link; the DOI's own slashes stay, anything else is encoded. */
export function doiUrl(doi: string): string {
  return `https://doi.org/${doi.trim().split("/").map(encodeURIComponent).join("/")}`;
}
