// Every text response is sent brotli- or gzip-encoded when the client asks, plain when not, and
// says it varies with Accept-Encoding; static assets are encoded once per process, never per
// request; KaTeX's stylesheet is linked only from pages that show math.
import assert from "node:assert/strict";
import http from "node:http";
import { after, before, mock, test } from "node:test";
import zlib from "node:zlib";
import { loadAssets } from "../../src/web/http/assets.ts";
import { startTestServer, type TestServer } from "../api/server.ts";

// Spies on every compressor, installed before the server is built (the plugin keeps references).
const COMPRESSORS = [
  "brotliCompressSync",
  "gzipSync",
  "deflateSync",
  "brotliCompress",
  "gzip",
  "createBrotliCompress",
  "createGzip",
  "createDeflate",
] as const;
const spies = COMPRESSORS.map((name) => mock.method(zlib, name));
const compressions = () => spies.reduce((n, s) => n + s.mock.callCount(), 0);

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(async () => {
  await server?.close();
  mock.restoreAll();
});

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A raw request (fetch would decompress and hide the encoding). */
function raw(path: string, headers: Record<string, string> = {}, method = "GET") {
  return new Promise<Raw>((resolve, reject) => {
    http
      .request(server.base + path, { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      })
      .on("error", reject)
      .end();
  });
}

function decode(res: Raw): Buffer {
  const encoding = res.headers["content-encoding"];
  if (encoding === "br") return zlib.brotliDecompressSync(res.body);
  if (encoding === "gzip") return zlib.gunzipSync(res.body);
  assert.equal(encoding, undefined);
  return res.body;
}

/** Fetches a URL plain, with brotli and with gzip; checks each decodes to the plain body. */
async function assertEncodings(path: string, headers: Record<string, string> = {}) {
  const plain = await raw(path, headers);
  assert.equal(plain.status, 200, path);
  assert.equal(plain.headers["content-encoding"], undefined, path);
  assert.match(String(plain.headers.vary), /accept-encoding/i, path);
  for (const [accept, expected] of [
    ["br", "br"],
    ["gzip", "gzip"],
    ["gzip, deflate, br, zstd", "br"],
    ["br;q=0.5, gzip", "gzip"],
    ["identity", undefined],
    ["br;q=0, gzip;q=0", undefined],
  ] as const) {
    const res = await raw(path, { ...headers, "accept-encoding": accept });
    assert.equal(res.status, 200, `${path} (${accept})`);
    assert.equal(res.headers["content-encoding"], expected, `${path} (${accept})`);
    assert.match(String(res.headers.vary), /accept-encoding/i, path);
    if (expected) assert.ok(res.body.length < plain.body.length / 2, `${path} (${accept}) is smaller`);
    assert.deepEqual(decode(res), plain.body, `${path} (${accept})`);
  }
  return plain;
}

test("pages, the API, feeds and stylesheets are brotli- or gzip-encoded as asked, plain otherwise", async () => {
  const home = await assertEncodings("/");
  const css = /href="(\/static\/app\.css\?v=[0-9a-f]+)"/.exec(home.body.toString())?.[1];
  assert.ok(css);
  // A signed-in looking request is never served from the page cache: encoded per request.
  await assertEncodings("/trending", { cookie: "unrelated=1" });
  await assertEncodings("/search?q=learning");
  await assertEncodings("/api/daily_papers?limit=20");
  await assertEncodings("/feeds/daily.rss");
  await assertEncodings("/feeds/daily.json");
  await assertEncodings(css);
  await assertEncodings("/static/katex/katex.min.css");
  await assertEncodings("/static/icons.svg");
  await assertEncodings("/static/save.js");
});

test("tiny bodies and compressed formats are sent as they are", async () => {
  const health = await raw("/healthz", { "accept-encoding": "br, gzip" });
  assert.equal(health.status, 200);
  assert.ok(health.body.length < 1024);
  assert.equal(health.headers["content-encoding"], undefined);
  const font = await raw("/static/katex/fonts/KaTeX_Main-Regular.woff2", { "accept-encoding": "br, gzip" });
  assert.equal(font.status, 200);
  assert.equal(font.headers["content-encoding"], undefined);
  assert.equal(font.headers["content-type"], "font/woff2");
});

