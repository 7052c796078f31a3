// Sign-up rules over HTTP: validation, throttled confirmation mails, the per-client rate limit,
// confirmation links that expire or are replaced, the manage page, tokens kept out of the logs,
// and the development outbox.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { Writable } from "node:stream";
import { after, test } from "node:test";
import { lookupConfirmation } from "../../src/digest/subscriptionConfirmer.ts";
import {
  CONFIRM_MAX_PER_DAY,
  CONFIRM_MIN_INTERVAL_MS,
  CONFIRM_VALID_DAYS,
  requestSubscription,
} from "../../src/digest/subscriptionCreator.ts";
import { createMailer } from "../../src/mail/mailer.ts";
import { OutboxSender } from "../../src/mail/outboxSender.ts";
import { getSubscriberByEmailKey } from "../../src/store/subscribers.ts";
import { SIGNUP_RATE_LIMIT } from "../../src/web/digest/routes.ts";
import { addActiveSubscribers } from "../support/factories.ts";
import { BASE_URL, type DigestTestContext, digestContext } from "./support/fixtures.ts";
import { digestServer } from "./support/server.ts";

const contexts: DigestTestContext[] = [];
after(async () => {
  for (const c of contexts) await c.cleanup();
});
async function context(env: Record<string, string> = {}): Promise<DigestTestContext> {
  const c = await digestContext(env);
  contexts.push(c);
  return c;
}
const FORM = { "content-type": "application/x-www-form-urlencoded" };
const confirmRows = (c: DigestTestContext) =>
  c.store.db.selectFrom("outbox").selectAll().where("kind", "=", "message").execute();

test("invalid sign-ups are refused with a reason, as a page or as JSON", async () => {
  const c = await context();
  const app = await digestServer(c);
  for (const [email, pattern] of [
    ["", /Enter an email address/],
    ["no-at-sign", /exactly one @/],
    ["a@b@c.org", /exactly one @/],
    ["space in@example.org", /characters an address cannot have/],
    ["x@localhost", /not a valid domain/],
    ["x@[127.0.0.1]", /not a valid domain/],
    ["x@example.org\r\nBcc: victim@example.org", /exactly one @/],
    ["x@example.org\r\nSubject: hi", /not a valid domain/],
    ["<script>@example.org", /characters an address cannot have/],
  ] as const) {
    // (Distinct client addresses: this test is not about the rate limit.)
    const res = await app.inject({
      method: "POST",
      url: "/subscribe",
      headers: FORM,
      payload: new URLSearchParams({ email }).toString(),
      remoteAddress: `10.1.0.${email.length}`,
    });
    assert.equal(res.statusCode, 400, email);
    assert.match(res.body, pattern, email);
    assert.doesNotMatch(res.body, /<script>@/, "the typed value is escaped when shown again");
  }
  const topic = await app.inject({
    method: "POST",
    url: "/subscribe",
    headers: FORM,
    payload: "email=a%40example.org&topics=math.AG",
  });
  assert.equal(topic.statusCode, 400);
  assert.match(topic.body, /does not list math.AG/);
  const json = await app.inject({
    method: "POST",
    url: "/subscribe",
    headers: { accept: "application/json" },
    payload: { email: "nope", frequency: "hourly" },
  });
  assert.equal(json.statusCode, 400);
  assert.deepEqual(json.json(), {
    error: "invalid_parameter",
    parameter: "email",
    message: "An email address has exactly one @, like you@university.edu.",
  });
  const ok = await app.inject({
    method: "POST",
    url: "/subscribe",
    headers: { accept: "application/json" },
    payload: { email: "json@example.org", frequency: "weekly", topics: ["cs.CV"] },
  });
  assert.equal(ok.statusCode, 202);
  assert.deepEqual(ok.json(), { status: "confirmation_sent", email: "json@example.org" });
  assert.equal((await confirmRows(c)).length, 1, "only the valid sign-up queued a mail");
  await app.close();
});

