// The shared response cache: anonymous GETs of list pages and API lists are rendered once per
// database state, kept brotli- and gzip-encoded too, and sent compressed to clients that accept it.
import assert from "node:assert/strict";
import http from "node:http";
import { after, before, test } from "node:test";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { upsertPapers } from "../../src/store/papers.ts";
import { startTestServer, type TestServer } from "../api/server.ts";

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(async () => {
  await server?.close();
});

/** A raw GET (fetch would decompress and hide the encoding). */
function rawGet(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
    (resolve, reject) => {
      http
        .get(server.base + path, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
          );
        })
        .on("error", reject);
    },
  );
}

test("API lists are sent gzipped when accepted, plain otherwise, from one cached rendering", async () => {
  const plain = await rawGet("/api/daily_papers?limit=50");
  assert.equal(plain.status, 200);
  assert.equal(plain.headers["content-encoding"], undefined);
  assert.match(String(plain.headers.vary), /accept-encoding/i);

  const zipped = await rawGet("/api/daily_papers?limit=50", { "accept-encoding": "gzip, deflate" });
  assert.equal(zipped.status, 200);
  assert.equal(zipped.headers["x-cache"], "hit");
  assert.equal(zipped.headers["content-encoding"], "gzip");
  assert.equal(Number(zipped.headers["content-length"]), zipped.body.length);
  assert.ok(
    zipped.body.length < plain.body.length / 3,
    `${zipped.body.length} vs ${plain.body.length} bytes`,
  );
  assert.deepEqual(gunzipSync(zipped.body), plain.body);

  // Brotli is preferred when both are accepted, also from the one cached rendering.
  const brotli = await rawGet("/api/daily_papers?limit=50", { "accept-encoding": "gzip, deflate, br" });
  assert.equal(brotli.headers["x-cache"], "hit");
  assert.equal(brotli.headers["content-encoding"], "br");
  assert.ok(brotli.body.length < zipped.body.length, `${brotli.body.length} vs ${zipped.body.length} bytes`);
  assert.deepEqual(brotliDecompressSync(brotli.body), plain.body);

  const refused = await rawGet("/api/daily_papers?limit=50", { "accept-encoding": "gzip;q=0, identity" });
  assert.equal(refused.headers["content-encoding"], undefined);
  assert.deepEqual(refused.body, plain.body);
});

test("a write to the database invalidates cached pages", async () => {
  const first = await rawGet("/new");
  assert.equal(first.status, 200);
  assert.equal((await rawGet("/new")).headers["x-cache"], "hit");
  await upsertPapers(
    server.store.db,
    [
      {
        id: "2607.99999",
        title: "A paper written after the page was cached",
        abstract: "It must appear at once.",
        authors: ["C. Ache"],
        categories: ["cs.LG"],
        versions: [{ version: 1, createdAt: "2026-07-02T12:00:00.000Z" }],
      },
    ],
    new Date(),
  );
  const after = await rawGet("/new");
  assert.equal(after.headers["x-cache"], "miss");
});

test("requests with a cookie are neither served from nor stored in the cache", async () => {
  await rawGet("/api/daily_papers?limit=5");
  const withCookie = await rawGet("/api/daily_papers?limit=5", { cookie: "theme=dark" });
  assert.equal(withCookie.headers["x-cache"], undefined);
});

test("storing a paper's similar papers (first view of its page) keeps cached pages", async () => {
  // The first search loads the engine, which may index what the demo import left (a real change).
  await rawGet("/search?q=warm+up+the+index");
  await rawGet("/new");
  assert.equal((await rawGet("/new")).headers["x-cache"], "hit");
  const [paper] = await server.store.db.selectFrom("papers").select("id").orderBy("id").limit(1).execute();
  const stored = () =>
    server.store.db
      .selectFrom("search_related")
      .select("paper_id")
      .where("paper_id", "=", paper.id)
      .execute();
  assert.equal((await stored()).length, 0);
  assert.equal((await rawGet(`/papers/${paper.id}`)).status, 200);
  assert.equal((await stored()).length, 1, "the similar papers were stored");
  assert.equal((await rawGet("/new")).headers["x-cache"], "hit");
});
