// What surrounds the endpoints: the OpenAPI document, the docs page under the site's CSP, CORS,
// JSON 404s and 500s without internals, and /healthz.
import assert from "node:assert/strict";
import fs from "node:fs";
import { after, before, describe, test } from "node:test";
import { shared } from "../support/shared.ts";
import { type Json, looksLikeStackTrace, startTestServer, type TestServer } from "./server.ts";

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(async () => {
  await server?.close();
});

describe("/openapi.json", () => {
  let doc: Json;
  before(async () => {
    const res = await server.get("/openapi.json");
    assert.equal(res.status, 200);
    doc = await res.json();
  });

  test("is an OpenAPI 3 document of the API routes only", () => {
    assert.match(doc.openapi, /^3\.\d+\.\d+$/);
    assert.equal(doc.info.title, "Papertide API");
    const paths = Object.keys(doc.paths).sort();
    assert.deepEqual(paths, [
      "/api/authors/{name}",
      "/api/categories/{id}/papers",
      "/api/daily_papers",
      "/api/papers",
      "/api/papers/search",
      "/api/papers/suggest",
      "/api/papers/{id}",
      "/api/papers/{id}/related",
      "/healthz",
      "/readyz",
    ]);
    for (const path of paths) {
      const get = doc.paths[path].get;
      assert.ok(get, `${path} has GET`);
      assert.ok(get.responses["200"], `${path} documents 200`);
      assert.ok(get.summary, `${path} has a summary`);
    }
  });

  test("documents every query parameter the routes accept, and their errors", () => {
    const names = (path: string) =>
      doc.paths[path].get.parameters.map((p: Json) => `${p.in}:${p.name}`).sort();
    assert.deepEqual(names("/api/daily_papers"), [
      "query:category",
      "query:date",
      "query:limit",
      "query:month",
      "query:p",
      "query:scope",
      "query:sort",
      "query:submitter",
      "query:week",
    ]);
    assert.deepEqual(names("/api/papers"), ["query:cursor", "query:limit"]);
    assert.deepEqual(names("/api/papers/search"), [
      "query:author",
      "query:category",
      "query:from",
      "query:limit",
      "query:p",
      "query:q",
      "query:sort",
      "query:to",
    ]);
    assert.deepEqual(names("/api/papers/{id}"), ["path:id"]);
    assert.deepEqual(names("/api/papers/{id}/related"), ["path:id", "query:limit"]);
    assert.deepEqual(names("/api/papers/suggest"), ["query:limit", "query:q"]);
    const sort = doc.paths["/api/daily_papers"].get.parameters.find((p: Json) => p.name === "sort");
    assert.deepEqual(sort.schema.enum, ["upvotes", "publishedAt", "trending"]);
    for (const path of [
      "/api/daily_papers",
      "/api/papers",
      "/api/papers/search",
      "/api/papers/{id}",
      "/api/papers/{id}/related",
      "/api/papers/suggest",
    ]) {
      assert.ok(doc.paths[path].get.responses["400"], `${path} documents 400`);
    }
    assert.ok(doc.paths["/api/papers/{id}"].get.responses["404"]);
    assert.ok(doc.paths["/api/papers/{id}/related"].get.responses["404"]);
  });

  test("the Paper schema describes what /api/papers/{id} really returns", async () => {
    const paper = doc.components.schemas.Paper;
    assert.ok(paper, "Paper is a named component");
    const fixture: Json[] = JSON.parse(fs.readFileSync(shared("fixtures/hf/daily_papers.json"), "utf8"));
    const featured = fixture.find((f) => f.paper.githubRepo && f.paper.projectPage)?.paper.id;
    const body = await (await server.get(`/api/papers/${featured}`)).json();
    for (const key of Object.keys(body)) assert.ok(key in paper.properties, `${key} is documented`);
    for (const key of paper.required) assert.ok(key in body, `required ${key} is returned`);
    const daily = doc.components.schemas.DailyPaper;
    const [item] = await (await server.get("/api/daily_papers?date=2026-06-12&limit=1")).json();
    for (const key of Object.keys(item)) assert.ok(key in daily.properties, `${key} is documented`);
  });
});

