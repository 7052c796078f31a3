// No secret outlives its use where others can read it: every link-carrying flow (sign-up and
// verification, forgotten password and reset, change of address and of password, digest sign-up,
// confirmation, manage, unsubscribe, alert stop, sign-in) is driven over HTTP with the SMTP server refusing the first mail (451), so
// retries happen too; then every log line and every row of every table is searched for each
// secret seen: the tokens the mails carried, the passwords, the session cookies, the server
// secret and the SMTP password. Stored hashes are fine; the raw values are not.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "kysely";
import { createDigestService, type DigestService } from "../../src/digest/service.ts";
import type { Clock } from "../../src/model/clock.ts";
import { getSubscriberByEmailKey } from "../../src/store/subscribers.ts";
import { type SmtpSink, startSmtpSink } from "../support/smtpSink.ts";
import { type Browser, type Harness, linkIn, startHarness } from "./support/harness.ts";

const SERVER_SECRET = "server-secret-never-stored-or-logged-0123456789";
const SMTP_PASS = "smtp-pass-Xq7Vn2Lw9";
const SIGNUP_PASSWORD = "first password 4Rt9Lk";
const NEW_PASSWORD = "second password 8Zp3Qm";
const CHANGED_PASSWORD = "third password 5Wd2Hx";

/** The outbox sender's clock: far enough ahead that the account mailer's retry (30 s backoff) is due. */
const AHEAD: Clock = { now: () => new Date(Date.now() + 3_600_000) };

let h: Harness;
let sink: SmtpSink;
let service: DigestService;
const serviceLog: string[] = [];
/** Every secret value the flows below handled, by what it is. */
const secrets = new Map<string, string>([
  ["server secret", SERVER_SECRET],
  ["SMTP password", SMTP_PASS],
  ["sign-up password", SIGNUP_PASSWORD],
  ["new password", NEW_PASSWORD],
  ["changed password", CHANGED_PASSWORD],
]);

before(async () => {
  sink = await startSmtpSink({
    auth: { user: "papertide", pass: SMTP_PASS },
    // The first mail is refused for now, so it is delivered by a retry.
    refuseFirst: 1,
  });
  h = await startHarness({
    env: { PAPERTIDE_SMTP_URL: sink.url, PAPERTIDE_SECRET: SERVER_SECRET, PAPERTIDE_DEMO: "0" },
  });
  service = await createDigestService(h.app.digestDeps, {
    scheduler: false,
    log: (line) => serviceLog.push(line),
    sender: { clock: AHEAD, backoff: { baseMs: 10, maxMs: 20, maxAttempts: 5 } },
  });
});
after(async () => {
  await service?.mailer.close();
  await h?.close();
  await sink?.close();
});

let ip = 20;
const client = () => ({ "x-forwarded-for": `198.51.100.${ip++}` });

/** Hands what the account mailer could not send to the outbox sender; returns the newest mail's text. */
async function deliver(count: number): Promise<string> {
  await h.app.accountDeps.mailer.idle();
  await service.sender.drain({ waitForRetries: true, deadlineMs: AHEAD.now().getTime() + 10_000 });
  await sink.waitFor(count);
  return String(sink.messages[count - 1].parsed.text);
}

function tokenOf(path: string): string {
  const m = /[?&]token=([^&\s]+)/.exec(path) ?? /\/([^/?\s]+)$/.exec(path);
  assert.ok(m, `a token in ${path}`);
  return decodeURIComponent(m[1]);
}

function session(b: Browser, label: string): void {
  const id = b.cookies.get("papertide_session");
  assert.ok(id, `${label}: a session cookie`);
  secrets.set(label, id);
}

