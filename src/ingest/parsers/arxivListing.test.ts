import assert from "node:assert/strict";
import fs from "node:fs";
import { test } from "node:test";
import { shared } from "../../../test/support/shared.ts";
import type { PaperInput, ParsedRecord } from "../../model/paper.ts";
import { decodeEntities, htmlToText, parseArxivListing } from "./arxivListing.ts";
import { FeedParseError } from "./errors.ts";

const fixture = (name: string) => fs.readFileSync(shared(`fixtures/arxiv-rss/${name}`), "utf8");

function papers(records: ParsedRecord[]): PaperInput[] {
  return records.map((r) => {
    assert.equal(r.kind, "paper", JSON.stringify(r));
    return (r as { paper: PaperInput }).paper;
  });
}

test("2017 RDF layout: day, category, ids, titles without the arXiv suffix, linked authors", () => {
  const listing = parseArxivListing(fixture("cs.AI-2017.xml"), "cs.AI-2017.xml");
  // dc:date 2017-08-10T20:30:00-05:00: arXiv announces at 20:00 Eastern and dates the listing
  // by the next day, which is the UTC day of that stamp.
  assert.equal(listing.day, "2017-08-11");
  assert.equal(listing.category, "cs.AI");
  const ps = papers(listing.records);
  assert.equal(ps.length, 15);
  assert.equal(ps[0].id, "1708.02940");
  assert.equal(
    ps[0].title,
    "Role of Secondary Attributes to Boost the Prediction Accuracy of Students Employability Via Data Mining",
  );
  assert.deepEqual(ps[0].authors, ["Pooja Thakar", "Anil Mehta", "Manisha"]);
  assert.match(
    ps[0].abstract ?? "",
    /^Data Mining is best-known for its analytical and prediction capabilities\./,
  );
  assert.ok(!/[<>]/.test(ps[0].abstract ?? ""), "the <p> wrapper is gone");
  assert.equal(ps[3].title?.startsWith('"Is there anything else I can help you with?": Challenges'), true);
  assert.deepEqual(ps[6].authors, ["Thomas C. King", "Akın Günay", "Amit K. Chopra", "Munindar P. Singh"]);
});

test("2017 RDF layout: primary category from the title, plus the listing's own category", () => {
  const ps = papers(parseArxivListing(fixture("cs.AI-2017.xml")).records);
  assert.deepEqual(ps[0].categories, ["cs.CY", "cs.AI"], "cross-listed from cs.CY");
  assert.deepEqual(ps[2].categories, ["cs.AI"]);
});

test("2017 RDF layout: new v1 entries are announced that day, UPDATED replacements are not", () => {
  const ps = papers(parseArxivListing(fixture("cs.AI-2017.xml")).records);
  const announced = ps.filter((p) => p.announcedOn === "2017-08-11").map((p) => p.id);
  assert.equal(announced.length, 12);
  assert.ok(announced.every((id) => id.startsWith("1708.")));
  const replaced = ps.filter((p) => !p.announcedOn);
  assert.deepEqual(
    replaced.map((p) => p.id),
    ["1412.1913", "1703.01720", "1705.00594"],
  );
  // Still paper records: a replacement refreshes the stored metadata.
  assert.equal(
    replaced[0].title,
    "A Portfolio Approach to Algorithm Selection for Discrete Time-Cost Trade-off Problem",
  );
  assert.deepEqual(replaced[0].authors, ["Santosh Mungle"]);
});

