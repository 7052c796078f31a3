// Papers -> RSS 2.0, Atom 1.0 or JSON Feed 1.1, through the `feed` package. Titles and abstracts
// are degraded from TeX to text (readers do not render math). Atom declares its titles and
// summaries type="html" and RSS readers treat them as HTML, so for those two formats every text
// is HTML-escaped before the package wraps it; JSON Feed titles are plain text.
// The package writes JSON Feed 1.0; upgradeToJsonFeed11 rewrites the few fields 1.1 changed.
// Two quirks of its XML writer (xml-js) are handled here: text nodes turn an existing "&amp;" back
// into "&" before escaping (so plain text has its "&" pre-escaped, see xmlText), and attributes
// only get their quotes escaped (so categories, written as attributes, are limited to arXiv's
// category syntax). CDATA sections (item titles, summaries, content) only ever hold HTML-escaped
// text, so they cannot contain "]]>".
import { type Extension, Feed, type Item } from "feed";
import { excerpt } from "../../digest/edition.ts";
import { escapeHtml } from "../../digest/templates/html.ts";
import type { Paper } from "../../model/paper.ts";
import { texToText } from "../../text/texText.ts";
import type { FeedFormat } from "./feedLinks.ts";

export interface FeedDocument {
  /** Absolute URL of the HTML page this feed mirrors. */
  pageUrl: string;
  /** Absolute feed URLs by format (the self links). */
  feedUrls: Record<FeedFormat, string>;
  title: string;
  description: string;
  papers: Paper[];
  /** Time of the newest change; defaults to the newest item date. */
  updated?: Date;
  /** Per paper id, the item's date and publication when not the paper's own (a collection: when added). */
  itemDates?: Map<string, Date>;
}

export interface PaperLinks {
  page(id: string): string;
  pdf(id: string): string;
}

export function paperDate(p: Paper): Date {
  const iso = p.updatedAt ?? p.publishedAt;
  const t = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(t) ? new Date(0) : new Date(t);
}

function published(p: Paper): Date | undefined {
  const t = p.publishedAt ? Date.parse(p.publishedAt) : Number.NaN;
  return Number.isNaN(t) ? undefined : new Date(t);
}

const CATEGORY = /^[a-z-]+(\.[A-Za-z-]+)?$/;

/**
 * One <dc:creator> per name. The package types an extension's objects as one object, but its XML
 * writer (xml-js) writes an array as repeated elements, which is what is wanted here.
 */
function dcCreators(names: string[]): Extension {
  return {
    name: "dc:creator",
    objects: names.map((name) => ({ _text: name })) as unknown as Record<string, unknown>,
  };
}

/** The authors a feed item names (long collaboration lists are cut). */
function authors(p: Paper): string[] {
  return p.authors.slice(0, 50);
}

export function renderFeed(doc: FeedDocument, format: FeedFormat, links: PaperLinks): string {
  const html = format !== "json";
  /** Titles and summaries: HTML in RSS and Atom (inside CDATA), plain text in JSON. */
  const text = (s: string) => (html ? escapeHtml(s) : s);
  /** Plain text nodes of the XML formats (see the xml-js note above). */
  const xmlText = (s: string) => (html ? s.replace(/&/g, "&amp;") : s);
  /** The channel's title and description: HTML in RSS, plain text in Atom and JSON. */
  const channelText = (s: string) => xmlText(format === "rss" ? escapeHtml(s) : s);
  const itemDate = (p: Paper) => doc.itemDates?.get(p.id) ?? paperDate(p);
  const updated = doc.updated ?? new Date(Math.max(0, ...doc.papers.map((p) => itemDate(p).getTime())));
  const feed = new Feed({
    id: doc.feedUrls[format],
    title: channelText(doc.title),
    description: channelText(doc.description),
    link: doc.pageUrl,
    language: "en",
    updated,
    generator: "Papertide",
    feedLinks: { rss: doc.feedUrls.rss, atom: doc.feedUrls.atom, json: doc.feedUrls.json },
    author: { name: "Papertide", link: new URL("/", doc.pageUrl).href },
  });
  for (const p of doc.papers) {
    const page = links.page(p.id);
    const title = texToText(p.title);
    const abstract = texToText(p.abstract);
    const content = [
      `<p><em>${escapeHtml(p.authors.join(", "))}</em></p>`,
      `<p>${escapeHtml(abstract)}</p>`,
      `<p><a href="${escapeHtml(page)}">${escapeHtml(p.id)}</a> · <a href="${escapeHtml(links.pdf(p.id))}">PDF</a>${p.upvotes > 0 ? ` · ▲ ${p.upvotes}` : ""}</p>`,
    ].join("");
    const item: Item = {
      id: page,
      link: page,
      title: text(title),
      description: text(excerpt(abstract, 300)),
      content,
      date: itemDate(p),
      // A collection's item is published in the feed when it was added (RSS readers sort by it).
      published: doc.itemDates?.get(p.id) ?? published(p),
      // RSS 2.0's <author> is an email address; names go in Dublin Core's dc:creator, one per
      // author (the package declares xmlns:dc on every RSS feed whose items have content, as all
      // of ours do). Atom has <author><name>, JSON Feed its authors array.
      ...(format === "rss"
        ? { extensions: [dcCreators(authors(p).map(xmlText))] }
        : { author: authors(p).map((name) => ({ name: xmlText(name) })) }),
      category: p.categories.filter((c) => CATEGORY.test(c)).map((c) => ({ name: c, term: c })),
    };
    feed.addItem(item);
  }
  if (format === "rss") return feed.rss2();
  if (format === "atom") return feed.atom1();
  return upgradeToJsonFeed11(feed.json1(), doc.papers);
}

/** JSON Feed 1.0 -> 1.1: version, `authors` arrays instead of `author`, `language`. */
function upgradeToJsonFeed11(json: string, papers: Paper[]): string {
  const doc = JSON.parse(json) as Record<string, unknown> & {
    items: Record<string, unknown>[];
    author?: unknown;
  };
  doc.version = "https://jsonfeed.org/version/1.1";
  doc.language = "en";
  if (doc.author) {
    doc.authors = [doc.author];
    delete doc.author;
  }
  doc.items.forEach((item, i) => {
    delete item.author;
    item.authors = authors(papers[i]).map((name) => ({ name }));
  });
  return JSON.stringify(doc, null, 2);
}
