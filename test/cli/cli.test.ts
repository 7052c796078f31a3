// The CLI as a script sees it: exit codes, --help, summaries, errors without stack traces.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { cliSandbox } from "../support/cli.ts";
import { SHARED } from "../support/shared.ts";

const { dir, papertide } = cliSandbox("papertide-cli-");

test("--help on the tool and on each command", () => {
  const top = papertide("--help");
  assert.equal(top.code, 0);
  for (const name of ["serve", "import", "sync", "stats"]) {
    assert.match(top.out, new RegExp(`\\b${name}\\b`));
    const r = papertide(name, "--help");
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Usage: papertide/);
  }
});

test("unknown command and bad options are usage errors (exit 2) without stack traces", () => {
  const r = papertide("frobnicate");
  assert.equal(r.code, 2);
  assert.match(r.err, /unknown command "frobnicate"/);
  const bad = papertide("import", "--no-such-flag", "x");
  assert.equal(bad.code, 2);
  assert.doesNotMatch(bad.err, /\n\s+at /);
  const missing = papertide("import", path.join(dir, "nope.jsonl"));
  assert.equal(missing.code, 1);
  assert.match(missing.err, /no such file/);
  assert.doesNotMatch(missing.err, /\n\s+at /);
});

test("import prints a summary; a second import changes nothing; stats reports it", () => {
  const file = path.join(dir, "mixed.jsonl");
  const lines = [
    JSON.stringify({
      id: "2501.00001",
      title: "Alpha",
      abstract: "a",
      authors: "A. B",
      categories: "cs.LG",
      versions: [{ version: "v1", created: "Mon, 6 Jan 2025 00:00:00 GMT" }],
    }),
    "{not json",
    JSON.stringify({ id: "not-an-id", title: "Bad" }),
    JSON.stringify({
      id: "2501.00002",
      title: "Beta",
      abstract: "b",
      authors: "C. D",
      categories: "cs.CV",
      versions: [{ version: "v1", created: "Mon, 6 Jan 2025 00:00:00 GMT" }],
    }),
  ];
  fs.writeFileSync(file, `${lines.join("\n")}\n`);
  const first = papertide("import", file);
  assert.equal(first.code, 3, "rejected records give exit code 3");
  assert.match(first.out, /read 4, new 2, updated 0, unchanged 0, rejected 2/);
  assert.match(first.err, /mixed\.jsonl:2: not valid JSON/);
  assert.match(first.err, /mixed\.jsonl:3: missing or invalid arXiv id/);
  const second = papertide("import", file, "--quiet");
  assert.match(second.out, /new 0, updated 0, unchanged 2, rejected 2/);
  const stats = papertide("stats", "--json");
  assert.equal(stats.code, 0, stats.err);
  assert.equal(JSON.parse(stats.out).papers, 2);
});

test("import of the real sample's first lines via --format", () => {
  const sample = path.join(SHARED, "data/arxiv-sample.jsonl.gz");
  const r = papertide("import", sample, "--format", "nope");
  assert.equal(r.code, 2);
  assert.match(r.err, /unknown format "nope"/);
});