test("confirmation mails to one address are throttled; the answer does not tell", async () => {
  const c = await context();
  const t0 = Date.parse("2026-06-15T10:00:00Z");
  const first = await requestSubscription(c.deps, { email: "dup@example.org" }, t0);
  const again = await requestSubscription(c.deps, { email: "DUP@example.org" }, t0 + 1_000);
  assert.deepEqual(
    [first.ok && first.confirmationQueued, again.ok && again.confirmationQueued],
    [true, false],
  );
  // After the minimum interval, one more; up to the daily cap.
  let t = t0;
  for (let i = 1; i < CONFIRM_MAX_PER_DAY; i++) {
    t += CONFIRM_MIN_INTERVAL_MS;
    const r = await requestSubscription(c.deps, { email: "dup@example.org" }, t);
    assert.ok(r.ok && r.confirmationQueued, `send ${i + 1}`);
  }
  t += CONFIRM_MIN_INTERVAL_MS;
  const capped = await requestSubscription(c.deps, { email: "dup@example.org" }, t);
  assert.ok(capped.ok && !capped.confirmationQueued, "the daily cap holds");
  const nextDay = await requestSubscription(c.deps, { email: "dup@example.org" }, t0 + 86_400_000 + 1);
  assert.ok(nextDay.ok && nextDay.confirmationQueued, "a day later the window is fresh");
  assert.equal((await confirmRows(c)).length, CONFIRM_MAX_PER_DAY + 1);
  // Over HTTP a throttled request looks exactly like a sent one.
  const app = await digestServer(c);
  const bodies = [];
  for (const email of ["fresh@example.org", "fresh@example.org"]) {
    const res = await app.inject({
      method: "POST",
      url: "/subscribe",
      headers: FORM,
      payload: `email=${encodeURIComponent(email)}`,
      remoteAddress: "10.0.0.9",
    });
    assert.equal(res.statusCode, 200);
    bodies.push(res.body);
  }
  assert.equal(bodies[0], bodies[1]);
  await app.close();
});

test("a flood of sign-ups from one client is rate-limited", async () => {
  const c = await context();
  const app = await digestServer(c);
  const codes: number[] = [];
  for (let i = 0; i <= SIGNUP_RATE_LIMIT.max; i++) {
    const res = await app.inject({
      method: "POST",
      url: "/subscribe",
      headers: FORM,
      payload: `email=flood${i}%40example.org`,
      remoteAddress: "203.0.113.7",
    });
    codes.push(res.statusCode);
  }
  assert.deepEqual(codes.slice(0, SIGNUP_RATE_LIMIT.max), Array(SIGNUP_RATE_LIMIT.max).fill(200));
  assert.equal(codes[SIGNUP_RATE_LIMIT.max], 429);
  const other = await app.inject({
    method: "POST",
    url: "/subscribe",
    headers: FORM,
    payload: "email=other%40example.org",
    remoteAddress: "203.0.113.8",
  });
  assert.equal(other.statusCode, 200, "another client is not affected");
  await app.close();
});

test("confirmation links: the same link while pending, a new one after expiry, none after use", async () => {
  const c = await context();
  const t0 = Date.parse("2026-06-15T10:00:00Z");
  await requestSubscription(
    c.deps,
    { email: "link@example.org", frequency: "weekly", topics: ["cs.CV"] },
    t0,
  );
  const link = (row: { payload: string | null }) =>
    /\/subscribe\/confirm\/(\S+)/.exec(JSON.parse(row.payload ?? "{}").text)?.[1] ?? "";
  const firstToken = link((await confirmRows(c))[0]);
  await requestSubscription(c.deps, { email: "link@example.org" }, t0 + CONFIRM_MIN_INTERVAL_MS + 1);
  const rows = await confirmRows(c);
  assert.equal(rows.length, 2);
  assert.equal(link(rows[1]), firstToken, "a re-sent confirmation carries the same link");
  const found = await lookupConfirmation(c.deps, firstToken, t0 + 60_000);
  assert.ok(found.ok);
  assert.equal(found.frequency, "daily", "the latest request's choices are offered");
  // Expired...
  const late = t0 + CONFIRM_MIN_INTERVAL_MS + 1 + CONFIRM_VALID_DAYS * 86_400_000 + 1;
  assert.deepEqual(await lookupConfirmation(c.deps, firstToken, late), { ok: false, reason: "expired" });
  // ...and a new request then makes a new link, retiring the old one.
  await requestSubscription(c.deps, { email: "link@example.org" }, late);
  const newToken = link((await confirmRows(c))[2]);
  assert.notEqual(newToken, firstToken);
  assert.deepEqual(await lookupConfirmation(c.deps, firstToken, late), { ok: false, reason: "expired" });
  assert.ok((await lookupConfirmation(c.deps, newToken, late)).ok);
});