// Shaped like a current rss.arxiv.org RSS 2.0 listing (January 2024 format).
const RSS2 = `<?xml version='1.0' encoding='UTF-8'?>
<rss xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" version="2.0">
  <channel>
    <title>cs.CL updates on arXiv.org</title>
    <link>http://rss.arxiv.org/rss/cs.CL</link>
    <description>cs.CL updates on the arXiv.org e-print archive.</description>
    <atom:link href="https://rss.arxiv.org/rss/cs.CL" rel="self" type="application/rss+xml"/>
    <docs>http://www.rssboard.org/rss-specification</docs>
    <language>en-us</language>
    <lastBuildDate>Mon, 13 Jan 2025 05:00:12 +0000</lastBuildDate>
    <managingEditor>rss-help@arxiv.org</managingEditor>
    <pubDate>Mon, 13 Jan 2025 00:00:00 -0500</pubDate>
    <skipDays>
      <day>Saturday</day>
      <day>Sunday</day>
    </skipDays>
    <item>
      <title>Multilingual Retrieval with Sparse Lexical Experts</title>
      <link>https://arxiv.org/abs/2501.05510</link>
      <description>arXiv:2501.05510v1 Announce Type: new 
Abstract: We study sparse retrieval across 18 languages. Gains hold for p &lt; 0.05 &amp; across
domains.
  A second paragraph follows.</description>
      <guid isPermaLink="false">oai:arXiv.org:2501.05510v1</guid>
      <category>cs.CL</category>
      <category>cs.IR</category>
      <pubDate>Mon, 13 Jan 2025 00:00:00 -0500</pubDate>
      <arxiv:announce_type>new</arxiv:announce_type>
      <dc:rights>http://creativecommons.org/licenses/by/4.0/</dc:rights>
      <dc:creator>Ana Silva, Jun Park, Ola Nordmann</dc:creator>
    </item>
    <item>
      <title>Scaling Laws for Tokenizer Choice</title>
      <link>https://arxiv.org/abs/2501.05213</link>
      <description>arXiv:2501.05213v1 Announce Type: cross 
Abstract: Tokenizers matter.</description>
      <guid isPermaLink="false">oai:arXiv.org:2501.05213v1</guid>
      <category>cs.LG</category>
      <category>cs.CL</category>
      <pubDate>Mon, 13 Jan 2025 00:00:00 -0500</pubDate>
      <arxiv:announce_type>cross</arxiv:announce_type>
      <dc:rights>http://arxiv.org/licenses/nonexclusive-distrib/1.0/</dc:rights>
      <dc:creator>Li Wei and Maria Rossi</dc:creator>
    </item>
    <item>
      <title>An Older Parser, Revised</title>
      <link>https://arxiv.org/abs/2406.01234</link>
      <description>arXiv:2406.01234v3 Announce Type: replace 
Abstract: Revised abstract.</description>
      <guid isPermaLink="false">oai:arXiv.org:2406.01234v3</guid>
      <category>cs.CL</category>
      <pubDate>Mon, 13 Jan 2025 00:00:00 -0500</pubDate>
      <arxiv:announce_type>replace</arxiv:announce_type>
      <dc:creator>Sam Lee</dc:creator>
    </item>
    <item>
      <title>Speech Tokens Revisited</title>
      <link>https://arxiv.org/abs/2311.00042</link>
      <description>arXiv:2311.00042v2 Announce Type: replace-cross 
Abstract: Cross-listed and revised.</description>
      <guid isPermaLink="false">oai:arXiv.org:2311.00042v2</guid>
      <category>eess.AS</category>
      <category>cs.CL</category>
      <pubDate>Mon, 13 Jan 2025 00:00:00 -0500</pubDate>
      <arxiv:announce_type>replace-cross</arxiv:announce_type>
      <dc:creator>Kim Ng</dc:creator>
    </item>
  </channel>
</rss>`;

test("RSS 2.0: day from pubDate, category, and each announce type", () => {
  const listing = parseArxivListing(RSS2, "cs.CL.rss");
  assert.equal(listing.day, "2025-01-13");
  assert.equal(listing.category, "cs.CL");
  const ps = papers(listing.records);
  assert.deepEqual(
    ps.map((p) => [p.id, p.announcedOn ?? null]),
    [
      ["2501.05510", "2025-01-13"],
      ["2501.05213", "2025-01-13"],
      ["2406.01234", null],
      ["2311.00042", null],
    ],
  );
});

