import assert from "node:assert/strict";
import fs from "node:fs";
import { test } from "node:test";
import { shared } from "../../../test/support/shared.ts";
import type { PaperInput, ParsedRecord } from "../../model/paper.ts";
import { parseArxivAtom } from "./arxivAtom.ts";
import { FeedParseError } from "./errors.ts";

const fixture = (name: string) => fs.readFileSync(shared(`fixtures/arxiv-api/${name}`), "utf8");

function papers(records: ParsedRecord[]): PaperInput[] {
  return records.map((r) => {
    assert.equal(r.kind, "paper", JSON.stringify(r));
    return (r as { paper: PaperInput }).paper;
  });
}

test("current response: paging counts and every entry's metadata", () => {
  const page = parseArxivAtom(fixture("query-transformer.xml"));
  assert.equal(page.totalResults, 28946);
  assert.equal(page.startIndex, 0);
  assert.equal(page.itemsPerPage, 5);
  const ps = papers(page.records);
  assert.deepEqual(
    ps.map((p) => p.id),
    ["2606.13677", "2606.13591", "2606.13568", "2606.13515", "2606.13501"],
  );
  const mana = ps[0];
  assert.equal(mana.title, "Mana: Dexterous Manipulation of Articulated Tools");
  assert.deepEqual(mana.authors, ["Zhao-Heng Yin", "Guanya Shi", "Pieter Abbeel", "C. Karen Liu"]);
  assert.deepEqual(mana.categories, ["cs.RO", "cs.AI", "cs.CV", "cs.LG"]);
  assert.equal(mana.comments, "Project Page: https://zhaohengyin.github.io/mana");
  assert.equal(mana.doi, null);
  assert.equal(mana.journalRef, null);
  assert.deepEqual(mana.versions, [{ version: 1, createdAt: "2026-06-11T17:59:49.000Z" }]);
  assert.equal(mana.publishedAt, "2026-06-11T17:59:49.000Z");
  assert.match(mana.abstract ?? "", /^Articulated tool manipulation remains/);
  assert.match(mana.abstract ?? "", /\(<1 minute per tool\)/, "&lt; is decoded");
});

test("the primary category comes first even when the feed lists it later", () => {
  const ps = papers(parseArxivAtom(fixture("query-transformer.xml")).records);
  assert.deepEqual(ps[4].categories, ["cs.DC", "cs.LG", "cs.PF"]);
  assert.equal(ps[2].comments, null, "no arxiv:comment");
  const xml = `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom"><entry>
    <id>http://arxiv.org/abs/2501.00001v1</id><title>T</title>
    <category term="cs.AI"/><category term="cs.LG"/><category term="stat.ML"/>
    <arxiv:primary_category term="stat.ML"/></entry></feed>`;
  assert.deepEqual(papers(parseArxivAtom(xml).records)[0].categories, ["stat.ML", "cs.AI", "cs.LG"]);
});

test("abstract paragraphs survive: arXiv starts a new one with an indented line", () => {
  const gfDit = papers(parseArxivAtom(fixture("query-transformer.xml")).records)[4];
  const paras = (gfDit.abstract ?? "").split("\n\n");
  assert.equal(paras.length, 3);
  assert.match(paras[2], /^We implement GF-DiT in vLLM-Omni/);
});

test("older layout: wrapped title and summary, namespaces declared per element", () => {
  const page = parseArxivAtom(fixture("query-legacy.xml"), "legacy");
  assert.equal(page.totalResults, 5619);
  assert.equal(page.itemsPerPage, 2);
  const [rdd, flow] = papers(page.records);
  assert.equal(rdd.id, "2510.14968");
  assert.equal(
    rdd.title,
    "RDD: Retrieval-Based Demonstration Decomposer for Planner Alignment in Long-Horizon Tasks",
  );
  assert.deepEqual(rdd.authors, ["Mingxuan Yan", "Yuping Wang", "Zechun Liu", "Jiachen Li"]);
  assert.deepEqual(rdd.categories, ["cs.RO", "cs.AI", "cs.CV", "cs.LG", "cs.SY", "eess.SY"]);
  assert.equal(
    rdd.comments,
    "39th Conference on Neural Information Processing Systems (NeurIPS 2025); Project Website: rdd-neurips.github.io",
  );
  assert.ok(!(rdd.abstract ?? "").includes("\n"), "one paragraph, wrapping joined");
  assert.match(
    rdd.abstract ?? "",
    /^To tackle long-horizon tasks, recent hierarchical vision-language-action \(VLAs\)/,
  );
  assert.equal(flow.id, "2510.14827");
  assert.equal(flow.authors?.length, 6);
  assert.deepEqual(flow.categories, ["cs.RO"]);
});

test("an empty result is a page with no records, not an error", () => {
  const page = parseArxivAtom(fixture("query-empty.xml"));
  assert.deepEqual(page, { records: [], totalResults: 0, startIndex: 0, itemsPerPage: 10 });
});

// Shaped like an API entry for an old-style id at v3 with journal reference and DOI.
const OLD_STYLE = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">1</opensearch:totalResults>
  <entry>
    <id>http://arxiv.org/abs/hep-th/9711200v3</id>
    <updated>1998-01-22T21:14:44Z</updated>
    <published>1997-11-27T20:25:53Z</published>
    <title>The Large N Limit of Superconformal Field Theories and Supergravity</title>
    <summary>  We show that the large N limit of certain conformal field theories in
