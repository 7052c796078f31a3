// RSS 2.0, Atom 1.0 and JSON Feed 1.1 for the daily list, trending, a category, a search and a
// public collection,
// read back with real parsers: ids, dates, links, escaping, caching.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { FastifyInstance } from "fastify";
import { addItem, insertCollection } from "../../src/store/collections.ts";
import { alternateLinkTags, feedAlternates } from "../../src/web/feeds/feedLinks.ts";
import { BASE_URL, type DigestTestContext, digestContext, WEEK_PAPERS } from "../digest/support/fixtures.ts";
import { digestServer } from "../digest/support/server.ts";
import { addUser, importPapers } from "../support/factories.ts";

let ctx: DigestTestContext;
let app: FastifyInstance;
before(async () => {
  ctx = await digestContext();
  await importPapers(ctx, WEEK_PAPERS);
  app = await digestServer(ctx);
});
after(async () => {
  await app.close();
  await ctx.cleanup();
});

const ARRAYS = new Set([
  "rss.channel.item",
  "rss.channel.atom:link",
  "rss.channel.item.category",
  "feed.link",
  "feed.entry",
  "feed.entry.link",
  "feed.entry.author",
  "feed.entry.category",
]);
const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  isArray: (_name, jpath) => ARRAYS.has(String(jpath)),
});
const decodeHtml = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
const paperUrl = (id: string) => `${BASE_URL}/papers/${id}`;
const byId = new Map(WEEK_PAPERS.map((p) => [p.id, p]));

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await app.inject({ method: "GET", url, headers });
  return res;
}

interface Parsed {
  ids: string[];
  titles: string[];
  links: string[];
  dates: number[];
  self: string;
  feedTitle: string;
  /** The feed's description or subtitle, as a reader shows it. */
  feedDescription: string;
}

