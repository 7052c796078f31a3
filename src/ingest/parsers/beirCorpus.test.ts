import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { shared } from "../../../test/support/shared.ts";
import type { PaperInput, ParsedRecord } from "../../model/paper.ts";
import { parseBeirCorpus } from "./beirCorpus.ts";

const SCIFACT = shared("data/scifact/corpus.jsonl");

async function collect(gen: AsyncIterable<ParsedRecord>): Promise<ParsedRecord[]> {
  const out: ParsedRecord[] = [];
  for await (const r of gen) out.push(r);
  return out;
}

function withTempFile(content: string, run: (file: string) => Promise<void>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "papertide-beir-"));
  const file = path.join(dir, "corpus.jsonl");
  fs.writeFileSync(file, content);
  return run(file).finally(() => fs.rmSync(dir, { recursive: true, force: true }));
}

test("SciFact corpus: every document becomes a namespaced paper", async () => {
  const records = await collect(parseBeirCorpus(SCIFACT));
  assert.equal(records.length, 5183);
  assert.ok(records.every((r) => r.kind === "paper"));
  const first = (records[0] as { paper: PaperInput }).paper;
  assert.equal(first.id, "beir:4983");
  assert.equal(
    first.title,
    "Microstructural development of human newborn cerebral white matter assessed in vivo by diffusion tensor magnetic resonance imaging.",
  );
  assert.match(
    first.abstract ?? "",
    /^Alterations of the architecture of cerebral white matter in the developing human brain/,
  );
  const ids = new Set(records.map((r) => (r as { paper: PaperInput }).paper.id));
  assert.equal(ids.size, 5183, "ids stay unique");
});

test("a custom namespace prefixes the ids; an unsafe one is refused before reading", async () => {
  const [r] = await collect(parseBeirCorpus(SCIFACT, { namespace: "scifact" })).then((rs) => rs.slice(0, 1));
  assert.equal((r as { paper: PaperInput }).paper.id, "scifact:4983");
  for (const bad of ["", "SciFact", "a:b", "../x", "sci fact"]) {
    await assert.rejects(
      collect(parseBeirCorpus(SCIFACT, { namespace: bad })),
      RangeError,
      JSON.stringify(bad),
    );
  }
});

test("an empty title falls back to the first words of the text", () =>
  withTempFile(
    `${JSON.stringify({
      _id: "77",
      title: "",
      text: "Vitamin D supplementation reduced the incidence of acute respiratory infection in adults with low baseline levels.",
    })}\n${JSON.stringify({ _id: 78, title: " ", text: "Short text." })}\n`,
    async (file) => {
      const [long, short] = (await collect(parseBeirCorpus(file))).map(
        (r) => (r as { paper: PaperInput }).paper,
      );
      assert.equal(
        long.title,
        "Vitamin D supplementation reduced the incidence of acute respiratory infection in adults…",
      );
      assert.equal(long.id, "beir:77");
      assert.equal(short.title, "Short text.");
      assert.equal(short.id, "beir:78", "numeric _id accepted");
    },
  ));

test("bad lines are rejected with file:line and the others still parse", () =>
  withTempFile(
    [
      JSON.stringify({ _id: "1", title: "One", text: "First." }),
      '{"_id": "2", "title": "Two", "text": ',
      "",
      JSON.stringify(["not", "an", "object"]),
      JSON.stringify({ title: "No id", text: "x" }),
      JSON.stringify({ _id: "6", title: "", text: "" }),
      JSON.stringify({ _id: "7", title: "Seven", text: "Last." }),
    ].join("\n"),
    async (file) => {
      const records = await collect(parseBeirCorpus(file));
      assert.deepEqual(
        records.map((r) => (r.kind === "paper" ? r.paper.id : r.where)),
        ["beir:1", `${file}:2`, `${file}:4`, `${file}:5`, `${file}:6 (6)`, "beir:7"],
      );
      const bad = records[1] as { reason: string };
      assert.match(bad.reason, /^not valid JSON/);
      assert.equal((records[4] as { reason: string }).reason, "neither title nor text");
    },
  ));
