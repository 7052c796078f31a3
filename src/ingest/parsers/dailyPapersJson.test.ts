import assert from "node:assert/strict";
import fs from "node:fs";
import { test } from "node:test";
import { shared } from "../../../test/support/shared.ts";
import type { DailyEntryInput, PaperInput, ParsedRecord } from "../../model/paper.ts";
import { parseDailyPapersJson } from "./dailyPapersJson.ts";

const TEXT = fs.readFileSync(shared("fixtures/hf/daily_papers.json"), "utf8");

function featured(r: ParsedRecord): { paper: PaperInput; daily: DailyEntryInput } {
  assert.equal(r.kind, "paper", JSON.stringify(r));
  const rec = r as { paper: PaperInput; daily?: DailyEntryInput };
  assert.ok(rec.daily, "every item is a daily entry");
  return { paper: rec.paper, daily: rec.daily };
}

test("all 30 items become papers featured on 2026-06-12", () => {
  const records = parseDailyPapersJson(TEXT, "daily_papers.json").map(featured);
  assert.equal(records.length, 30);
  assert.ok(records.every((r) => r.daily.day === "2026-06-12" && r.daily.source === "featured"));
  assert.ok(records.every((r) => r.daily.paperId === r.paper.id));
  assert.equal(new Set(records.map((r) => r.paper.id)).size, 30);
  const upvotes = records.map((r) => r.paper.upvotes ?? -1).sort((a, b) => b - a);
  assert.deepEqual(upvotes.slice(0, 3), [118, 103, 74]);
  assert.equal(upvotes.at(-1), 0);
});

test("one item read field by field: upvotes, submitter, comments, authors, code link", () => {
  const { paper, daily } = featured(parseDailyPapersJson(TEXT)[1]);
  assert.equal(paper.id, "2606.12730");
  assert.equal(
    paper.title,
    "Rethinking Psychometric Evaluation of LLMs: When and Why Self-Reports Predict Behavior",
  );
  assert.equal(paper.upvotes, 5);
  assert.equal(paper.numComments, 3);
  assert.equal(daily.featuredBy, "RKocielnik");
  assert.equal(paper.publishedAt, "2026-06-10T00:00:00.000Z");
  assert.equal(paper.authors?.length, 8);
  assert.deepEqual(paper.authors?.slice(0, 2), ["Rafal Kocielnik", "Pengrui Han"]);
  assert.equal(paper.codeUrl, "https://github.com/psychology-of-AI/Rethinking-Pyschometric-Eval-LLMs");
  assert.match(
    paper.abstract ?? "",
    /^Anticipating LLM behavioral tendencies from low-cost psychometric probes/,
  );
  const withPage = featured(parseDailyPapersJson(TEXT)[2]).paper;
  assert.equal(withPage.projectUrl, "https://chicychen.github.io/dense-hetero-latent-mas/");
});

test("hostile links are dropped: only http(s) URLs reach a page", () => {
  const items = JSON.parse(TEXT);
  items[1].paper.githubRepo = "javascript:alert(document.cookie)";
  items[2].paper.projectPage = "data:text/html,<script>alert(1)</script>";
  items[3].paper.githubRepo = "not a url";
  const [, a, b, c] = parseDailyPapersJson(JSON.stringify(items)).map(featured);
  assert.equal(a.paper.codeUrl, null);
  assert.equal(b.paper.projectUrl, null);
  assert.equal(c.paper.codeUrl, null);
});

test("bad items are rejected by position and the rest still parse", () => {
  const items = JSON.parse(TEXT).slice(0, 4);
  items[1].paper.id = "not-an-id";
  items[2].paper.upvotes = -3;
  items[3] = "oops";
  const records = parseDailyPapersJson(JSON.stringify(items), "f.json");
  assert.equal(records[0].kind, "paper");
  assert.deepEqual(records[1], {
    kind: "rejected",
    where: "f.json[1]",
    reason: 'missing or invalid paper.id "not-an-id"',
  });
  // A negative count is malformed: the item is rejected, not imported with the count dropped.
  assert.deepEqual(records[2], {
    kind: "rejected",
    where: `f.json[2] (${items[2].paper.id})`,
    reason: "paper.upvotes: expected a whole number ≥ 0, got -3",
  });
  assert.deepEqual(records[3], { kind: "rejected", where: "f.json[3]", reason: "item is not an object" });
});

test("a document that is not a JSON array is one rejected record", () => {
  assert.deepEqual(parseDailyPapersJson("{}", "x.json"), [
    { kind: "rejected", where: "x.json", reason: "expected a JSON array of daily-paper items" },
  ]);
  const [r] = parseDailyPapersJson("[{", "y.json");
  assert.equal(r.kind, "rejected");
  assert.match((r as { reason: string }).reason, /^not valid JSON/);
});
