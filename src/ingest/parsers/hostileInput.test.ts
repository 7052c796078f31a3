// Feeds come from the network: whatever arrives, a parser either returns a result or throws
// FeedParseError. Any other exception would crash an import or a sync instead of being reported.
import assert from "node:assert/strict";
import fs from "node:fs";
import { test } from "node:test";
import fc from "fast-check";
import { shared } from "../../../test/support/shared.ts";
import type { ParsedRecord } from "../../model/paper.ts";
import { parseArxivAtom } from "./arxivAtom.ts";
import { parseArxivListing } from "./arxivListing.ts";
import { FeedParseError } from "./errors.ts";
import { parseOaiPmh } from "./oaiPmh.ts";

const fixture = (p: string) => fs.readFileSync(shared(`fixtures/${p}`), "utf8");
const FIXTURES = [
  fixture("arxiv-api/query-transformer.xml"),
  fixture("arxiv-api/query-legacy.xml"),
  fixture("arxiv-oai/listrecords.xml"),
  fixture("arxiv-rss/cs.AI-2017.xml"),
];

const PARSERS: [string, (xml: string) => { records: ParsedRecord[] }][] = [
  ["parseArxivAtom", (xml) => parseArxivAtom(xml, "fuzz")],
  ["parseOaiPmh", (xml) => parseOaiPmh(xml, "fuzz")],
  ["parseArxivListing", (xml) => parseArxivListing(xml, "fuzz")],
];

/** Fragments of every layout, so generated documents get past the first character. */
const TOKENS = [
  '<?xml version="1.0"?>',
  '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">',
  "</feed>",
  "<entry>",
  "</entry>",
  "<id>",
  "</id>",
  "http://arxiv.org/abs/2501.00001v2",
  "<OAI-PMH>",
  "</OAI-PMH>",
  "<record>",
  '<header status="deleted">',
  '<rss version="2.0">',
  "<item>",
  "<description>",
  "&amp;",
  "&#x110000;",
  "&bogus;",
  "<![CDATA[<b>x</b> & y]]>",
  "<!-- note -->",
  '<!DOCTYPE x [<!ENTITY e "v">]>',
  "&e;",
  "<__proto__>",
  "<constructor/>",
  "text",
  "<",
  ">",
  '"',
];
const soup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((parts) => parts.join(""));

