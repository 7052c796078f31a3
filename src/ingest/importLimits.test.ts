// Hostile import files: oversized fields and lines, gzip bombs and malformed fields are rejected
// with their reason while the good records around them are stored.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import type { Kysely } from "kysely";
import { withTempStore } from "../../test/support/tempStore.ts";
import type { ParsedRecord } from "../model/paper.ts";
import { SearchState } from "../search/state.ts";
import { getPaper } from "../store/papers.ts";
import type { Database } from "../store/schema.ts";
import { importRecords, type Rejection } from "./importer.ts";
import { DEFAULT_STREAM_LIMITS } from "./limits.ts";
import { parseArxivAtom } from "./parsers/arxivAtom.ts";
import { parseDailyPapersJson } from "./parsers/dailyPapersJson.ts";
import { readRecords } from "./parsers/index.ts";
import { parseOaiPmh } from "./parsers/oaiPmh.ts";

function good(n: number): Record<string, unknown> {
  const id = `2501.${String(n).padStart(5, "0")}`;
  return {
    id,
    title: `Paper ${n}`,
    abstract: `Abstract of paper ${n}.`,
    authors: "A. Author, B. Author",
    categories: "cs.LG stat.ML",
    versions: [{ version: "v1", created: "Mon, 6 Jan 2025 00:00:00 GMT" }],
  };
}
const line = (o: Record<string, unknown>) => JSON.stringify(o);

async function stored(db: Kysely<Database>, ids: number[]): Promise<void> {
  for (const n of ids) {
    const id = `2501.${String(n).padStart(5, "0")}`;
    assert.equal((await getPaper(db, id))?.title, `Paper ${n}`, `${id} is stored`);
  }
}

test("a 50 MB abstract and a 2 MB title are rejected with their size; the records around them import", () =>
  withTempStore(async ({ db }, dir) => {
    const file = path.join(dir, "huge.jsonl");
    fs.writeFileSync(
      file,
      [
        line(good(1)),
        line({ ...good(2), abstract: "word ".repeat(10_000_000) }),
        line(good(3)),
        line({ ...good(4), title: "t".repeat(2_000_000) }),
        line(good(5)),
        "",
      ].join("\n"),
    );
    const rejections: Rejection[] = [];
    const summary = await importRecords(new SearchState(db), readRecords(file, "arxiv-snapshot"), {
      onReject: (r) => rejections.push(r),
    });
    assert.equal(summary.new, 3);
    assert.equal(summary.rejected, 2);
    await stored(db, [1, 3, 5]);
    assert.equal(await getPaper(db, "2501.00002"), null);
    assert.equal(await getPaper(db, "2501.00004"), null);
    const [abstract, title] = rejections;
    // The 50 MB line is over the line limit: skipped while streaming, named by line and id.
    assert.match(abstract.where, /huge\.jsonl:2 \(2501\.00002\)$/);
    assert.match(abstract.reason, /line is 50,000,\d{3} bytes, over the limit of [\d,]+ bytes/);
    assert.match(title.where, /huge\.jsonl:4 \(2501\.00004\)$/);
    assert.match(title.reason, /^title is 2,000,000 characters, over the limit of [\d,]+/);
  }));

test("a gzip bomb stops the import with a clear error and keeps what was stored before it", () =>
  withTempStore(async ({ db }, dir) => {
    // Gzip members may be concatenated: one compressed MiB of "a", repeated, inflates to a
    // single line of 640 MiB from a file of under 1 MB.
    const mib = gzipSync(Buffer.alloc(1 << 20, "a"), { level: 9 });
    const parts = [gzipSync(`${line(good(1))}\n${line(good(2))}\n{"id":"2501.00003","abstract":"`)];
    for (let i = 0; i < 640; i++) parts.push(mib);
    parts.push(gzipSync(`"}\n${line(good(4))}\n`));
    const file = path.join(dir, "bomb.jsonl.gz");
    fs.writeFileSync(file, Buffer.concat(parts));
    assert.ok(fs.statSync(file).size < 1_000_000);
    await assert.rejects(
      importRecords(new SearchState(db), readRecords(file, "arxiv-snapshot")),
      (e: Error) => {
        assert.equal(e.name, "InputLimitError");
        assert.match(e.message, /bomb\.jsonl\.gz: .*decompress/);
        assert.match(e.message, /PAPERTIDE_IMPORT_MAX_RATIO/);
        return true;
      },
    );
    await stored(db, [1, 2]);
  }));

test("malformed fields are rejected with the field and why, never coerced", () =>
  withTempStore(async ({ db }, dir) => {
    const file = path.join(dir, "malformed.jsonl");
    const bad: Record<string, unknown>[] = [
      { ...good(2), categories: ["cs.LG"] },
      { ...good(3), categories: "cs.LG\u0000 cs.AI" },
      { ...good(4), categories: "not a category!" },
      { ...good(5), categories: "" },
      { ...good(6), versions: "nope" },
      { ...good(7), versions: [{ version: "v1", created: "nope" }] },
      { ...good(8), title: "Null\u0000byte" },
      { ...good(9), abstract: "Escape \u001b[31m red" },
      { ...good(10), authors_parsed: [1, 2] },
      { ...good(11), comments: 42 },
    ];
    fs.writeFileSync(file, `${[line(good(1)), ...bad.map(line), line(good(12))].join("\n")}\n`);
    const rejections: Rejection[] = [];
    const summary = await importRecords(new SearchState(db), readRecords(file, "arxiv-snapshot"), {
      onReject: (r) => rejections.push(r),
    });
    assert.equal(summary.new, 2, JSON.stringify(rejections));
    assert.equal(summary.rejected, bad.length);
    await stored(db, [1, 12]);
    const reasons = rejections.map((r) => `${r.where}: ${r.reason}`);
    const expected = [
      /:2 \(2501\.00002\): categories: expected a string of arXiv categories/,
      /:3 \(2501\.00003\): categories: control character \\u0000/,
      /:4 \(2501\.00004\): categories: "not" is not an arXiv category/,
      /:5 \(2501\.00005\): categories: empty/,
      /:6 \(2501\.00006\): versions: expected a list/,
      /:7 \(2501\.00007\): versions\[0\]: created "nope" is not a date/,
      /:8 \(2501\.00008\): title: control character \\u0000/,
      /:9 \(2501\.00009\): abstract: control character \\u001b/,
      /:10 \(2501\.00010\): authors_parsed: expected a list of \[last, first, suffix\] name lists/,
      /:11 \(2501\.00011\): comments: expected a string/,
    ];
    assert.equal(reasons.length, expected.length, reasons.join("\n"));
    for (const [i, re] of expected.entries()) assert.match(reasons[i], re);
  }));

