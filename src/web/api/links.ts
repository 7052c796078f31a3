// Absolute links for pagination: RFC 8288 `Link` headers built on the configured public base URL
// (the server may sit behind a proxy, so the request's own Host is not trusted for this).

export type QueryValues = Record<string, string | number | null | undefined>;

export function apiUrl(baseUrl: string, path: string, query: QueryValues): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== "") params.set(key, String(value));
  }
  const qs = params.toString();
  return `${baseUrl}${path}${qs ? `?${qs}` : ""}`;
}

type Rel = "first" | "prev" | "next" | "last";

/** `<url>; rel="first", <url>; rel="prev", …`, or null when there is none. */
export function linkHeader(links: Partial<Record<Rel, string | null>>): string | null {
  const parts: string[] = [];
  for (const rel of ["first", "prev", "next", "last"] as const) {
    const url = links[rel];
    if (url) parts.push(`<${url}>; rel="${rel}"`);
  }
  return parts.length ? parts.join(", ") : null;
}

/**
 * The Link header of page `p` (counted from 1) of a list of `pages` pages: first and prev from
 * page 2 on (prev of a page past the end is the last page), next and last before the last page.
 */
export function pageLinkHeader(p: number, pages: number, link: (p: number) => string): string | null {
  const last = Math.max(1, pages);
  return linkHeader({
    first: p > 1 ? link(1) : null,
    prev: p > 1 ? link(Math.min(p - 1, last)) : null,
    next: p < last ? link(p + 1) : null,
    last: p < last ? link(last) : null,
  });
}
