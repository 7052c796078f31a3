// Code and project links read from the sample's real abstracts and comments, as an import reads
// them (snapshot parser, then the merge that stores a paper). paperLinks.sample.json lists 100
// papers drawn at random among those where a link is found, each checked by hand against its
// text, and papers whose text mentions a code host without naming a repository.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { readRecords } from "../../src/ingest/parsers/index.ts";
import { mergePaper } from "../../src/model/mergePaper.ts";
import type { PaperInput } from "../../src/model/paper.ts";
import { shared } from "../support/shared.ts";

interface Sample {
  found: { id: string; code: string | null; project: string | null }[];
  none: string[];
}

const sample = JSON.parse(
  readFileSync(new URL("./paperLinks.sample.json", import.meta.url), "utf8"),
) as Sample;

test("links found in the sample's abstracts and comments are the hand-checked ones", async () => {
  const wanted = new Set([...sample.found.map((f) => f.id), ...sample.none]);
  const inputs = new Map<string, PaperInput>();
  let withCode = 0;
  let withProject = 0;
  let papers = 0;
  for await (const rec of readRecords(shared("data/arxiv-sample.jsonl.gz"), "arxiv-snapshot")) {
    if (rec.kind !== "paper") continue;
    papers++;
    const stored = mergePaper(null, rec.paper);
    if (stored.codeUrl) withCode++;
    if (stored.projectUrl) withProject++;
    if (wanted.has(rec.paper.id)) inputs.set(rec.paper.id, rec.paper);
  }
  assert.equal(inputs.size, wanted.size, "every listed paper is in the sample");
  const got = sample.found.map(({ id }) => {
    const p = mergePaper(null, inputs.get(id) as PaperInput);
    return { id, code: p.codeUrl, project: p.projectUrl };
  });
  assert.deepEqual(got, sample.found);
  for (const id of sample.none) {
    assert.equal(mergePaper(null, inputs.get(id) as PaperInput).codeUrl, null, id);
  }
  // The share of papers with links stays where the measured sample put it (README): a change that
  // finds far more is finding things that are not there.
  assert.equal(papers, 74_728);
  assert.ok(withCode > 11_000 && withCode < 12_500, `code links: ${withCode}`);
  assert.ok(withProject > 4_000 && withProject < 4_800, `project pages: ${withProject}`);
});