// Well-formed documents built from the element names, attributes and texts the parsers look
// for, nested at random: these get past the XML layer and exercise the record code.
const NAMES = [
  "entry",
  "id",
  "title",
  "summary",
  "author",
  "name",
  "category",
  "arxiv:primary_category",
  "arxiv:doi",
  "arxiv:comment",
  "published",
  "updated",
  "opensearch:totalResults",
  "ListRecords",
  "GetRecord",
  "record",
  "header",
  "identifier",
  "metadata",
  "arXiv",
  "arXivRaw",
  "version",
  "date",
  "authors",
  "keyname",
  "forenames",
  "created",
  "categories",
  "abstract",
  "resumptionToken",
  "error",
  "channel",
  "item",
  "description",
  "dc:creator",
  "dc:date",
  "pubDate",
  "guid",
  "link",
  "arxiv:announce_type",
  "a",
  "p",
];
const ATTRS = [
  'term="cs.AI"',
  'status="deleted"',
  'version="v2"',
  'version="vx"',
  'code="noRecordsMatch"',
  'cursor="3"',
  'completeListSize="-1"',
  'rel="self"',
  'href="http://rss.arxiv.org/rss/cs.AI"',
  'type="html"',
  'rdf:about="http://arxiv.org/abs/1708.02940"',
];
const TEXTS = [
  "http://arxiv.org/abs/2501.00001v2",
  "oai:arXiv.org:hep-th/9504118v1",
  "2501.01234",
  "cs.AI cs.LG",
  "Title. (arXiv:1708.02940v1 [cs.CY] UPDATED)",
  "T (arXiv:1708.02940v1 [cs.CY])",
  "arXiv:2501.01234v1 Announce Type: new \nAbstract: x",
  "new",
  "cross",
  "replace",
  "replace-cross",
  "2025-01-13T00:00:00-05:00",
  "Mon, 2 Apr 2007 19:18:42 GMT",
  "A, B and C",
  "cs.AI updates on arXiv.org",
  "&amp; &lt;b&gt; &#233;",
  "<![CDATA[<p>x</p>]]>",
  "  ",
  "http://arxiv.org/api/errors#x",
  "99999999999999999999",
];
const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const { element } = fc.letrec((tie) => ({
  node: fc.oneof({ maxDepth: 5, depthSize: "small" }, tie("text"), tie("element")),
  text: fc.oneof(fc.constantFrom(...TEXTS), fc.string({ maxLength: 12 }).map(escapeXml)),
  element: fc
    .tuple(
      fc.constantFrom(...NAMES),
      fc.subarray(ATTRS, { maxLength: 2 }),
      fc.array(tie("node"), { maxLength: 5 }),
    )
    .map(([name, attrs, kids]) => `<${name}${attrs.map((a) => ` ${a}`).join("")}>${kids.join("")}</${name}>`),
}));
const NS = [
  'xmlns:arxiv="http://arxiv.org/schemas/atom"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"',
  'xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/"',
].join(" ");
/** A valid record of each layout with random elements mixed into it. */
const RECORDS: ((extra: string) => string)[] = [
  (x) => `<entry><id>http://arxiv.org/abs/2501.00001v2</id><title>T</title>${x}</entry>`,
  (x) =>
    `<ListRecords><record><header><identifier>oai:arXiv.org:2501.00001</identifier></header><metadata><arXivRaw><id>2501.00001</id><title>T</title>${x}</arXivRaw></metadata></record></ListRecords>`,
  (x) =>
    `<ListRecords><record><metadata><arXiv><id>hep-th/9504118</id><title>T</title>${x}</arXiv></metadata></record></ListRecords>`,
  (x) =>
    `<channel><pubDate>Mon, 13 Jan 2025 00:00:00 -0500</pubDate><item><guid>oai:arXiv.org:2501.00001v1</guid><title>T</title>${x}</item></channel>`,
  (x) => `<item><title>T. (arXiv:1708.02940v1 [cs.CY])</title>${x}</item>`,
];
const record = fc
  .tuple(fc.constantFrom(...RECORDS), fc.array(element, { maxLength: 4 }))
  .map(([make, extra]) => make(extra.join("")));
const wellFormed = fc
  .tuple(
    fc.constantFrom("feed", "OAI-PMH", "rss", "rdf:RDF", "html"),
    fc.array(fc.oneof(element, record), { maxLength: 6 }),
  )
  .map(([root, kids]) => `<${root} ${NS}>${kids.join("")}</${root}>`);

/** A real document with one stretch replaced: truncations, deletions, spliced-in garbage. */
const mutated = fc
  .tuple(
    fc.constantFrom(...FIXTURES),
    fc.nat(),
    fc.nat({ max: 400 }),
    fc.oneof(fc.string({ maxLength: 20 }), soup),
  )
  .map(([doc, at, cut, insert]) => {
    const pos = at % (doc.length + 1);
    return doc.slice(0, pos) + insert + doc.slice(pos + cut);
  });
const anyInput = fc.oneof(fc.string({ unit: "binary", maxLength: 300 }), soup, wellFormed, mutated);

test("XML parsers return or throw FeedParseError on any input, never anything else", {
  timeout: 120_000,
}, () => {
  fc.assert(
    fc.property(anyInput, (input) => {
      for (const [name, parse] of PARSERS) {
        let result: { records: ParsedRecord[] } | undefined;
        try {
          result = parse(input);
        } catch (e) {
          assert.ok(
            e instanceof FeedParseError,
            `${name} threw ${(e as Error)?.name}: ${(e as Error)?.message}`,
          );
          continue;
        }
        assert.ok(Array.isArray(result.records), name);
        for (const r of result.records) {
          assert.ok(
            r.kind === "rejected" || (r.kind === "paper" && typeof r.paper.id === "string" && r.paper.id),
            name,
          );
        }
      }
    }),
    { numRuns: 2000 },
  );
});

test("each fixture survives being cut at every 97th character", { timeout: 60_000 }, () => {
  for (const doc of FIXTURES) {
    for (let at = 0; at < doc.length; at += 97) {
      for (const [name, parse] of PARSERS) {
        try {
          parse(doc.slice(0, at));
        } catch (e) {
          assert.ok(e instanceof FeedParseError, `${name} at ${at}: ${(e as Error)?.message}`);
        }
      }
    }
  }
});