function parseRss(body: string): Parsed {
  assert.equal(XMLValidator.validate(body), true);
  const doc = xml.parse(body);
  assert.equal(doc.rss["@version"], "2.0");
  const ch = doc.rss.channel;
  assert.equal(typeof ch.description, "string");
  const items = ch.item ?? [];
  for (const it of items) {
    assert.ok(!Number.isNaN(Date.parse(it.pubDate)), `RFC 822 pubDate: ${it.pubDate}`);
    assert.match(it.pubDate, /^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    assert.equal(it.guid["#text"], it.link);
  }
  const selfLink = (ch["atom:link"] as { "@rel": string; "@href": string }[]).find(
    (l) => l["@rel"] === "self",
  );
  return {
    ids: items.map((i: { guid: { "#text": string } }) => i.guid["#text"]),
    titles: items.map((i: { title: string }) => decodeHtml(String(i.title))),
    links: items.map((i: { link: string }) => i.link),
    dates: items.map((i: { pubDate: string }) => Date.parse(i.pubDate)),
    self: selfLink?.["@href"] ?? "",
    // RSS readers render the channel's title and description as HTML, like item titles.
    feedTitle: decodeHtml(String(ch.title)),
    feedDescription: decodeHtml(String(ch.description)),
  };
}

function parseAtom(body: string): Parsed {
  assert.equal(XMLValidator.validate(body), true);
  const doc = xml.parse(body);
  const feed = doc.feed;
  assert.equal(feed["@xmlns"], "http://www.w3.org/2005/Atom");
  assert.match(feed.updated, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
  assert.ok(feed.id);
  const entries = feed.entry ?? [];
  for (const e of entries) {
    assert.match(e.updated, /^\d{4}-\d{2}-\d{2}T/);
    assert.equal(e.title["@type"], "html");
    assert.ok(e.author?.length >= 1, "each entry has an author");
  }
  return {
    ids: entries.map((e: { id: string }) => e.id),
    titles: entries.map((e: { title: { "#text": string } }) => decodeHtml(String(e.title["#text"]))),
    links: entries.map((e: { link: { "@href": string }[] }) => e.link[0]["@href"]),
    dates: entries.map((e: { published: string }) => Date.parse(e.published)),
    self:
      (feed.link as { "@rel": string; "@href": string }[]).find((l) => l["@rel"] === "self")?.["@href"] ?? "",
    feedTitle: String(feed.title),
    feedDescription: String(feed.subtitle ?? ""),
  };
}

function parseJsonFeed(body: string): Parsed {
  const doc = JSON.parse(body);
  assert.equal(doc.version, "https://jsonfeed.org/version/1.1");
  assert.equal(typeof doc.title, "string");
  assert.ok(doc.home_page_url.startsWith(BASE_URL));
  assert.ok(Array.isArray(doc.items));
  assert.equal(doc.author, undefined, "1.1 uses authors");
  for (const it of doc.items) {
    assert.equal(typeof it.id, "string");
    assert.equal(typeof it.content_html, "string");
    assert.match(it.date_published, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    assert.ok(
      Array.isArray(it.authors) && it.authors.every((a: { name: string }) => typeof a.name === "string"),
    );
    assert.equal(it.author, undefined);
  }
  return {
    ids: doc.items.map((i: { id: string }) => i.id),
    titles: doc.items.map((i: { title: string }) => i.title),
    links: doc.items.map((i: { url: string }) => i.url),
    dates: doc.items.map((i: { date_published: string }) => Date.parse(i.date_published)),
    self: doc.feed_url,
    feedTitle: doc.title,
    feedDescription: doc.description ?? "",
  };
}

const PARSERS = { rss: parseRss, atom: parseAtom, json: parseJsonFeed } as const;
const TYPES = {
  rss: "application/rss+xml",
  atom: "application/atom+xml",
  json: "application/feed+json",
} as const;

async function check(path: string, expectedIds: string[]) {
  for (const format of ["rss", "atom", "json"] as const) {
    const url = path.replace("{f}", format);
    const res = await get(url);
    assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
    assert.equal(String(res.headers["content-type"]), `${TYPES[format]}; charset=utf-8`);
    const feed = PARSERS[format](res.body);
    assert.deepEqual(feed.ids, expectedIds.map(paperUrl), url);
    assert.deepEqual(feed.links, expectedIds.map(paperUrl), url);
    assert.equal(feed.self, `${BASE_URL}${url}`, `${url} links itself`);
    // Each item's date is the paper's first-version date (the seed's day, midnight UTC).
    assert.deepEqual(
      feed.dates,
      expectedIds.map((id) => Date.parse(`${byId.get(id)?.day ?? ""}T00:00:00Z`)),
      url,
    );
    assert.deepEqual(
      feed.titles,
      expectedIds.map((id) => expectedTitle(id)),
      url,
    );
  }
}

function expectedTitle(id: string): string {
  const t = byId.get(id)?.title ?? "";
  return id === "2606.10001" ? "α-VAE: Variational Autoencoders with O(n log n) Attention" : t;
}

test("the daily feed: the newest day's list, by upvotes (followed categories only)", async () => {
  // 16 June holds 2606.10004 (cs.RO, not followed), .10005 (cs.CV, 8 upvotes), .10006 (cs.LG, 0).
  await check("/feeds/daily.{f}", ["2606.10005", "2606.10006"]);
});

test("the trending feed", async () => {
  // Reference time: the end of the newest list day (17 June 00:00). upvotes / (age_h + 2)^1.5:
  // .10001 42/50^1.5 = 0.119, .10002 30/50^1.5 = 0.085, .10005 8/26^1.5 = 0.060,
  // .10003 12/50^1.5 = 0.034, .10007 5/98^1.5 = 0.005, .10008 3/122^1.5 = 0.002. Papers nobody
  // picked (.10006, 0 upvotes) are not trending.
  const res = await get("/feeds/trending.json");
  const ids = parseJsonFeed(res.body).ids.map((u) => u.slice(`${BASE_URL}/papers/`.length));
  assert.deepEqual(ids, ["2606.10001", "2606.10002", "2606.10005", "2606.10003", "2606.10007", "2606.10008"]);
  await check("/feeds/trending.{f}", ids);
});

test("a category feed: the category's newest papers, newest first", async () => {
  await check("/feeds/category/cs.CV.{f}", ["2606.10005", "2606.10002"]);
  await check("/feeds/category/cs.RO.{f}", ["2606.10004"]);
  assert.equal((await get("/feeds/category/not a category.rss")).statusCode, 404);
  assert.equal((await get("/feeds/category/cs.CV.xml")).statusCode, 404);
});

test("a search feed, with hostile input escaped", async () => {
  await check(`/feeds/search.{f}?q=${encodeURIComponent("transformers friends")}`, ["2606.10002"]);
  const q = `kitchen ]]><evil attr="x">&amp;`;
  for (const format of ["rss", "atom", "json"] as const) {
    const res = await get(`/feeds/search.${format}?q=${encodeURIComponent(q)}`);
    assert.equal(res.statusCode, 200);
    const feed = PARSERS[format](res.body);
    assert.equal(feed.feedTitle, `Papertide: search “${q}”`);
    assert.ok(feed.ids.includes(paperUrl("2606.10004")));
  }
  // Author names with markup characters survive every format exactly.
  const atom = xml.parse((await get("/feeds/search.atom?q=kitchen")).body);
  assert.deepEqual(
    atom.feed.entry[0].author.map((a: { name: string }) => a.name),
    ["R&D Lab <Team>", "Dana O'Neil", "A &amp; B"],
  );
  const json = JSON.parse((await get("/feeds/search.json?q=kitchen")).body);
  assert.deepEqual(
    json.items[0].authors.map((a: { name: string }) => a.name),
    ["R&D Lab <Team>", "Dana O'Neil", "A &amp; B"],
  );
  assert.match(json.items[0].content_html, /R&amp;D Lab &lt;Team&gt;/);
  assert.equal((await get("/feeds/search.rss")).statusCode, 400);
  assert.equal((await get(`/feeds/search.rss?q=${"x".repeat(201)}`)).statusCode, 400);
});

test("RSS items name their authors in dc:creator (RSS's <author> is for an email address)", async () => {
  const body = (await get("/feeds/search.rss?q=kitchen")).body;
  assert.equal(XMLValidator.validate(body), true);
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@",
    isArray: (_name, jpath) => ["rss.channel.item", "rss.channel.item.dc:creator"].includes(String(jpath)),
  }).parse(body);
  assert.equal(doc.rss["@xmlns:dc"], "http://purl.org/dc/elements/1.1/");
  assert.deepEqual(doc.rss.channel.item[0]["dc:creator"], ["R&D Lab <Team>", "Dana O'Neil", "A &amp; B"]);
  assert.doesNotMatch(body, /<author>/);
  // Every item of a list feed has its creators too.
  const daily = xml.parse((await get("/feeds/daily.rss")).body);
  for (const item of daily.rss.channel.item) {
    assert.ok(item["dc:creator"], `${item.link} names its authors`);
    assert.equal(item.author, undefined);
  }
});

test("a search feed's channel title and description are HTML-escaped for RSS readers, like item titles", async () => {
  const q = "<img src=x onerror=alert(1)>";
  const res = await get(`/feeds/search.rss?q=${encodeURIComponent(q)}`);
  assert.equal(res.statusCode, 200);
  const ch = xml.parse(res.body).rss.channel;
  // What a reader renders as HTML: escaped markup, never a tag.
  for (const html of [String(ch.title), String(ch.description)]) {
    assert.doesNotMatch(html, /<img/, html);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/, html);
  }
  const feed = parseRss(res.body);
  assert.equal(feed.feedTitle, `Papertide: search “${q}”`);
  assert.ok(feed.feedDescription.includes(q), feed.feedDescription);
  // Atom's feed title is plain text and JSON Feed's is a string: the query as it is.
  for (const format of ["atom", "json"] as const) {
    const other = PARSERS[format]((await get(`/feeds/search.${format}?q=${encodeURIComponent(q)}`)).body);
    assert.equal(other.feedTitle, `Papertide: search “${q}”`);
  }
});