various dimensions include in their Hilbert space a sector describing
supergravity on the product of Anti-deSitter spacetimes, spheres and other
compact manifolds.
</summary>
    <author><name>Juan M. Maldacena</name><arxiv:affiliation xmlns:arxiv="http://arxiv.org/schemas/atom">Harvard</arxiv:affiliation></author>
    <arxiv:doi xmlns:arxiv="http://arxiv.org/schemas/atom">10.1023/A:1026654312961</arxiv:doi>
    <link title="doi" href="http://dx.doi.org/10.1023/A:1026654312961" rel="related"/>
    <arxiv:comment xmlns:arxiv="http://arxiv.org/schemas/atom">20 pages, harvmac, v2: section on
  open strings added</arxiv:comment>
    <arxiv:journal_ref xmlns:arxiv="http://arxiv.org/schemas/atom">Adv.Theor.Math.Phys.2:231-252,1998</arxiv:journal_ref>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="hep-th" scheme="http://arxiv.org/schemas/atom"/>
    <category term="hep-th" scheme="http://arxiv.org/schemas/atom"/>
  </entry>
</feed>`;

test("old-style id, version stripped; v1 and latest version dated; DOI and journal-ref", () => {
  const [p] = papers(parseArxivAtom(OLD_STYLE).records);
  assert.equal(p.id, "hep-th/9711200");
  assert.deepEqual(p.versions, [
    { version: 1, createdAt: "1997-11-27T20:25:53.000Z" },
    { version: 3, createdAt: "1998-01-22T21:14:44.000Z" },
  ]);
  assert.equal(p.publishedAt, "1997-11-27T20:25:53.000Z");
  assert.equal(p.updatedAt, "1998-01-22T21:14:44.000Z");
  assert.equal(p.doi, "10.1023/A:1026654312961");
  assert.equal(p.journalRef, "Adv.Theor.Math.Phys.2:231-252,1998");
  assert.equal(p.comments, "20 pages, harvmac, v2: section on open strings added");
  assert.deepEqual(p.authors, ["Juan M. Maldacena"]);
  assert.deepEqual(p.categories, ["hep-th"]);
});

test("an id without version gives dates but no version list", () => {
  const xml = OLD_STYLE.replace("hep-th/9711200v3", "hep-th/9711200");
  const [p] = papers(parseArxivAtom(xml).records);
  assert.deepEqual(p.versions, []);
  assert.equal(p.publishedAt, "1997-11-27T20:25:53.000Z");
  assert.equal(p.updatedAt, "1998-01-22T21:14:44.000Z");
});

test("a bad entry is rejected with where and why; the others still parse", () => {
  const xml = `<feed xmlns="http://www.w3.org/2005/Atom">
    <entry><id>http://arxiv.org/abs/2501.00001v1</id><title>Good</title></entry>
    <entry><id>not-an-id</id><title>No id</title></entry>
    <entry><id>http://arxiv.org/abs/2501.00003v2</id><title>  </title></entry>
  </feed>`;
  const records = parseArxivAtom(xml, "api-page").records;
  assert.equal(records[0].kind, "paper");
  assert.deepEqual(records[1], {
    kind: "rejected",
    where: "api-page[1]",
    reason: 'missing or invalid arXiv id "not-an-id"',
  });
  assert.deepEqual(records[2], {
    kind: "rejected",
    where: "api-page[2] (2501.00003)",
    reason: "missing title",
  });
});

// The error feed as documented in the arXiv API user manual.
const API_ERROR = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">
  <link xmlns="http://www.w3.org/2005/Atom" href="http://arxiv.org/api/query?search_query=&amp;id_list=1234.12345" rel="self" type="application/atom+xml"/>
  <title xmlns="http://www.w3.org/2005/Atom">ArXiv Query: search_query=&amp;id_list=1234.12345</title>
  <id xmlns="http://www.w3.org/2005/Atom">http://arxiv.org/api/kvuntZ8c9a4Eq5CF7KY03nMug+Q</id>
  <updated xmlns="http://www.w3.org/2005/Atom">2007-10-12T00:00:00-04:00</updated>
  <opensearch:totalResults>1</opensearch:totalResults>
  <opensearch:startIndex>0</opensearch:startIndex>
  <opensearch:itemsPerPage>1</opensearch:itemsPerPage>
  <entry xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
    <id>http://arxiv.org/api/errors#incorrect_id_format_for_1234.12345</id>
    <title>Error</title>
    <summary>incorrect id format for 1234.12345</summary>
    <updated>2007-10-12T00:00:00-04:00</updated>
    <link href="http://arxiv.org/api/errors#incorrect_id_format_for_1234.12345" rel="alternate" type="text/html"/>
    <author><name>arXiv api core</name></author>
  </entry>
</feed>`;

test("the API's error feed is a FeedParseError carrying arXiv's message", () => {
  assert.throws(
    () => parseArxivAtom(API_ERROR, "https://export.arxiv.org/api/query?id_list=1234.12345"),
    (e: unknown) =>
      e instanceof FeedParseError &&
      e.reason === "arXiv API error: incorrect id format for 1234.12345" &&
      e.source === "https://export.arxiv.org/api/query?id_list=1234.12345",
  );
});

test("a document that is not an Atom feed is a FeedParseError", () => {
  assert.throws(() => parseArxivAtom("<html><body>Service Unavailable</body></html>"), FeedParseError);
  assert.throws(() => parseArxivAtom(fixture("query-empty.xml").slice(0, 200)), FeedParseError, "truncated");
  assert.throws(
    () => parseArxivAtom(`<rss version="2.0"><channel/></rss>`),
    /expected an Atom <feed>, got <rss>/,
  );
});
