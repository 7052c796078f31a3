// Oversized and malformed input on every route the server serves (listed from the router): a
// body over the limit is refused with 413 and stores nothing; a malformed or unsupported body is a
// 4xx, never a 500; every GET route answers hostile path parameters, a giant query string and a
// giant single parameter with a 4xx or a normal page, never a 500; and the server still answers
// /healthz afterwards.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "../accounts/support/harness.ts";
import { looksLikeStackTrace } from "../api/server.ts";
import {
  databaseDigest,
  fillPath,
  type Route,
  type Site,
  STATE_CHANGING,
  startSite,
} from "./support/site.ts";

let site: Site;
let reader: { id: string; browser: Browser };
let token: string;
let client = 0;

before(async () => {
  site = await startSite({ PAPERTIDE_API_RATE_LIMIT: "off" });
  reader = await site.userWithBrowser({ handle: "bodyreader" });
  token = await reader.browser.csrfFrom("/account");
});
after(async () => {
  await site?.close();
});

/** A request from the signed-in reader, from a client address of its own (limits are per client). */
async function send(method: string, path: string, body?: string, type?: string) {
  const headers: Record<string, string> = {
    cookie: reader.browser.cookieHeader(),
    "x-forwarded-for": `198.51.100.${(++client % 250) + 1}`,
  };
  if (type) headers["content-type"] = type;
  const res = await fetch(site.base + path, { method, headers, body, redirect: "manual" });
  return { status: res.status, text: await res.text() };
}

const writeRoutes = () => site.routes.filter((r) => STATE_CHANGING.has(r.method));
const readRoutes = () => site.routes.filter((r) => r.method === "GET");
const samplePath = (r: Route) => fillPath(r.url, (name) => (name === "*" ? "2606.00001" : "x"));