test("the manage page changes frequency and topics, and refuses bad input", async () => {
  const c = await context();
  const app = await digestServer(c);
  const [id] = await addActiveSubscribers(c, ["manage@example.org"], { topics: ["cs.LG"] });
  const url = `/subscription/${c.deps.signer.sign("manage", id)}`;
  const page = await app.inject({ method: "GET", url });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /value="cs.LG" checked/);
  assert.match(page.body, /manage@example\.org/);
  assert.equal(page.headers["cache-control"], "no-store");
  assert.equal(page.headers["referrer-policy"], "no-referrer");
  const saved = await app.inject({
    method: "POST",
    url,
    headers: FORM,
    payload: "action=update&frequency=weekly&topics=cs.CV&topics=cs.CL",
  });
  assert.equal(saved.statusCode, 200);
  assert.match(saved.body, /Saved\./);
  const s = await getSubscriberByEmailKey(c.store.db, "manage@example.org");
  assert.deepEqual([s?.frequency, s?.topics], ["weekly", ["cs.CL", "cs.CV"]]);
  const bad = await app.inject({
    method: "POST",
    url,
    headers: FORM,
    payload: "action=update&frequency=hourly",
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Choose daily or weekly/);
  const out = await app.inject({ method: "POST", url, headers: FORM, payload: "action=unsubscribe" });
  assert.equal(out.statusCode, 200);
  assert.equal((await getSubscriberByEmailKey(c.store.db, "manage@example.org"))?.status, "unsubscribed");
  // "Subscribe again" (a post without the preference form) keeps the choices made before.
  const back = await app.inject({ method: "POST", url, headers: FORM, payload: "action=resubscribe" });
  assert.equal(back.statusCode, 200);
  const again = await getSubscriberByEmailKey(c.store.db, "manage@example.org");
  assert.deepEqual(
    [again?.status, again?.frequency, again?.topics],
    ["active", "weekly", ["cs.CL", "cs.CV"]],
  );
  await app.close();
});

test("tokens in links never reach the server log", async () => {
  const c = await context();
  const lines: string[] = [];
  const logStream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  const app = await digestServer(c, { logStream });
  const [id] = await addActiveSubscribers(c, ["logged@example.org"]);
  const tokens = [c.deps.signer.sign("unsubscribe", id), c.deps.signer.sign("manage", id)];
  await app.inject({ method: "GET", url: `/unsubscribe/${tokens[0]}` });
  await app.inject({
    method: "POST",
    url: `/unsubscribe/${tokens[0]}`,
    headers: FORM,
    payload: "List-Unsubscribe=One-Click",
  });
  await app.inject({ method: "GET", url: `/subscription/${tokens[1]}` });
  await app.close();
  const log = lines.join("");
  assert.match(log, /\/unsubscribe\/<redacted>/, "requests are still logged");
  for (const t of tokens) assert.ok(!log.includes(t.split(".")[1]), "no token (or its MAC) in the log");
});

test("without SMTP, mails land in <data dir>/outbox and are listed at /dev/outbox", async () => {
  // No PAPERTIDE_SMTP_URL; a developer's own base URL (see devOutbox.test.ts for who sees the page).
  const c = await context({ PAPERTIDE_BASE_URL: "http://localhost:3000" });
  assert.equal(c.mail.transport, "folder");
  const app = await digestServer(c);
  await app.inject({ method: "POST", url: "/subscribe", headers: FORM, payload: "email=dev%40example.org" });
  const mailer = createMailer(c.mail);
  assert.equal((await new OutboxSender({ store: c.store, mailer }).drain()).sent, 1);
  const dir = path.join(c.store.dir, "outbox");
  const emls = fs.readdirSync(dir).filter((f) => f.endsWith(".eml"));
  assert.equal(emls.length, 1);
  const raw = fs.readFileSync(path.join(dir, emls[0]), "utf8");
  assert.match(raw, /^To: dev@example\.org$/m);
  assert.match(raw, /^Subject: Confirm your Papertide digest subscription$/m);
  const list = await app.inject({ method: "GET", url: "/dev/outbox" });
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /dev@example\.org/);
  assert.match(list.body, new RegExp(`href="/dev/outbox/${emls[0].replace(/\.eml$/, "")}"`));
  const one = await app.inject({ method: "GET", url: `/dev/outbox/${emls[0]}` });
  assert.equal(one.statusCode, 200);
  assert.match(String(one.headers["content-type"]), /^text\/plain/);
  assert.equal(one.body, raw);
  assert.notEqual(
    (await app.inject({ method: "GET", url: "/dev/outbox/..%2Fpapertide.db" })).statusCode,
    200,
  );
  await app.close();

  // With SMTP configured, on a public interface or with a public base URL, there is no such page.
  const others: Record<string, string>[] = [
    { PAPERTIDE_BASE_URL: "http://localhost:3000", PAPERTIDE_SMTP_URL: "smtp://127.0.0.1:1" },
    { PAPERTIDE_BASE_URL: "http://localhost:3000", PAPERTIDE_HOST: "0.0.0.0" },
    {},
  ];
  for (const env of others) {
    const other = await context(env);
    const otherApp = await digestServer(other);
    assert.equal(otherApp.hasRoute({ method: "GET", url: "/dev/outbox" }), false, JSON.stringify(env));
    await otherApp.close();
  }
  assert.ok(BASE_URL);
});