test("RSS 2.0: abstract without the announce preamble, maths kept, authors split", () => {
  const [sparse, tokens, revised] = papers(parseArxivListing(RSS2).records);
  assert.equal(sparse.title, "Multilingual Retrieval with Sparse Lexical Experts");
  assert.equal(
    sparse.abstract,
    "We study sparse retrieval across 18 languages. Gains hold for p < 0.05 & across domains.\n\nA second paragraph follows.",
  );
  assert.deepEqual(sparse.authors, ["Ana Silva", "Jun Park", "Ola Nordmann"]);
  assert.deepEqual(sparse.categories, ["cs.CL", "cs.IR"]);
  assert.deepEqual(tokens.authors, ["Li Wei", "Maria Rossi"]);
  assert.deepEqual(tokens.categories, ["cs.LG", "cs.CL"], "primary first as listed");
  assert.equal(revised.abstract, "Revised abstract.");
});

// The Atom rendering of the same listing (rss.arxiv.org/atom/cs.CL).
const ATOM = `<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns="http://www.w3.org/2005/Atom" xml:lang="en-us">
  <id>http://rss.arxiv.org/atom/cs.CL</id>
  <title>cs.CL updates on arXiv.org</title>
  <updated>2025-01-13T05:00:12.547891+00:00</updated>
  <link href="http://rss.arxiv.org/atom/cs.CL" rel="self" type="application/atom+xml"/>
  <subtitle>cs.CL updates on the arXiv.org e-print archive.</subtitle>
  <entry>
    <id>oai:arXiv.org:2501.05510v1</id>
    <title>Multilingual Retrieval with Sparse Lexical Experts</title>
    <updated>2025-01-13T05:00:12.587005+00:00</updated>
    <link href="https://arxiv.org/abs/2501.05510" rel="alternate" type="text/html"/>
    <summary>arXiv:2501.05510v1 Announce Type: new 
Abstract: We study sparse retrieval across 18 languages.</summary>
    <category term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
    <category term="cs.IR" scheme="http://arxiv.org/schemas/atom"/>
    <published>2025-01-13T00:00:00-05:00</published>
    <arxiv:announce_type>new</arxiv:announce_type>
    <dc:rights>http://creativecommons.org/licenses/by/4.0/</dc:rights>
    <dc:creator>Ana Silva, Jun Park, Ola Nordmann</dc:creator>
  </entry>
  <entry>
    <id>oai:arXiv.org:2406.01234v3</id>
    <title>An Older Parser, Revised</title>
    <updated>2025-01-13T05:00:12.587005+00:00</updated>
    <link href="https://arxiv.org/abs/2406.01234" rel="alternate" type="text/html"/>
    <summary>arXiv:2406.01234v3 Announce Type: replace 
Abstract: Revised abstract.</summary>
    <category term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
    <published>2025-01-13T00:00:00-05:00</published>
    <arxiv:announce_type>replace</arxiv:announce_type>
    <author><name>Sam Lee</name></author>
  </entry>
</feed>`;

test("Atom listing: same records as the RSS 2.0 rendering", () => {
  const listing = parseArxivListing(ATOM, "cs.CL.atom");
  assert.equal(listing.day, "2025-01-13");
  assert.equal(listing.category, "cs.CL");
  const [sparse, revised] = papers(listing.records);
  assert.equal(sparse.id, "2501.05510");
  assert.equal(sparse.announcedOn, "2025-01-13");
  assert.equal(sparse.abstract, "We study sparse retrieval across 18 languages.");
  assert.deepEqual(sparse.authors, ["Ana Silva", "Jun Park", "Ola Nordmann"]);
  assert.deepEqual(sparse.categories, ["cs.CL", "cs.IR"]);
  assert.equal(revised.id, "2406.01234");
  assert.equal(revised.announcedOn, undefined, "a replacement never enters the day's list");
  assert.deepEqual(revised.authors, ["Sam Lee"]);
});

