// What the CLI prints from files reaches a terminal: control characters in it (ESC sequences
// that recolour, move the cursor or retitle the window) are shown as visible escapes.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { cliSandbox } from "../support/cli.ts";

const { dir, papertide } = cliSandbox("papertide-tty-");

// Any C0 control character but the line feed ending each printed line, DEL, or a C1 control.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

test("an ESC in a bad record's id is printed escaped, never raw", () => {
  const file = path.join(dir, "corpus.jsonl");
  fs.writeFileSync(
    file,
    [
      JSON.stringify({ _id: "d1", title: "A fine document", text: "Body." }),
      JSON.stringify({ _id: "evil\u001b]0;owned\u0007\u001b[2J", title: "", text: "" }),
      JSON.stringify({ _id: "d3\u001b[31m", title: "Red", text: "Body." }),
      "",
    ].join("\n"),
  );
  const r = papertide("import", file, "--format", "beir");
  assert.doesNotMatch(r.err, RAW_CONTROL);
  assert.equal(r.code, 3, r.err);
  assert.match(r.out, /read 3, new 1, updated 0, unchanged 0, rejected 2/);
  assert.match(r.err, /corpus\.jsonl:2 \(evil\\x1b\]0;owned\\x07\\x1b\[2J\): neither title nor text/);
  assert.match(r.err, /corpus\.jsonl:3 \(beir:d3\\x1b\[31m\): id: control character \\u001b/);
});

test("an error about the whole file escapes what it quotes from the file", () => {
  const file = path.join(dir, "oai.xml");
  fs.writeFileSync(
    file,
    '<?xml version="1.0"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">' +
      '<error code="badArgument">bad \u001b[31mred\u001b[0m argument</error></OAI-PMH>',
  );
  const r = papertide("import", file, "--format", "arxiv-oai");
  assert.equal(r.code, 3, r.err);
  assert.doesNotMatch(r.err, RAW_CONTROL);
  assert.match(r.err, /OAI-PMH error badArgument: bad \\x1b\[31mred\\x1b\[0m argument/);
});
