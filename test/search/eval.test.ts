// `papertide eval search`: BEIR files in, nDCG@10 / Recall@100 / MRR@10 out, through the normal
// import and search paths. Quality floors measured on a SciFact slice (deterministic: the vector
// model is trained with a fixed seed).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { evaluateBeir, halfOf } from "../../src/search/beirEval.ts";
import { SCIFACT } from "./fixtures.ts";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "papertide-eval-test-"));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test("SciFact slice (200 train queries, their documents + 1,000 others): quality above the measured floor", async () => {
  const r = await evaluateBeir({ corpusDir: SCIFACT, split: "train", maxQueries: 200, maxDocuments: 1000 });
  assert.equal(r.queries, 200);
  assert.equal(r.documents, 1153);
  // Measured: hybrid 0.811, lexical 0.806, semantic 0.642.
  assert.ok(r.hybrid.ndcg10 >= 0.79, `hybrid nDCG@10 ${r.hybrid.ndcg10}`);
  assert.ok(r.lexical.ndcg10 >= 0.79, `lexical nDCG@10 ${r.lexical.ndcg10}`);
  assert.ok(r.semantic.ndcg10 >= 0.6, `semantic nDCG@10 ${r.semantic.ndcg10}`);
  assert.ok(r.hybrid.recall100 >= 0.95 && r.hybrid.mrr10 >= 0.76, JSON.stringify(r.hybrid));
  assert.equal(r.halves.A.hybrid.queries + r.halves.B.hybrid.queries, 200);
});

test("the CLI reads the BEIR layout and prints the figures as JSON", () => {
  const beir = path.join(dir, "tiny");
  fs.mkdirSync(path.join(beir, "qrels"), { recursive: true });
  const docs = [
    {
      _id: "d1",
      title: "Aspirin and heart attacks",
      text: "Low-dose aspirin reduces the risk of myocardial infarction.",
    },
    { _id: "d2", title: "Coffee and sleep", text: "Caffeine taken late delays sleep onset." },
    { _id: "d3", title: "Statins lower cholesterol", text: "Statins reduce LDL cholesterol in adults." },
  ];
  fs.writeFileSync(path.join(beir, "corpus.jsonl"), docs.map((d) => JSON.stringify(d)).join("\n"));
  fs.writeFileSync(
    path.join(beir, "queries.jsonl"),
    [
      { _id: "q1", text: "Aspirin prevents myocardial infarction" },
      { _id: "q2", text: "caffeine delays sleep" },
      { _id: "q3", text: "unjudged query" },
    ]
      .map((q) => JSON.stringify(q))
      .join("\n"),
  );
  fs.writeFileSync(path.join(beir, "qrels", "dev.tsv"), "query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t1\n");
  const r = spawnSync(
    process.execPath,
    [path.join(ROOT, "bin/papertide.js"), "eval", "search", "--corpus", beir, "--split", "dev"],
    {
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: `sqlite:${path.join(dir, "untouched.db")}` },
    },
  );
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.equal(report.queries, 2);
  assert.equal(report.documents, 3);
  assert.deepEqual(report.lexical, { queries: 2, ndcg10: 1, recall100: 1, mrr10: 1 });
  assert.equal(report.hybrid.ndcg10, 1);
  assert.ok("semantic" in report && "A" in report.halves && "B" in report.halves);
  assert.ok(!fs.existsSync(path.join(dir, "untouched.db")), "the configured database is not touched");
  const bad = spawnSync(
    process.execPath,
    [path.join(ROOT, "bin/papertide.js"), "eval", "search", "--corpus", path.join(dir, "nope")],
    { encoding: "utf8" },
  );
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /no such folder/);
});

test("query halves are fixed and roughly even", () => {
  const ids = Array.from({ length: 1000 }, (_, i) => String(i));
  const a = ids.filter((id) => halfOf(id) === "A").length;
  assert.ok(a > 450 && a < 550, `${a}`);
  assert.equal(halfOf("42"), halfOf("42"));
});