describe("secrets", () => {
  it("never reach a log line or a stored row, through every link-carrying flow", async () => {
    // Sign-up and verification (the verification mail is the one refused at first).
    const b = h.browser();
    const headers = client();
    const signup = await b.submit(
      "/signup",
      "/signup",
      { email: "writer@example.org", handle: "writer", password: SIGNUP_PASSWORD },
      headers,
    );
    assert.equal(signup.status, 200);
    const verifyPath = linkIn(await deliver(1), "/account/verify?token=");
    secrets.set("verification token", tokenOf(verifyPath));
    assert.equal((await b.get(verifyPath, headers)).status, 200);
    const verified = await b.submit(verifyPath, "/account/verify", { token: tokenOf(verifyPath) }, headers);
    assert.equal(verified.status, 200);

    // Sign-in with the password.
    const login = await b.submit(
      "/login",
      "/login",
      { email: "writer@example.org", password: SIGNUP_PASSWORD },
      headers,
    );
    assert.equal(login.status, 303);
    session(b, "first session id");
    assert.equal((await b.get("/account", headers)).status, 200);

    // Forgotten password and reset, then sign-in with the new one.
    const other = h.browser();
    const otherHeaders = client();
    await other.submit("/forgot-password", "/forgot-password", { email: "writer@example.org" }, otherHeaders);
    const resetPath = linkIn(await deliver(2), "/reset-password?token=");
    secrets.set("reset token", tokenOf(resetPath));
    assert.equal((await other.get(resetPath, otherHeaders)).status, 200);
    const reset = await other.submit(
      resetPath,
      "/reset-password",
      { token: tokenOf(resetPath), password: NEW_PASSWORD },
      otherHeaders,
    );
    assert.equal(reset.status, 303);
    const again = await other.submit(
      "/login",
      "/login",
      { email: "writer@example.org", password: NEW_PASSWORD },
      otherHeaders,
    );
    assert.equal(again.status, 303);
    session(other, "second session id");

    // A change of address (a link to the new address, a notice to the old one), then of password.
    const moving = await other.submit(
      "/account",
      "/account/email",
      { email: "moved@example.org", current: NEW_PASSWORD },
      otherHeaders,
    );
    assert.equal(moving.status, 303);
    await deliver(4);
    const changeMail = sink.messages
      .slice(2, 4)
      .map((m) => String(m.parsed.text))
      .find((t) => t.includes("/account/email/confirm"));
    const emailPath = linkIn(changeMail, "/account/email/confirm?token=");
    secrets.set("address change token", tokenOf(emailPath));
    assert.equal((await other.get(emailPath, otherHeaders)).status, 200);
    const moved = await other.submit(
      emailPath,
      "/account/email/confirm",
      { token: tokenOf(emailPath) },
      otherHeaders,
    );
    assert.equal(moved.status, 303);
    const changed = await other.submit(
      "/account",
      "/account/password",
      { current: NEW_PASSWORD, password: CHANGED_PASSWORD },
      otherHeaders,
    );
    assert.equal(changed.status, 303);
    assert.equal((await other.get("/account", otherHeaders)).status, 200, "this session stays");

    // Digest: sign-up, confirmation, manage, unsubscribe, alert stop.
    const reader = h.browser();
    const readerHeaders = client();
    const subscribed = await reader.request("POST", "/subscribe", {
      form: { email: "reader@example.org" },
      headers: readerHeaders,
    });
    assert.equal(subscribed.status, 200);
    const confirmPath = linkIn(await deliver(5), "/subscribe/confirm/");
    secrets.set("confirmation token", tokenOf(confirmPath));
    assert.equal((await reader.get(confirmPath, readerHeaders)).status, 200);
    const confirmed = await reader.request("POST", confirmPath, {
      form: { frequency: "daily" },
      headers: readerHeaders,
    });
    assert.equal(confirmed.status, 200);
    const manage = /href="http:\/\/papertide\.test(\/subscription\/[^"]+)"/.exec(confirmed.text);
    assert.ok(manage, "the confirmed page links to the manage page");
    const managePath = manage[1];
    secrets.set("manage token", tokenOf(managePath));
    assert.equal((await reader.get(managePath, readerHeaders)).status, 200);
    const updated = await reader.request("POST", managePath, {
      form: { action: "update", frequency: "weekly" },
      headers: readerHeaders,
    });
    assert.equal(updated.status, 200);
    const subscriber = await getSubscriberByEmailKey(h.store.db, "reader@example.org");
    assert.ok(subscriber);
    const { signer } = h.app.digestDeps;
    const unsubscribeToken = signer.sign("unsubscribe", subscriber.id);
    const alertsToken = signer.sign("alerts", subscriber.id);
    secrets.set("unsubscribe token", unsubscribeToken);
    secrets.set("alert stop token", alertsToken);
    assert.equal((await reader.get(`/alerts/stop/${alertsToken}`, readerHeaders)).status, 200);
    const stopped = await reader.request("POST", `/alerts/stop/${alertsToken}`, {
      form: { "List-Unsubscribe": "One-Click" },
      headers: readerHeaders,
    });
    assert.equal(stopped.status, 200);
    assert.equal((await reader.get(`/unsubscribe/${unsubscribeToken}`, readerHeaders)).status, 200);
    const unsubscribed = await reader.request("POST", `/unsubscribe/${unsubscribeToken}`, {
      form: { "List-Unsubscribe": "One-Click" },
      headers: readerHeaders,
    });
    assert.equal(unsubscribed.status, 200);
    // An error page on a link's address (a body the route cannot read) does not repeat the token.
    const failed = await fetch(h.base + managePath, {
      method: "POST",
      headers: { ...readerHeaders, "content-type": "text/xml" },
      body: "<update/>",
    });
    assert.equal(failed.status, 415);
    assert.ok(!(await failed.text()).includes(tokenOf(managePath)), "the error page repeats the token");
    await h.app.accountDeps.mailer.idle();

    // Where a secret must not be: the logs...
    const logs = `${h.logs()}\n${serviceLog.join("\n")}`;
    assert.match(logs, /"url":"\/reset-password\?token=<redacted>"/, "the requests were logged");
    assert.match(logs, /"url":"\/subscribe\/confirm\/<redacted>"/);
    assert.match(logs, /"url":"\/account\/email\/confirm\?token=<redacted>"/);
    const lines = logs.split("\n");
    // ...and every row of every table.
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(
      h.store.db,
    );
    assert.ok(tables.rows.length > 10, "the whole schema is searched");
    const rows: string[] = [];
    for (const { name } of tables.rows) {
      const all = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(h.store.db);
      for (const r of all.rows) rows.push(`${name}: ${JSON.stringify(r)}`);
    }
    for (const [what, value] of secrets) {
      for (const form of new Set([
        value,
        encodeURIComponent(value),
        new URLSearchParams({ v: value }).toString().slice(2),
      ])) {
        const line = lines.find((l) => l.includes(form));
        assert.equal(line, undefined, `the ${what} is in a log line: ${line}`);
        const row = rows.find((r) => r.includes(form));
        assert.equal(row, undefined, `the ${what} is in a stored row: ${row}`);
      }
    }
    // The retried mails went out once each and their rows are finished.
    const outbox = await h.store.db.selectFrom("outbox").select(["status", "attempts"]).execute();
    assert.equal(outbox.length, 5);
    assert.ok(
      outbox.some((r) => Number(r.attempts) > 1),
      "one mail needed a retry",
    );
    assert.deepEqual(
      outbox.map((r) => r.status),
      outbox.map(() => "sent"),
    );
  });
});
