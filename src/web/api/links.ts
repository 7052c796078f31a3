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

/** `<url>; rel="next", <url>; rel="prev"`, or null when there is neither. */
export function linkHeader(links: { next?: string | null; prev?: string | null }): string | null {
  const parts: string[] = [];
  if (links.next) parts.push(`<${links.next}>; rel="next"`);
  if (links.prev) parts.push(`<${links.prev}>; rel="prev"`);
  return parts.length ? parts.join(", ") : null;
}
