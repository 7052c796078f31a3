import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import { shared } from "../../../test/support/shared.ts";
import type { ParsedRecord } from "../../model/paper.ts";
import { detectFormat, FORMATS, isFormat, readRecords, sniffFormat } from "./index.ts";

async function collect(gen: AsyncIterable<ParsedRecord>): Promise<ParsedRecord[]> {
  const out: ParsedRecord[] = [];
  for await (const r of gen) out.push(r);
  return out;
}

test("the format list and its guard", () => {
  assert.deepEqual(
    [...FORMATS],
    ["arxiv-snapshot", "arxiv-api", "arxiv-oai", "arxiv-rss", "daily-papers", "beir"],
  );
  assert.ok(isFormat("beir"));
  assert.ok(!isFormat("csv"));
});

test("every shared data file and fixture is recognised from its content", async () => {
  const expected: [string, string | null][] = [
    ["data/arxiv-sample.jsonl.gz", "arxiv-snapshot"],
    ["data/scifact/corpus.jsonl", "beir"],
    ["data/scifact/queries.train.jsonl", null],
    ["fixtures/arxiv-api/query-transformer.xml", "arxiv-api"],
    ["fixtures/arxiv-api/query-legacy.xml", "arxiv-api"],
    ["fixtures/arxiv-api/query-empty.xml", "arxiv-api"],
    ["fixtures/arxiv-oai/listrecords.xml", "arxiv-oai"],
    ["fixtures/arxiv-oai/getrecord.xml", "arxiv-oai"],
    ["fixtures/arxiv-oai/listrecords-status503.xml", null],
    ["fixtures/arxiv-rss/cs.AI-2017.xml", "arxiv-rss"],
    ["fixtures/hf/daily_papers.json", "daily-papers"],
  ];
  for (const [file, format] of expected) assert.equal(await detectFormat(shared(file)), format, file);
});

test("sniffing current listing feeds, and names breaking ties", () => {
  const rss2 = `<?xml version='1.0' encoding='UTF-8'?>\n<rss xmlns:arxiv="http://arxiv.org/schemas/atom" version="2.0"><channel>`;
  const atomListing = `<?xml version='1.0' encoding='UTF-8'?>\n<feed xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">\n  <id>http://rss.arxiv.org/atom/cs.CL</id>`;
  const bareAtom = `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom"><entry>`;
  assert.equal(sniffFormat(rss2), "arxiv-rss");
  assert.equal(sniffFormat(atomListing), "arxiv-rss");
  assert.equal(sniffFormat(bareAtom, "query.xml"), "arxiv-api");
  assert.equal(sniffFormat(bareAtom, "cs.CL-listing.xml"), "arxiv-rss");
  assert.equal(
    sniffFormat(`\uFEFF<!-- x --><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">`),
    "arxiv-oai",
  );
  assert.equal(sniffFormat(`<!DOCTYPE html><html>`), null);
  // A first line longer than the 4 KB window: keys in the text, else the name decides.
  const longBeir = `{"_id": "1", "title": "T", "text": "${"x".repeat(5000)}`.slice(0, 4096);
  assert.equal(sniffFormat(longBeir, "anything.jsonl"), "beir");
  assert.equal(sniffFormat(`{"x": "${"y".repeat(5000)}`.slice(0, 4096), "snapshot.jsonl"), "arxiv-snapshot");
  assert.equal(sniffFormat(`{"x": "${"y".repeat(5000)}`.slice(0, 4096), "notes.txt"), null);
  assert.equal(sniffFormat(""), null);
});

test("a gzipped document is sniffed through the compression", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "papertide-detect-"));
  try {
    const file = path.join(dir, "corpus.bin");
    fs.writeFileSync(file, gzipSync(fs.readFileSync(shared("data/scifact/corpus.jsonl"))));
    assert.equal(await detectFormat(file), "beir");
    const feed = path.join(dir, "feed.xml.gz");
    fs.writeFileSync(feed, gzipSync(fs.readFileSync(shared("fixtures/arxiv-rss/cs.AI-2017.xml"))));
    assert.equal(await detectFormat(feed), "arxiv-rss");
    const records = await collect(readRecords(feed, "arxiv-rss"));
    assert.equal(records.length, 15, "and read through it");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("readRecords reads each XML format", async () => {
  const kinds = async (file: string, format: Parameters<typeof readRecords>[1]) =>
    (await collect(readRecords(shared(file), format))).map((r) => r.kind);
  assert.deepEqual(
    await kinds("fixtures/arxiv-api/query-transformer.xml", "arxiv-api"),
    Array(5).fill("paper"),
  );
  assert.deepEqual(await kinds("fixtures/arxiv-oai/listrecords.xml", "arxiv-oai"), ["paper", "paper"]);
  assert.deepEqual(await kinds("fixtures/arxiv-rss/cs.AI-2017.xml", "arxiv-rss"), Array(15).fill("paper"));
});

test("an unusable document becomes one rejected record naming the file", async () => {
  const file = shared("fixtures/arxiv-oai/listrecords-status503.xml");
  const records = await collect(readRecords(file, "arxiv-oai"));
  assert.deepEqual(records, [
    {
      kind: "rejected",
      where: file,
      reason: 'expected an OAI-PMH response, got <html> ("Retry after 10 seconds")',
    },
  ]);
  const wrongFormat = await collect(readRecords(shared("fixtures/arxiv-rss/cs.AI-2017.xml"), "arxiv-api"));
  assert.equal(wrongFormat.length, 1);
  assert.equal(wrongFormat[0].kind, "rejected");
});

test("OAI-PMH: noRecordsMatch imports nothing quietly, other protocol errors are reported", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "papertide-oai-"));
  const page = (error: string) =>
    `<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2024-01-01T00:00:00Z</responseDate>${error}</OAI-PMH>`;
  try {
    const none = path.join(dir, "none.xml");
    fs.writeFileSync(none, page(`<error code="noRecordsMatch">No records match</error>`));
    assert.deepEqual(await collect(readRecords(none, "arxiv-oai")), []);
    const bad = path.join(dir, "bad.xml");
    fs.writeFileSync(bad, page(`<error code="badArgument">Illegal argument</error>`));
    assert.deepEqual(await collect(readRecords(bad, "arxiv-oai")), [
      { kind: "rejected", where: bad, reason: "OAI-PMH error badArgument: Illegal argument" },
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