test("static assets are encoded once per process and the same bytes are sent every time", async () => {
  const assets = await loadAssets();
  const css = assets.get("/static/katex/katex.min.css");
  assert.ok(css?.encoded);
  const before = compressions();
  for (const [accept, encoding] of [
    ["br", "br"],
    ["gzip", "gzip"],
  ] as const) {
    const first = await raw("/static/katex/katex.min.css", { "accept-encoding": accept });
    const second = await raw("/static/katex/katex.min.css", { "accept-encoding": accept });
    assert.equal(first.headers["content-encoding"], encoding);
    assert.deepEqual(first.body, css.encoded[encoding]);
    assert.deepEqual(second.body, first.body);
  }
  assert.equal(compressions(), before, "serving an asset compresses nothing");
  // The spies do see compression: a page made for this request is encoded as it is sent.
  await raw("/trending", { cookie: "unrelated=1", "accept-encoding": "br" });
  assert.ok(compressions() > before);
});

test("each encoding of an asset has its own ETag, and a conditional GET gets 304", async () => {
  const url = "/static/katex/katex.min.css";
  const br = await raw(url, { "accept-encoding": "br" });
  const plain = await raw(url);
  assert.match(String(br.headers.etag), /^"[\w-]+-br"$/);
  assert.notEqual(br.headers.etag, plain.headers.etag);
  const again = await raw(url, { "accept-encoding": "br", "if-none-match": String(br.headers.etag) });
  assert.equal(again.status, 304);
  assert.equal(again.body.length, 0);
  // A plain copy's tag does not validate the brotli one.
  const other = await raw(url, { "accept-encoding": "br", "if-none-match": String(plain.headers.etag) });
  assert.equal(other.status, 200);
  // Feeds too.
  const feed = await raw("/feeds/daily.atom", { "accept-encoding": "gzip" });
  assert.match(String(feed.headers.etag), /-gzip"$/);
  const feedAgain = await raw("/feeds/daily.atom", {
    "accept-encoding": "gzip",
    "if-none-match": String(feed.headers.etag),
  });
  assert.equal(feedAgain.status, 304);
});

test("HEAD answers with the headers of the encoded body and no body", async () => {
  for (const url of ["/", "/static/katex/katex.min.css", "/api/daily_papers?limit=20"]) {
    const res = await raw(url, { "accept-encoding": "br" }, "HEAD");
    assert.equal(res.status, 200, url);
    assert.equal(res.headers["content-encoding"], "br", url);
    assert.equal(res.body.length, 0, url);
  }
});

test("KaTeX's stylesheet is linked only from pages that show math", async () => {
  const katexLink = /<link rel="stylesheet" href="\/static\/katex\/katex\.min\.css\?v=[\d.]+"\/>/;
  for (const url of ["/login", "/search?q=zzzqqqxxx"]) {
    const html = (await raw(url)).body.toString();
    assert.doesNotMatch(html, /<span class="katex">/, url);
    assert.doesNotMatch(html, /katex\.min\.css/, `${url} has no math`);
  }
  const search = (await raw("/search?q=quantum")).body.toString();
  assert.equal(katexLink.test(search), search.includes('<span class="katex">'));
  const api = (await (await fetch(`${server.base}/api/daily_papers?scope=all&limit=100`)).json()) as {
    paper: { id: string; summary: string };
  }[];
  const withMath = api.find((p) => /\$[^$\s][^$]*\$/.test(p.paper.summary));
  assert.ok(withMath, "the demo has a paper with math");
  const page = (await raw(`/papers/${withMath.paper.id}`)).body.toString();
  assert.match(page, /<span class="katex">/);
  assert.match(page, katexLink);
  // Before the site's own stylesheets, which adjust KaTeX's.
  assert.ok(page.indexOf("katex.min.css") < page.indexOf("/static/app.css"));
});
