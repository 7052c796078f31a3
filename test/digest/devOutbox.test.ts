// The development outbox (/dev/outbox) holds live reset and confirmation links: only a developer
// at this machine sees it. Not a client behind a reverse proxy on the same host, not a remote
// peer, not a site with a public base URL (unless asked for), never in production.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import type { FastifyInstance } from "fastify";
import { createMailer } from "../../src/mail/mailer.ts";
import { OutboxSender } from "../../src/mail/outboxSender.ts";
import { type DigestTestContext, digestContext } from "./support/fixtures.ts";
import { digestServer } from "./support/server.ts";

const contexts: DigestTestContext[] = [];
const apps: FastifyInstance[] = [];
after(async () => {
  for (const a of apps) await a.close();
  for (const c of contexts) await c.cleanup();
});

const LOCAL = "http://localhost:3000";
const FORM = { "content-type": "application/x-www-form-urlencoded" };

/** A server without SMTP, with one confirmation mail in its outbox folder; returns the file name. */
async function serverWithMail(
  env: Record<string, string>,
  nodeEnv?: string,
): Promise<{ app: FastifyInstance; c: DigestTestContext; eml: string }> {
  const c = await digestContext(nodeEnv ? { ...env, NODE_ENV: nodeEnv } : env);
  contexts.push(c);
  const app = await digestServer(c);
  apps.push(app);
  await app.inject({ method: "POST", url: "/subscribe", headers: FORM, payload: "email=dev%40example.org" });
  assert.equal((await new OutboxSender({ store: c.store, mailer: createMailer(c.mail) }).drain()).sent, 1);
  const [eml] = fs.readdirSync(path.join(c.store.dir, "outbox")).filter((f) => f.endsWith(".eml"));
  assert.ok(eml, "the mail was written to the outbox folder");
  return { app, c, eml };
}

test("a plain request from this machine sees the outbox, without the data directory's path", async () => {
  const { app, c, eml } = await serverWithMail({ PAPERTIDE_BASE_URL: LOCAL });
  const list = await app.inject({ method: "GET", url: "/dev/outbox" });
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /dev@example\.org/);
  assert.ok(!list.body.includes(c.store.dir), "the data directory is not printed");
  const one = await app.inject({ method: "GET", url: `/dev/outbox/${eml}` });
  assert.equal(one.statusCode, 200);
  assert.match(one.body, /subscribe\/confirm\//);
});

test("each mail is shown decoded: headers, the text part with whole links, the HTML part in a sandbox", async () => {
  const { app, eml } = await serverWithMail({ PAPERTIDE_BASE_URL: LOCAL });
  const id = eml.replace(/\.eml$/, "");
  const list = await app.inject({ method: "GET", url: "/dev/outbox" });
  assert.match(list.body, new RegExp(`href="/dev/outbox/${id}"`));
  const page = await app.inject({ method: "GET", url: `/dev/outbox/${id}` });
  assert.equal(page.statusCode, 200);
  assert.match(String(page.headers["content-type"]), /^text\/html/);
  assert.match(page.body, /<h1 class="mail-subject">Confirm your Papertide digest subscription<\/h1>/);
  assert.match(page.body, /dev@example\.org/);
  // The confirmation link is whole and clickable: no quoted-printable =3D, no soft line break.
  const link = /<a href="(http:\/\/localhost:3000\/subscribe\/confirm\/[^"]+)">/.exec(page.body);
  assert.ok(link, "a clickable confirmation link in the text part");
  assert.doesNotMatch(link[1], /=3D|=\r?\n/);
  const confirm = await app.inject({ method: "GET", url: link[1].replace(LOCAL, "") });
  assert.equal(confirm.statusCode, 200, "the link works");
  // The HTML part is in a frame without scripts or the site's origin, loaded from its own address.
  const frame = /<iframe[^>]*src="([^"]+)"[^>]*>/.exec(page.body);
  assert.ok(frame);
  assert.match(
    frame[0],
    /sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation"/,
  );
  assert.doesNotMatch(frame[0], /allow-scripts|allow-same-origin/);
  const html = await app.inject({ method: "GET", url: frame[1] });
  assert.equal(html.statusCode, 200);
  const csp = String(html.headers["content-security-policy"]);
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /sandbox/);
  assert.doesNotMatch(csp, /script-src/);
  assert.match(html.body, /<base target="_top">/);
  assert.match(html.body, /href="http:\/\/localhost:3000\/subscribe\/confirm\//);
  assert.doesNotMatch(html.body, /=3D/);
  // The source is still there, as text.
  const source = await app.inject({ method: "GET", url: `/dev/outbox/${eml}` });
  assert.match(String(source.headers["content-type"]), /^text\/plain/);
  // Only our own file names.
  for (const url of ["/dev/outbox/..%2Fpapertide.db", "/dev/outbox/..%2Fx/html", "/dev/outbox/nothere/html"])
    assert.equal((await app.inject({ method: "GET", url })).statusCode, 404, url);
});

