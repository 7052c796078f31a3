import assert from "node:assert/strict";
import fs from "node:fs";
import { test } from "node:test";
import { shared } from "../../../test/support/shared.ts";
import type { PaperInput, ParsedRecord } from "../../model/paper.ts";
import { FeedParseError } from "./errors.ts";
import { parseOaiPmh } from "./oaiPmh.ts";

const fixture = (name: string) => fs.readFileSync(shared(`fixtures/arxiv-oai/${name}`), "utf8");

function paperOf(r: ParsedRecord): PaperInput {
  assert.equal(r.kind, "paper", JSON.stringify(r));
  return (r as { paper: PaperInput }).paper;
}

const response = (verb: string, body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">
<responseDate>2024-05-06T10:00:00Z</responseDate>
<request verb="${verb}" metadataPrefix="arXivRaw">http://export.arxiv.org/oai2</request>
${body}
</OAI-PMH>`;

test("ListRecords (arXiv format): ids new and old, names, categories, dates, DOI, journal-ref", () => {
  const page = parseOaiPmh(fixture("listrecords.xml"), "listrecords.xml");
  assert.equal(page.error, null);
  assert.deepEqual(page.deleted, []);
  assert.equal(page.resumptionToken, null, "a complete list has no token");
  assert.equal(page.records.length, 2);
  const ks = paperOf(page.records[0]);
  assert.equal(ks.id, "1412.8544");
  assert.equal(ks.title, "A Kochen-Specker system has at least 22 vectors (extended abstract)");
  assert.deepEqual(ks.authors, ["Sander Uijlen", "Bas Westerbaan"]);
  assert.deepEqual(ks.categories, ["cs.DM"]);
  assert.equal(ks.comments, "In Proceedings QPL 2014, arXiv:1412.8102");
  assert.equal(ks.journalRef, "EPTCS 172, 2014, pp. 154-164");
  assert.equal(ks.doi, "10.4204/EPTCS.172.11");
  assert.equal(ks.license, "http://arxiv.org/licenses/nonexclusive-distrib/1.0/");
  assert.deepEqual(
    ks.versions,
    [{ version: 1, createdAt: "2014-12-29T00:00:00.000Z" }],
    "no <updated>: v1 only",
  );
  const paras = (ks.abstract ?? "").split("\n\n");
  assert.equal(paras.length, 2);
  assert.match(paras[0], /^At the heart of the Conway-Kochen Free Will theorem/);
  assert.match(paras[1], /^Continuing their effort, we prove a restriction/);

  const planck = paperOf(page.records[1]);
  assert.equal(planck.id, "hep-th/9504118");
  assert.equal(planck.title, "Discrete Mathematics and Physics on the Planck-Scale");
  assert.deepEqual(planck.authors, ["M. Requardt"]);
  assert.equal(planck.reportNo, "GOET-TP 101/95");
  assert.equal(planck.doi, null);
  assert.deepEqual(planck.versions, [{ version: 1, createdAt: "1995-04-24T00:00:00.000Z" }]);
  assert.match(planck.abstract ?? "", /the "strength" of the bonds/, "&quot; decoded");
});

test("GetRecord gives the same record as ListRecords", () => {
  const one = parseOaiPmh(fixture("getrecord.xml"));
  assert.equal(one.records.length, 1);
  assert.deepEqual(one.records[0], parseOaiPmh(fixture("listrecords.xml")).records[0]);
});

test("arXiv format with <updated>: the dates are kept but no version list is claimed", () => {
  const xml = response(
    "GetRecord",
    `<GetRecord><record><header><identifier>oai:arXiv.org:0704.0002</identifier><datestamp>2008-12-13</datestamp></header>
<metadata><arXiv xmlns="http://arxiv.org/OAI/arXiv/"><id>0704.0002</id><created>2007-03-30</created><updated>2008-12-13</updated>
<authors><author><keyname>Streinu</keyname><forenames>Ileana</forenames></author><author><keyname>King</keyname><forenames>Martin Luther</forenames><suffix>Jr</suffix></author></authors>
<title>Sparsity-certifying Graph Decompositions</title><categories>math.CO cs.CG</categories><abstract>We describe a new algorithm.</abstract></arXiv></metadata></record></GetRecord>`,
  );
  const p = paperOf(parseOaiPmh(xml).records[0]);
  assert.deepEqual(p.authors, ["Ileana Streinu", "Martin Luther King Jr"]);
  assert.deepEqual(p.categories, ["math.CO", "cs.CG"], "primary first, as arXiv lists them");
  assert.equal(p.versions, undefined);
  assert.equal(p.publishedAt, "2007-03-30T00:00:00.000Z");
  assert.equal(p.updatedAt, "2008-12-13T00:00:00.000Z");
});

// arXivRaw as the arXiv OAI schema describes it: every version with its date, authors as one string.
const ARXIV_RAW = response(
  "ListRecords",
  `<ListRecords>
<record><header><identifier>oai:arXiv.org:0704.0001</identifier><datestamp>2008-11-13</datestamp><setSpec>physics:hep-ph</setSpec></header>
<metadata><arXivRaw xmlns="http://arxiv.org/OAI/arXivRaw/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://arxiv.org/OAI/arXivRaw/ http://arxiv.org/OAI/arXivRaw.xsd">
<id>0704.0001</id><submitter>Pavel Nadolsky</submitter>
<version version="v1"><date>Mon, 2 Apr 2007 19:18:42 GMT</date><size>37kb</size><source_type>D</source_type></version>
<version version="v2"><date>Tue, 24 Jul 2007 20:10:27 GMT</date><size>37kb</size><source_type>D</source_type></version>
<title>Calculation of prompt diphoton production cross sections at Tevatron and
  LHC energies</title>
<authors>C. Bal\\'azs, E. L. Berger, P. M. Nadolsky, C.-P. Yuan</authors>
<categories>hep-ph</categories><comments>37 pages, 15 figures; published version</comments>
<report-no>ANL-HEP-PR-07-12</report-no><journal-ref>Phys.Rev.D76:013009,2007</journal-ref>
<doi>10.1103/PhysRevD.76.013009</doi><license>http://arxiv.org/licenses/nonexclusive-distrib/1.0/</license>
<abstract>  A fully differential calculation in perturbative quantum chromodynamics is
presented for the production of massive photon pairs at hadron colliders.
</abstract></arXivRaw></metadata></record>
<record><header status="deleted"><identifier>oai:arXiv.org:cond-mat/0102536</identifier><datestamp>2008-11-13</datestamp><setSpec>physics:cond-mat</setSpec></header></record>
<record><header><identifier>oai:arXiv.org:math/0510097</identifier><datestamp>2008-11-13</datestamp></header>
<metadata><arXivRaw xmlns="http://arxiv.org/OAI/arXivRaw/"><id>math/0510097</id><submitter>Ada Example</submitter>
<version version="v3"><date>Fri, 10 Feb 2006 12:00:00 GMT</date></version>
<version version="v1"><date>Wed, 5 Oct 2005 09:30:00 GMT</date></version>
<version version="v2"><date>Thu, 1 Dec 2005 16:45:10 GMT</date></version>
<title>On a conjecture</title><authors>Ada Example and Bob Sample</authors>
<categories>math.GT math.AG</categories><abstract>Short.</abstract></arXivRaw></metadata></record>
<resumptionToken cursor="0" completeListSize="26312">6960524|1001</resumptionToken>
</ListRecords>`,
);

test("arXivRaw: full version history, submitter, authors from one string; deleted records listed apart", () => {
  const page = parseOaiPmh(ARXIV_RAW, "oai-page");
  assert.equal(page.records.length, 2);
  assert.deepEqual(page.deleted, ["cond-mat/0102536"]);
  const diphoton = paperOf(page.records[0]);
  assert.equal(diphoton.id, "0704.0001");
  assert.equal(
    diphoton.title,
    "Calculation of prompt diphoton production cross sections at Tevatron and LHC energies",
  );
  assert.deepEqual(diphoton.authors, ["C. Bal\\'azs", "E. L. Berger", "P. M. Nadolsky", "C.-P. Yuan"]);
  assert.equal(diphoton.submitter, "Pavel Nadolsky");
  assert.deepEqual(diphoton.versions, [
    { version: 1, createdAt: "2007-04-02T19:18:42.000Z" },
    { version: 2, createdAt: "2007-07-24T20:10:27.000Z" },
  ]);
  assert.equal(diphoton.journalRef, "Phys.Rev.D76:013009,2007");
  assert.equal(diphoton.doi, "10.1103/PhysRevD.76.013009");
  assert.equal(diphoton.reportNo, "ANL-HEP-PR-07-12");
  assert.equal(diphoton.comments, "37 pages, 15 figures; published version");

  const conjecture = paperOf(page.records[1]);
  assert.equal(conjecture.id, "math/0510097");
  assert.deepEqual(conjecture.authors, ["Ada Example", "Bob Sample"]);
  assert.deepEqual(
    conjecture.versions?.map((v) => v.version),
    [1, 2, 3],
    "sorted by number whatever the document order",
  );
  assert.deepEqual(conjecture.categories, ["math.GT", "math.AG"]);
});

test("resumption token with its list size and cursor; an empty token element ends the list", () => {
  const page = parseOaiPmh(ARXIV_RAW);
  assert.equal(page.resumptionToken, "6960524|1001");
  assert.equal(page.completeListSize, 26312);
  assert.equal(page.cursor, 0);
  const last = parseOaiPmh(
    ARXIV_RAW.replace(
      `<resumptionToken cursor="0" completeListSize="26312">6960524|1001</resumptionToken>`,
      `<resumptionToken cursor="26000" completeListSize="26312"/>`,
    ),
  );
  assert.equal(last.resumptionToken, null);
  assert.equal(last.completeListSize, 26312);
  assert.equal(last.cursor, 26000);
});

test("noRecordsMatch and other protocol errors are returned, not thrown", () => {
  const none = parseOaiPmh(response("ListRecords", `<error code="noRecordsMatch">No records match</error>`));
  assert.deepEqual(none.error, { code: "noRecordsMatch", message: "No records match" });
  assert.deepEqual(none.records, []);
  assert.equal(none.resumptionToken, null);
  const bad = parseOaiPmh(
    response("ListRecords", `<error code="badResumptionToken">Bad resumption token: 123|1001</error>`),
  );
  assert.deepEqual(bad.error, { code: "badResumptionToken", message: "Bad resumption token: 123|1001" });
});

test("records in a format this parser does not read, or without an id, are rejected one by one", () => {
  const xml = response(
    "ListRecords",
    `<ListRecords>
<record><header><identifier>oai:arXiv.org:0704.0003</identifier></header><metadata><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"/></metadata></record>
<record><header><identifier>oai:example.org:42</identifier></header><metadata><arXiv xmlns="http://arxiv.org/OAI/arXiv/"><title>No id</title></arXiv></metadata></record>
</ListRecords>`,
  );
  assert.deepEqual(parseOaiPmh(xml, "p").records, [
    { kind: "rejected", where: "p[0]", reason: "unsupported metadata format oai_dc:dc" },
    { kind: "rejected", where: "p[1]", reason: 'missing or invalid arXiv id "oai:example.org:42"' },
  ]);
});

test("the HTML body of arXiv's 503 Retry-After answer is a FeedParseError", () => {
  assert.throws(
    () => parseOaiPmh(fixture("listrecords-status503.xml"), "listrecords-status503.xml"),
    (e: unknown) =>
      e instanceof FeedParseError &&
      e.source === "listrecords-status503.xml" &&
      e.reason === 'expected an OAI-PMH response, got <html> ("Retry after 10 seconds")',
  );
});

test("other OAI-PMH verbs parse to empty pages", () => {
  for (const name of ["identify.xml", "listsets.xml", "listmetadataformats.xml"]) {
    const page = parseOaiPmh(fixture(name));
    assert.deepEqual([page.records, page.deleted, page.error], [[], [], null], name);
  }
});
