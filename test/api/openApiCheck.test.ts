// The check every API test's responses pass through (test/support/openApiCheck.ts): it runs, and
// it refuses what the OpenAPI document does not allow.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { documentPath, OpenApiCheck } from "../support/openApiCheck.ts";
import { type Json, startTestServer, type TestServer } from "./server.ts";

let server: TestServer;
let doc: Json;
before(async () => {
  server = await startTestServer({ demo: false });
  doc = await (await server.get("/openapi.json")).json();
});
after(async () => {
  await server?.close();
});

test("the test server checks the API's JSON responses as they are sent, cached or not", async () => {
  const before = server.apiCheck.checked;
  assert.equal((await server.get("/api/papers?limit=2")).status, 200);
  assert.equal((await server.get("/api/papers/2699.99999")).status, 404);
  assert.equal((await server.get("/api/papers/search?q=")).status, 400);
  assert.equal(server.apiCheck.checked, before + 3);
  assert.deepEqual(server.apiCheck.violations, []);
});

test("a paper missing a field the document requires, or with the wrong type, is refused", async () => {
  const check = new OpenApiCheck(() => doc);
  const { body } = await server.getJson("/api/papers?limit=1");
  const paper: Json = {
    id: "2606.00001",
    title: "T",
    summary: "S",
    authors: [{ name: "A" }],
    publishedAt: null,
    upvotes: 0,
    submittedOnDailyAt: null,
    submittedOnDailyBy: null,
    githubRepo: null,
    projectPage: null,
    numComments: 0,
    updatedAt: null,
    primaryCategory: null,
    categories: [],
    arxivComments: null,
    journalRef: null,
    doi: null,
    license: null,
    arxivUrl: "https://arxiv.org/abs/2606.00001",
    pdfUrl: "https://arxiv.org/pdf/2606.00001",
    url: "https://papers.example.org/papers/2606.00001",
  };
  assert.equal(check.problem("GET", "/api/papers/:id", 200, paper), null);
  assert.equal(check.problem("GET", "/api/papers", 200, { papers: [paper], nextCursor: null }), null);
  assert.equal(check.problem("GET", "/api/papers", 200, body), null);
  const { githubRepo: _, ...withoutRepo } = paper;
  assert.match(check.problem("GET", "/api/papers/:id", 200, withoutRepo) ?? "", /githubRepo/);
  assert.match(check.problem("GET", "/api/papers/:id", 200, { ...paper, upvotes: "3" }) ?? "", /upvotes/);
  assert.match(check.problem("GET", "/api/papers/*", 200, { ...paper, authors: [{}] }) ?? "", /authors/);
  assert.match(
    check.problem("GET", "/api/papers/:id", 418, {}) ?? "",
    /status 418 .* not in the OpenAPI document/,
  );
  assert.match(check.problem("GET", "/api/nowhere", 200, {}) ?? "", /not in the OpenAPI document/);
  assert.equal(check.problem("GET", "/api/papers/:id", 404, { error: "not_found", message: "m" }), null);
  assert.match(check.problem("GET", "/api/papers/:id", 404, { error: "not_found" }) ?? "", /message/);
});

test("route URLs map to the document's paths", () => {
  assert.equal(documentPath("/api/papers/:id/related"), "/api/papers/{id}/related");
  assert.equal(documentPath("/api/papers/*"), "/api/papers/{id}");
  assert.equal(documentPath("/api/papers/:archive/:number/related"), "/api/papers/{id}/related");
});