test("unknown feeds are 404; an unchanged feed answers 304", async () => {
  for (const url of ["/feeds/nope.rss", "/feeds/daily", "/feeds/daily.xml"])
    assert.equal((await get(url)).statusCode, 404, url);
  const first = await get("/feeds/daily.atom");
  const etag = String(first.headers.etag);
  assert.match(etag, /^"[\w-]+"$/);
  assert.match(String(first.headers["cache-control"]), /max-age=\d+/);
  const again = await get("/feeds/daily.atom", { "if-none-match": etag });
  assert.equal(again.statusCode, 304);
  assert.equal(again.body, "");
});

test("alternate-link helpers for pages", () => {
  const alts = feedAlternates(BASE_URL, { kind: "search", q: 'a "b" & c' });
  assert.deepEqual(
    alts.map((a) => [a.type, a.href]),
    [
      ["application/rss+xml", `${BASE_URL}/feeds/search.rss?q=a%20%22b%22%20%26%20c`],
      ["application/atom+xml", `${BASE_URL}/feeds/search.atom?q=a%20%22b%22%20%26%20c`],
      ["application/feed+json", `${BASE_URL}/feeds/search.json?q=a%20%22b%22%20%26%20c`],
    ],
  );
  const tags = alternateLinkTags(BASE_URL, { kind: "search", q: 'a "b" & c' });
  assert.match(
    tags,
    /^<link rel="alternate" type="application\/rss\+xml" title="Papertide: search “a &quot;b&quot; &amp; c” \(RSS\)" href="https:\/\/papers\.example\.org\/feeds\/search\.rss\?q=a%20%22b%22%20%26%20c">/,
  );
  assert.equal(tags.split("\n").length, 3);
  assert.equal(
    feedAlternates(BASE_URL, { kind: "category", category: "cs.LG" })[1].href,
    `${BASE_URL}/feeds/category/cs.LG.atom`,
  );
});