test("a request through a proxy, or from another machine, gets 404", async () => {
  const { app, eml } = await serverWithMail({
    PAPERTIDE_BASE_URL: LOCAL,
    PAPERTIDE_TRUST_PROXY: "127.0.0.1",
  });
  const proxied: Record<string, string>[] = [
    { "x-forwarded-for": "203.0.113.9" },
    { "x-forwarded-for": "127.0.0.1" },
    { "x-forwarded-host": "localhost" },
    { forwarded: "for=203.0.113.9" },
    { "x-real-ip": "203.0.113.9" },
    { via: "1.1 proxy" },
  ];
  for (const headers of proxied) {
    for (const url of [
      "/dev/outbox",
      `/dev/outbox/${eml}`,
      `/dev/outbox/${eml.slice(0, -4)}`,
      `/dev/outbox/${eml.slice(0, -4)}/html`,
    ]) {
      const res = await app.inject({ method: "GET", url, headers });
      assert.equal(res.statusCode, 404, `${url} with ${JSON.stringify(headers)}`);
      assert.doesNotMatch(res.body, /dev@example\.org|token|confirm/);
    }
  }
  for (const url of ["/dev/outbox", `/dev/outbox/${eml}`]) {
    const res = await app.inject({ method: "GET", url, remoteAddress: "203.0.113.9" });
    assert.equal(res.statusCode, 404, `${url} from a remote peer`);
  }

  // Over a real connection, as a reverse proxy on this host would make it.
  await app.listen({ port: 0, host: "127.0.0.1" });
  const { port } = app.server.address() as { port: number };
  const viaProxy = await fetch(`http://127.0.0.1:${port}/dev/outbox/${eml}`, {
    headers: { "x-forwarded-for": "203.0.113.9" },
  });
  assert.equal(viaProxy.status, 404);
  assert.doesNotMatch(await viaProxy.text(), /subscribe\/confirm\//);
  const direct = await fetch(`http://127.0.0.1:${port}/dev/outbox/${eml}`);
  assert.equal(direct.status, 200);
  await direct.text();
});

test("a site whose base URL is not a loopback URL has no outbox page, unless developer pages are on", async () => {
  const { app, eml } = await serverWithMail({ PAPERTIDE_BASE_URL: "https://papers.example.org" });
  assert.equal((await app.inject({ method: "GET", url: "/dev/outbox" })).statusCode, 404);
  assert.equal((await app.inject({ method: "GET", url: `/dev/outbox/${eml}` })).statusCode, 404);

  const on = await serverWithMail({ PAPERTIDE_BASE_URL: "http://papertide.test", PAPERTIDE_DEV_PAGES: "on" });
  assert.equal((await on.app.inject({ method: "GET", url: "/dev/outbox" })).statusCode, 200);
  const proxied = await on.app.inject({
    method: "GET",
    url: "/dev/outbox",
    headers: { "x-forwarded-for": "203.0.113.9" },
  });
  assert.equal(proxied.statusCode, 404, "still only for a local developer");

  const off = await serverWithMail({ PAPERTIDE_BASE_URL: LOCAL, PAPERTIDE_DEV_PAGES: "off" });
  assert.equal((await off.app.inject({ method: "GET", url: "/dev/outbox" })).statusCode, 404);
});

test("in production there is no outbox page, whatever the settings", async () => {
  const envs: Record<string, string>[] = [
    { PAPERTIDE_BASE_URL: LOCAL },
    { PAPERTIDE_BASE_URL: LOCAL, PAPERTIDE_DEV_PAGES: "on" },
  ];
  for (const env of envs) {
    const { app, eml } = await serverWithMail(env, "production");
    assert.equal(
      (await app.inject({ method: "GET", url: "/dev/outbox" })).statusCode,
      404,
      JSON.stringify(env),
    );
    assert.equal((await app.inject({ method: "GET", url: `/dev/outbox/${eml}` })).statusCode, 404);
  }
});

test("a misspelt PAPERTIDE_DEV_PAGES stops the server with a clear message", async () => {
  // Settings are read at start: the configuration itself is refused, before any server exists.
  await assert.rejects(
    digestContext({ PAPERTIDE_BASE_URL: LOCAL, PAPERTIDE_DEV_PAGES: "maybe" }),
    /PAPERTIDE_DEV_PAGES must be auto, on or off, got "maybe"/,
  );
});