test("the same limits hold for every format: an oversized daily-papers title is rejected", () =>
  withTempStore(async ({ db }) => {
    const item = (id: string, title: string) => ({
      paper: {
        id,
        title,
        summary: "s",
        authors: [{ name: "A" }],
        submittedOnDailyAt: "2025-01-06T00:00:00Z",
      },
    });
    const text = JSON.stringify([
      item("2501.00001", "Fine"),
      item("2501.00002", "x".repeat(100_000)),
      { ...item("2501.00003", "Fine too"), submittedBy: { name: "curator\u001b[8m" } },
    ]);
    const rejections: Rejection[] = [];
    const summary = await importRecords(new SearchState(db), parseDailyPapersJson(text, "daily.json"), {
      onReject: (r) => rejections.push(r),
    });
    assert.equal(summary.new, 1);
    assert.equal(rejections.length, 2);
    assert.match(rejections[0].where, /^daily\.json\[1\] \(2501\.00002\)$/);
    assert.match(rejections[0].reason, /^title is 100,000 characters, over the limit of [\d,]+/);
    assert.match(rejections[1].where, /^daily\.json\[2\] \(2501\.00003\)$/);
    assert.equal(rejections[1].reason, "featured by: control character \\u001b");
  }));

test("dates and counts that do not parse reject the record in every format", () => {
  const reasons = (records: ParsedRecord[]) =>
    records.map((r) => (r.kind === "rejected" ? `${r.where}: ${r.reason}` : "paper"));
  const atom = (published: string) =>
    `<entry><id>http://arxiv.org/abs/2501.00001v1</id><title>T</title><published>${published}</published></entry>`;
  assert.deepEqual(
    reasons(
      parseArxivAtom(
        `<feed xmlns="http://www.w3.org/2005/Atom">${atom("2025-01-06T00:00:00Z")}${atom("nope")}</feed>`,
        "api",
      ).records,
    ),
    ["paper", 'api[1] (2501.00001): published: "nope" is not a date'],
  );
  const oai = (created: string) =>
    `<record><metadata><arXiv><id>2501.00001</id><title>T</title><categories>cs.LG</categories><created>${created}</created></arXiv></metadata></record>`;
  assert.deepEqual(
    reasons(
      parseOaiPmh(`<OAI-PMH><ListRecords>${oai("2025-01-06")}${oai("soon")}</ListRecords></OAI-PMH>`, "oai")
        .records,
    ),
    ["paper", 'oai[1] (2501.00001): created: "soon" is not a date'],
  );
  const daily = (paper: Record<string, unknown>) => ({
    paper: { id: "2501.00001", title: "T", submittedOnDailyAt: "2025-01-06T00:00:00Z", ...paper },
  });
  assert.deepEqual(
    reasons(
      parseDailyPapersJson(
        JSON.stringify([
          daily({ upvotes: 3, publishedAt: "2025-01-05T00:00:00Z" }),
          daily({ publishedAt: "yesterday" }),
          daily({ upvotes: -3 }),
          daily({ upvotes: "many" }),
          { ...daily({}), numComments: 1.5 },
        ]),
        "d",
      ),
    ),
    [
      "paper",
      'd[1] (2501.00001): paper.publishedAt: "yesterday" is not a date',
      "d[2] (2501.00001): paper.upvotes: expected a whole number ≥ 0, got -3",
      "d[3] (2501.00001): paper.upvotes: expected a whole number ≥ 0, got a string",
      "d[4] (2501.00001): numComments: expected a whole number ≥ 0, got 1.5",
    ],
  );
});

test("a whole document (XML, JSON) over its size limit, plain or once inflated, is one rejection", () =>
  withTempStore(async ({ db }, dir) => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/2501.00001v1</id><title>T</title></entry>${" ".repeat(5_000)}</feed>`;
    const plain = path.join(dir, "big.xml");
    const packed = path.join(dir, "big.xml.gz");
    fs.writeFileSync(plain, atom);
    fs.writeFileSync(packed, gzipSync(atom));
    const limits = { ...DEFAULT_STREAM_LIMITS, maxDocumentBytes: 4_000 };
    const reasons: string[] = [];
    for (const file of [plain, packed]) {
      const summary = await importRecords(new SearchState(db), readRecords(file, "arxiv-api", limits), {
        onReject: (r) => reasons.push(`${r.where}: ${r.reason}`),
      });
      assert.equal(summary.new, 0);
    }
    assert.equal(reasons.length, 2);
    assert.match(
      reasons[0],
      /big\.xml: is 5,\d{3} bytes, over the limit of 4,000 bytes .*PAPERTIDE_IMPORT_MAX_DOCUMENT_BYTES/,
    );
    assert.match(reasons[1], /big\.xml\.gz: inflates past the limit of 4,000 bytes for one document/);
  }));