test("an archive-wide or combined feed does not add itself as a paper category", () => {
  const archive = ATOM.replaceAll("cs.CL updates", "cs updates").replaceAll("atom/cs.CL", "atom/cs");
  const listing = parseArxivListing(archive);
  assert.equal(listing.category, "cs");
  assert.deepEqual(papers(listing.records)[1].categories, ["cs.CL"]);
  const combined = parseArxivListing(
    RSS2.replace("cs.CL updates on arXiv.org", "cs.CL+hep-th updates on arXiv.org"),
  );
  assert.equal(combined.category, "cs.CL+hep-th");
  assert.deepEqual(papers(combined.records)[2].categories, ["cs.CL"]);
});

test("items without an arXiv id are rejected by position; the rest still parse", () => {
  const xml = RSS2.replace("oai:arXiv.org:2501.05213v1", "tag:example.org,2025:1")
    .replace("https://arxiv.org/abs/2501.05213", "https://example.org/1")
    .replace("arXiv:2501.05213v1 Announce", "Announce");
  const records = parseArxivListing(xml, "feed").records;
  assert.deepEqual(records[1], { kind: "rejected", where: "feed[1]", reason: "no arXiv id in the item" });
  assert.equal(records.filter((r) => r.kind === "paper").length, 3);
});

test("a listing without a date gives no day and so announces nothing", () => {
  const xml = RSS2.replace(/<pubDate>[^<]*<\/pubDate>/g, "").replace(
    /<lastBuildDate>[^<]*<\/lastBuildDate>/,
    "",
  );
  const listing = parseArxivListing(xml);
  assert.equal(listing.day, null);
  assert.ok(papers(listing.records).every((p) => !p.announcedOn));
});

test("anything that is not a listing feed is a FeedParseError", () => {
  assert.throws(
    () => parseArxivListing(`<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"/>`),
    FeedParseError,
  );
  assert.throws(
    () => parseArxivListing("<!DOCTYPE html><html><body>Not found</body></html>"),
    FeedParseError,
  );
  assert.throws(() => parseArxivListing(fixture("cs.AI-2017.xml").slice(0, 5000)), FeedParseError);
});

test("htmlToText removes markup, scripts and comments, then decodes entities once", () => {
  assert.equal(
    htmlToText("<p>First <i>para</i>.</p><p>Second &amp; last.</p>"),
    "First para.\n\nSecond & last.",
  );
  assert.equal(
    htmlToText('See <a href="http://x">this http URL</a>.<script>alert(1)</script>'),
    "See this http URL.",
  );
  assert.equal(htmlToText("a<!-- hidden --> b <style>p{}</style>c"), "a b c");
  assert.equal(htmlToText("x &lt;b&gt; y"), "x <b> y", "escaped text is text, not markup");
  assert.equal(htmlToText("<![CDATA[<b>bold</b> & more]]>"), "bold & more");
  assert.equal(htmlToText("p < 0.05 and q > 1"), "p < 0.05 and q > 1");
});

test("htmlToText stays linear on pathological input", () => {
  for (const evil of [
    "<a".repeat(200_000),
    "<!--".repeat(200_000),
    "<script>".repeat(100_000),
    `<${"a".repeat(400_000)}`,
  ]) {
    const started = Date.now();
    htmlToText(evil);
    assert.ok(Date.now() - started < 1000, `${evil.slice(0, 10)}... took ${Date.now() - started} ms`);
  }
});

test("decodeEntities handles references and leaves unknown or invalid ones safe", () => {
  assert.equal(
    decodeEntities("Ak&#x131;n G&#xfc;nay &#169; &mdash; &bogus; &#0; &#x110000;"),
    "Akın Günay © — &bogus; \uFFFD \uFFFD",
  );
});