describe("bodies over the limit and malformed bodies, on every write route", () => {
  it("refuses a body over the limit with 413 and stores nothing", async () => {
    const filler = "a".repeat(200 * 1024);
    const bigForm = `_csrf=${encodeURIComponent(token)}&paper=2606.00001&body=${filler}&name=${filler}&email=a%40example.org&q=${filler}`;
    const bigJson = JSON.stringify({ _csrf: token, paper: "2606.00001", body: "a".repeat(1100 * 1024) });
    const bigMultipart = `--b\r\nContent-Disposition: form-data; name="body"\r\n\r\n${"a".repeat(1100 * 1024)}\r\n--b--\r\n`;
    const wrong: string[] = [];
    for (const r of writeRoutes()) {
      const path = samplePath(r);
      const cases: [string, string, string, number[]][] = [
        ["a 200 KiB form", bigForm, "application/x-www-form-urlencoded", [413]],
        // 415 on page routes, which take form bodies only (src/web/http/formBodies.ts).
        ["a 1.1 MiB JSON body", bigJson, "application/json", [413, 415]],
        // 415 where the route takes no multipart at all.
        ["a 1.1 MiB multipart body", bigMultipart, "multipart/form-data; boundary=b", [413, 415]],
      ];
      for (const [what, body, type, expected] of cases) {
        const before = databaseDigest(site);
        const res = await send(r.method, path, body, type);
        if (!expected.includes(res.status)) wrong.push(`${r.method} ${r.url} with ${what}: ${res.status}`);
        if (databaseDigest(site) !== before)
          wrong.push(`${r.method} ${r.url} with ${what} changed the database`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it("answers malformed and unsupported bodies with a clear 4xx, never a 500", async () => {
    const cases: [string, string, string, number[]][] = [
      // Page routes refuse JSON unread (415); elsewhere it is parsed and refused (400/403).
      ["truncated JSON", '{"_csrf":', "application/json", [400, 415]],
      ["JSON with a __proto__ key", '{"__proto__":{"role":"admin"}}', "application/json", [400, 415]],
      ["a JSON number", "12", "application/json", [400, 403, 415]],
      [
        "broken percent-encoding",
        "body=%E0%A4%A&%%%=1&paper",
        "application/x-www-form-urlencoded",
        [400, 403],
      ],
      ["XML", "<?xml version='1.0'?><a/>", "application/xml", [415]],
      // Fastify reads text/plain as a string: no form fields, so no token (403) or no address (400).
      ["plain text", "List-Unsubscribe=One-Click", "text/plain", [400, 403, 415]],
    ];
    const wrong: string[] = [];
    for (const r of writeRoutes()) {
      const path = samplePath(r);
      for (const [what, body, type, expected] of cases) {
        const res = await send(r.method, path, body, type);
        // The capability-token routes answer a bad link (404) before they look at the body.
        const ok = expected.includes(res.status) || (res.status === 404 && r.url.includes(":token"));
        if (!ok) wrong.push(`${r.method} ${r.url} with ${what}: ${res.status}`);
        else if (looksLikeStackTrace(res.text))
          wrong.push(`${r.method} ${r.url} with ${what}: a stack trace`);
      }
    }
    assert.deepEqual(wrong, []);
  });
});

describe("hostile path parameters and query strings, on every GET route", () => {
  /** Raw path segments: inserted as they are (already percent-encoded where needed). */
  const HOSTILE_SEGMENTS = [
    "..%2F..%2F..%2Fetc%2Fpasswd",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "%00",
    "%E0%A4%A",
    "%E2%80%AE%E2%80%8B",
    "a".repeat(4000),
    "-1",
    "9999-99-99",
  ];
  const PARAM_NAMES = [
    "q",
    "p",
    "page",
    "limit",
    "cursor",
    "sort",
    "date",
    "week",
    "month",
    "category",
    "author",
    "from",
    "to",
    "next",
    "token",
    "find",
    "submitter",
    "sent",
    "done",
  ];

  /** Each alone as a giant value (the others ride along, 400 characters each, in one query). */
  const GIANT_ONE = ["q", "p", "limit", "cursor", "date", "sort", "next", "token", "find"];

  it("never answers a 500 nor shows a stack trace, and /healthz answers afterwards", async () => {
    const giantValue = "a%3C%22".repeat(1500); // about 10 KB: under Node's 16 KiB header limit
    const wideQuery = PARAM_NAMES.map((n) => `${n}=${"9".repeat(400)}%00%3Cx%3E`).join("&");
    const repeated = Array.from({ length: 1500 }, () => "q=a").join("&");
    const tooLong = `q=${"b".repeat(20_000)}`; // over the header limit: refused by Node (431)
    const wrong: string[] = [];
    const requests: [string, string][] = [];
    const check = (label: string, path: string) => {
      requests.push([label, path]);
    };
    for (const r of readRoutes()) {
      const params = [...r.url.matchAll(/:([A-Za-z0-9_]+)|\*$/g)].length;
      const paths = params
        ? HOSTILE_SEGMENTS.map((seg) => r.url.replace(/:([A-Za-z0-9_]+)/g, seg).replace(/\*$/, seg))
        : [r.url];
      for (const path of paths) check(`GET ${r.url} as ${path.slice(0, 80)}`, path);
      const base = samplePath(r);
      for (const name of GIANT_ONE)
        check(`GET ${r.url} with a giant ${name}`, `${base}?${name}=${giantValue}`);
      check(`GET ${r.url} with every parameter`, `${base}?${wideQuery}`);
      check(`GET ${r.url} with a repeated parameter`, `${base}?${repeated}`);
      check(`GET ${r.url} with a query over the header limit`, `${base}?${tooLong}`);
    }
    // A few at a time, as several visitors would: the whole list stays quick.
    const worker = async () => {
      for (let next = requests.shift(); next; next = requests.shift()) {
        const [label, path] = next;
        const res = await send("GET", path);
        if (res.status >= 500) wrong.push(`${label}: ${res.status}`);
        else if (looksLikeStackTrace(res.text)) wrong.push(`${label}: a stack trace`);
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    assert.deepEqual(wrong, []);
    const health = await fetch(`${site.base}/healthz`);
    assert.equal(health.status, 200);
  });
});
