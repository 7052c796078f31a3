import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { shared } from "../../test/support/shared.ts";
import { withTempStore } from "../../test/support/tempStore.ts";
import { listRange } from "../lists/listing.ts";
import { SearchState } from "../search/state.ts";
import { getPaper } from "../store/papers.ts";
import { importRecords, type Rejection } from "./importer.ts";
import { readLines } from "./parsers/arxivSnapshot.ts";
import { readRecords } from "./parsers/index.ts";

test("importing the same API response twice: new, then unchanged", () =>
  withTempStore(async ({ db }) => {
    const file = shared("fixtures/arxiv-api/query-transformer.xml");
    const first = await importRecords(new SearchState(db), readRecords(file, "arxiv-api"));
    assert.deepEqual(first, { read: 5, new: 5, updated: 0, unchanged: 0, rejected: 0, dailyEntries: 0 });
    const again = await importRecords(new SearchState(db), readRecords(file, "arxiv-api"));
    assert.deepEqual(again, { read: 5, new: 0, updated: 0, unchanged: 5, rejected: 0, dailyEntries: 0 });
    const mana = await getPaper(db, "2606.13677");
    assert.equal(mana?.primaryCategory, "cs.RO");
    assert.deepEqual(mana?.authors, ["Zhao-Heng Yin", "Guanya Shi", "Pieter Abbeel", "C. Karen Liu"]);
    assert.equal(mana?.publishedAt, "2026-06-11T17:59:49.000Z");
  }));

test("a malformed record is counted as rejected, with where, and the rest imports", () =>
  withTempStore(async ({ db }, dir) => {
    const lines: string[] = [];
    for await (const line of readLines(shared("data/arxiv-sample.jsonl.gz"))) {
      lines.push(line);
      if (lines.length === 20) break;
    }
    lines.splice(7, 1, `${lines[7].slice(0, 50)}`);
    const file = path.join(dir, "broken.jsonl");
    fs.writeFileSync(file, `${lines.join("\n")}\n`);
    const rejections: Rejection[] = [];
    const summary = await importRecords(new SearchState(db), readRecords(file, "arxiv-snapshot"), {
      batchSize: 6,
      onReject: (r) => rejections.push(r),
    });
    assert.equal(summary.read, 20);
    assert.equal(summary.new, 19);
    assert.equal(summary.rejected, 1);
    assert.equal(rejections.length, 1);
    assert.equal(rejections[0].where, `${file}:8`);
    assert.match(rejections[0].reason, /^not valid JSON/);
  }));

test("an unusable feed is one rejection, not a crash", () =>
  withTempStore(async ({ db }) => {
    const rejections: Rejection[] = [];
    const summary = await importRecords(
      new SearchState(db),
      readRecords(shared("fixtures/arxiv-oai/listrecords-status503.xml"), "arxiv-oai"),
      {
        onReject: (r) => rejections.push(r),
      },
    );
    assert.deepEqual(summary, { read: 1, new: 0, updated: 0, unchanged: 0, rejected: 1, dailyEntries: 0 });
    assert.match(rejections[0].reason, /Retry after 10 seconds/);
  }));

test("a listing puts new and cross-listed papers on its day; replacements stay off it", () =>
  withTempStore(async ({ db }) => {
    const file = shared("fixtures/arxiv-rss/cs.AI-2017.xml");
    const summary = await importRecords(new SearchState(db), readRecords(file, "arxiv-rss"));
    assert.equal(summary.new, 15);
    const day = await listRange(db, {
      from: "2017-08-11",
      to: "2017-08-11",
      categories: ["cs.AI"],
      sort: "publishedAt",
      offset: 0,
      limit: 100,
    });
    assert.equal(day.total, 12);
    const ids = day.items.map((i) => i.paper.id);
    assert.ok(ids.includes("1708.02940"), "cross-listed from cs.CY");
    for (const replaced of ["1412.1913", "1703.01720", "1705.00594"]) {
      assert.ok(!ids.includes(replaced), replaced);
      assert.equal((await getPaper(db, replaced))?.announcedOn, null);
    }
  }));