test("a public collection's feed: newest additions first, dated when added; private ones are 404", async () => {
  const db = ctx.store.db;
  const now = "2026-06-20T10:00:00.000Z";
  await addUser(db, { id: "u-feeds", email: "curator@example.org", handle: "curator" });
  const collection = (id: string, slug: string, isPublic: boolean) =>
    insertCollection(db, {
      id,
      userId: "u-feeds",
      slug,
      name: `Reading <list> & ${slug}`,
      description: "",
      isPublic,
      createdAt: now,
      updatedAt: now,
    });
  await collection("col-public", "reading-list", true);
  await collection("col-private", "secret-list", false);
  await addItem(db, "col-public", "2606.10003", "2026-06-18T09:00:00.000Z");
  await addItem(db, "col-public", "2606.10008", "2026-06-19T09:00:00.000Z");
  await addItem(db, "col-private", "2606.10001", "2026-06-19T09:00:00.000Z");
  const added = { "2606.10008": "2026-06-19T09:00:00Z", "2606.10003": "2026-06-18T09:00:00Z" };
  for (const format of ["rss", "atom", "json"] as const) {
    const url = `/feeds/collection/reading-list.${format}`;
    const res = await get(url);
    assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
    assert.equal(String(res.headers["content-type"]), `${TYPES[format]}; charset=utf-8`);
    const feed = PARSERS[format](res.body);
    assert.deepEqual(feed.ids, ["2606.10008", "2606.10003"].map(paperUrl), url);
    assert.deepEqual(feed.links, ["2606.10008", "2606.10003"].map(paperUrl), url);
    assert.equal(feed.self, `${BASE_URL}${url}`);
    assert.equal(feed.feedTitle, "Papertide: collection “Reading <list> & reading-list”");
    // The name as RSS readers get it: HTML-escaped, so "<list>" is text, not a tag.
    if (format === "rss")
      assert.match(String(xml.parse(res.body).rss.channel.title), /Reading &lt;list&gt; &amp; reading-list/);
    // Each item is dated when it was added to the collection (RSS pubDate, Atom published/updated, JSON dates).
    assert.deepEqual(
      feed.dates,
      Object.values(added).map((d) => Date.parse(d)),
      url,
    );
  }
  // The collection's page advertises its feeds; a private collection's page does not.
  const page = await get("/c/reading-list");
  assert.equal(page.statusCode, 200);
  for (const f of ["rss", "atom", "json"])
    assert.match(
      page.body,
      new RegExp(
        `<link rel="alternate" type="[^"]+" title="[^"]*" href="${BASE_URL}/feeds/collection/reading-list\\.${f}"`,
      ),
    );
  const json = JSON.parse((await get("/feeds/collection/reading-list.json")).body);
  assert.equal(json.home_page_url, `${BASE_URL}/c/reading-list`);
  for (const url of [
    "/feeds/collection/secret-list.rss",
    "/feeds/collection/col-private.atom",
    "/feeds/collection/no-such-list.json",
    "/feeds/collection/reading-list.xml",
  ])
    assert.equal((await get(url)).statusCode, 404, url);
  assert.equal(
    feedAlternates(BASE_URL, { kind: "collection", slug: "reading-list", name: "R" })[0].href,
    `${BASE_URL}/feeds/collection/reading-list.rss`,
  );
});
