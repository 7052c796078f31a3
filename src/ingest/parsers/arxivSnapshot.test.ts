import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import { shared } from "../../../test/support/shared.ts";
import type { PaperInput, ParsedRecord } from "../../model/paper.ts";
import { parseSnapshotFile, parseSnapshotLine, readLines } from "./arxivSnapshot.ts";

const SAMPLE = shared("data/arxiv-sample.jsonl.gz");

async function firstLines(file: string, n: number): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of readLines(file)) {
    lines.push(line);
    if (lines.length === n) break;
  }
  return lines;
}

async function collect(gen: AsyncIterable<ParsedRecord>): Promise<ParsedRecord[]> {
  const out: ParsedRecord[] = [];
  for await (const r of gen) out.push(r);
  return out;
}

test("the gzipped sample streams; its first paper is read field by field", async () => {
  const [line] = await firstLines(SAMPLE, 1);
  const r = parseSnapshotLine(line, "sample:1");
  assert.equal(r.kind, "paper");
  const p = (r as { paper: PaperInput }).paper;
  assert.equal(p.id, "2503.11731");
  assert.equal(
    p.title,
    "Industrial-Grade Sensor Simulation via Gaussian Splatting: A Modular Framework for Scalable Editing and Full-Stack Validation",
  );
  assert.equal(p.authors?.length, 16);
  assert.deepEqual(p.authors?.slice(0, 3), ["Xianming Zeng", "Sicong Du", "Qifeng Chen"]);
  assert.deepEqual(p.categories, ["cs.CV", "cs.RO"]);
  assert.deepEqual(p.versions, [{ version: 1, createdAt: "2025-03-18T00:00:00.000Z" }]);
  assert.equal(p.comments, null);
  assert.match(
    p.abstract ?? "",
    /^Sensor simulation is pivotal for scalable validation of autonomous driving systems, yet/,
  );
  assert.ok(!(p.abstract ?? "").includes("\n"), "hard wrapping joined");
  const second = parseSnapshotLine((await firstLines(SAMPLE, 2))[1], "sample:2");
  assert.deepEqual((second as { paper: PaperInput }).paper.authors?.[0], "Moreno D'Incà");
  assert.equal((second as { paper: PaperInput }).paper.comments, "Work in progress");
});

test("a malformed line is rejected with file:line and the rest of the file still parses", async () => {
  const lines = await firstLines(SAMPLE, 5);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "papertide-snapshot-"));
  try {
    for (const [name, write] of [
      ["plain.jsonl", (f: string, s: string) => fs.writeFileSync(f, s)],
      ["packed.jsonl.gz", (f: string, s: string) => fs.writeFileSync(f, gzipSync(s))],
    ] as const) {
      const file = path.join(dir, name);
      const broken = [
        lines[0],
        lines[1],
        `${lines[2].slice(0, 80)}`,
        "",
        lines[3],
        '{"id": "not an id", "title": "x"}',
        lines[4],
      ];
      write(file, `${broken.join("\n")}\n`);
      const records = await collect(parseSnapshotFile(file));
      assert.deepEqual(
        records.map((r) => (r.kind === "paper" ? r.paper.id : r.where)),
        [
          JSON.parse(lines[0]).id,
          JSON.parse(lines[1]).id,
          `${file}:3`,
          JSON.parse(lines[3]).id,
          `${file}:6`,
          JSON.parse(lines[4]).id,
        ],
        name,
      );
      assert.match((records[2] as { reason: string }).reason, /^not valid JSON/);
      assert.match((records[4] as { reason: string }).reason, /invalid arXiv id "not an id"/);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("a line without a title is rejected naming the paper", () => {
  const r = parseSnapshotLine(JSON.stringify({ id: "2501.00001", title: "  " }), "f:9");
  assert.deepEqual(r, { kind: "rejected", where: "f:9 (2501.00001)", reason: "missing title" });
  assert.deepEqual(parseSnapshotLine("[1,2]", "f:10"), {
    kind: "rejected",
    where: "f:10",
    reason: "not a JSON object",
  });
});

test("authors fall back to the authors string when authors_parsed is missing", () => {
  const r = parseSnapshotLine(
    JSON.stringify({
      id: "hep-th/9504118v2",
      title: "T",
      authors: "A. One, B. Two and C. Three",
      versions: [],
    }),
    "f:1",
  );
  const p = (r as { paper: PaperInput }).paper;
  assert.equal(p.id, "hep-th/9504118");
  assert.deepEqual(p.authors, ["A. One", "B. Two", "C. Three"]);
});
