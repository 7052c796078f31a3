// Where each feed lives, and <link rel="alternate"> data for pages to advertise them:
//   /feeds/daily.rss|atom|json            the newest day's list
//   /feeds/trending.rss|atom|json         Trending
//   /feeds/category/cs.LG.rss|atom|json   newest papers of one category
//   /feeds/search.rss|atom|json?q=...     a search
//   /feeds/collection/<slug>.rss|atom|json   a public collection (/c/<slug>), newest additions first
//   /feeds/author/<name>.rss|atom|json   an author's newest papers (/authors/<name>)
// Pages add, in <head>: {feedAlternates(site.baseUrl, {kind: "trending"}).map((a) =>
//   <link rel="alternate" type={a.type} title={a.title} href={a.href} />)}
// or the ready-made HTML string of alternateLinkTags().

export type FeedFormat = "rss" | "atom" | "json";
export const FEED_FORMATS: readonly FeedFormat[] = ["rss", "atom", "json"];

export type FeedKind =
  | { kind: "daily" }
  | { kind: "trending" }
  | { kind: "category"; category: string }
  | { kind: "search"; q: string }
  | { kind: "collection"; slug: string; name: string }
  | { kind: "author"; name: string };

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: "application/rss+xml",
  atom: "application/atom+xml",
  json: "application/feed+json",
};

const FORMAT_NAMES: Record<FeedFormat, string> = { rss: "RSS", atom: "Atom", json: "JSON Feed" };

export function feedPath(feed: FeedKind, format: FeedFormat): string {
  switch (feed.kind) {
    case "daily":
      return `/feeds/daily.${format}`;
    case "trending":
      return `/feeds/trending.${format}`;
    case "category":
      return `/feeds/category/${encodeURIComponent(feed.category)}.${format}`;
    case "search":
      return `/feeds/search.${format}?q=${encodeURIComponent(feed.q)}`;
    case "collection":
      return `/feeds/collection/${encodeURIComponent(feed.slug)}.${format}`;
    case "author":
      return `/feeds/author/${encodeURIComponent(feed.name)}.${format}`;
  }
}

export function feedTitle(feed: FeedKind): string {
  switch (feed.kind) {
    case "daily":
      return "Papertide: daily papers";
    case "trending":
      return "Papertide: trending papers";
    case "category":
      return `Papertide: new in ${feed.category}`;
    case "search":
      return `Papertide: search “${feed.q}”`;
    case "collection":
      return `Papertide: collection “${feed.name}”`;
    case "author":
      return `Papertide: papers by ${feed.name}`;
  }
}

export interface FeedAlternate {
  rel: "alternate";
  type: string;
  title: string;
  href: string;
}

/** One entry per format, absolute URLs. */
export function feedAlternates(baseUrl: string, feed: FeedKind): FeedAlternate[] {
  return FEED_FORMATS.map((format) => ({
    rel: "alternate",
    type: FEED_CONTENT_TYPES[format],
    title: `${feedTitle(feed)} (${FORMAT_NAMES[format]})`,
    href: `${baseUrl}${feedPath(feed, format)}`,
  }));
}

const ESC: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ESC[c]);

/** The same as HTML, escaped, for templates that are not preact. */
export function alternateLinkTags(baseUrl: string, feed: FeedKind): string {
  return feedAlternates(baseUrl, feed)
    .map((a) => `<link rel="alternate" type="${esc(a.type)}" title="${esc(a.title)}" href="${esc(a.href)}">`)
    .join("\n");
}