describe("docs page", () => {
  test("loads all its scripts and styles from this server, and the CSP allows them", async () => {
    const res = await server.get("/api/docs");
    assert.equal(res.status, 200);
    const html = await res.text();
    const csp = res.headers.get("content-security-policy") ?? "";
    assert.match(csp, /script-src 'self'(;|$)/, "no inline or remote scripts allowed");
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(csp, /style-src 'self' 'sha256-[A-Za-z0-9+/=]+'/, "swagger-ui's inline logo style, by hash");
    // Every script has a src and no body.
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>|<script[^>]*>\s*[^<\s]/, "no inline script");
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(assets.some((a) => a.endsWith("swagger-ui-bundle.js")));
    assert.ok(assets.some((a) => a.endsWith("swagger-ui.css")));
    for (const asset of assets) {
      assert.ok(!/^https?:/.test(asset), `${asset} is same-origin`);
      const url = new URL(asset, `${server.base}/api/docs`);
      const r = await fetch(url);
      // Read the body: an unread response keeps its connection open and delays the server's close.
      const bytes = (await r.arrayBuffer()).byteLength;
      assert.equal(r.status, 200, asset);
      assert.ok(bytes > 0, asset);
      const type = r.headers.get("content-type") ?? "";
      if (asset.endsWith(".js")) assert.match(type, /javascript/, asset);
      if (asset.endsWith(".css")) assert.match(type, /text\/css/, asset);
    }
    const init = await (await server.get("/api/docs/static/swagger-initializer.js")).text();
    assert.match(init, /resolveUrl\('\.\/json'\)/);
    const json = await server.get("/api/docs/json");
    assert.equal((await json.json()).info.title, "Papertide API");
  });
});

describe("CORS", () => {
  test("any origin may read the API, errors included", async () => {
    for (const path of [
      "/api/daily_papers?limit=1",
      "/api/daily_papers?limit=0",
      "/api/papers/2699.99999",
      "/api/nope",
    ]) {
      const res = await server.get(path, { headers: { Origin: "https://elsewhere.example" } });
      await res.arrayBuffer();
      assert.equal(res.headers.get("access-control-allow-origin"), "*", path);
      assert.match(res.headers.get("access-control-expose-headers") ?? "", /\bLink\b/);
    }
  });

  test("preflight", async () => {
    const res = await server.get("/api/papers/search", {
      method: "OPTIONS",
      headers: {
        Origin: "https://elsewhere.example",
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "x-client",
      },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get("access-control-allow-origin"), "*");
    assert.match(res.headers.get("access-control-allow-methods") ?? "", /\bGET\b/);
    assert.equal(res.headers.get("access-control-allow-headers"), "x-client");
  });
});

describe("errors", () => {
  test("unknown /api routes and methods -> 404 JSON", async () => {
    for (const [method, path] of [
      ["GET", "/api/nope"],
      ["GET", "/api"],
      ["GET", "/api/daily_papers/extra"],
      ["POST", "/api/papers"],
      ["DELETE", "/api/papers/2606.00467"],
    ]) {
      const res = await server.get(path, { method });
      const text = await res.text();
      assert.equal(res.status, 404, `${method} ${path}`);
      assert.match(res.headers.get("content-type") ?? "", /application\/json/);
      assert.equal(JSON.parse(text).error, "not_found");
    }
  });

  test("a failing database -> 500 JSON with no internals", async () => {
    // A second server on a store that is already closed: every query throws.
    const broken = await startTestServer({ demo: false });
    await broken.store.close();
    try {
      for (const path of [
        "/api/papers",
        "/api/daily_papers",
        "/api/papers/2606.00467",
        "/api/papers/search?q=x",
      ]) {
        const res = await broken.get(path);
        const text = await res.text();
        assert.equal(res.status, 500, path);
        assert.deepEqual(JSON.parse(text), {
          error: "internal_error",
          message: "Something went wrong on our side.",
        });
        assert.ok(!looksLikeStackTrace(text));
      }
      // The health check does not touch the database, so it still answers.
      assert.equal(await (await broken.get("/healthz")).text(), "ok");
    } finally {
      await broken.close();
    }
  });
});

test("/healthz answers ok in plain text", async () => {
  const res = await server.get("/healthz");
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type") ?? "", /^text\/plain/);
  assert.equal(await res.text(), "ok");
});
