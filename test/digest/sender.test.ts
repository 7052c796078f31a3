// The sender against a real SMTP server that misbehaves: down for a while, greylisting (4xx),
// rejecting for good (5xx), refusing our password; two senders sharing one outbox; and the one
// window where a mail can go out twice, shown rather than hidden.
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import type { MailSettings } from "../../src/config/mail.ts";
import { createAlertsRenderer, createDigestRenderer } from "../../src/digest/digestRenderer.ts";
import { buildPeriod } from "../../src/digest/periodBuilder.ts";
import { dailyPeriod } from "../../src/digest/periods.ts";
import { setUnsubscribed } from "../../src/digest/unsubscriber.ts";
import { createMailer } from "../../src/mail/mailer.ts";
import { OutboxSender } from "../../src/mail/outboxSender.ts";
import { claimNextOutbox, outboxCounts } from "../../src/store/outbox.ts";
import { getSubscriber } from "../../src/store/subscribers.ts";
import { addActiveSubscribers, importPapers } from "../support/factories.ts";
import { startSmtpSink } from "../support/smtpSink.ts";
import { type DigestTestContext, digestContext, WEEK_PAPERS } from "./support/fixtures.ts";

const FAST = { baseMs: 40, maxMs: 250, maxAttempts: 30 };
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length) await (cleanups.pop() as () => Promise<unknown>)();
});

async function setup(
  smtpUrl: string,
  n: number,
): Promise<{
  ctx: DigestTestContext;
  ids: string[];
  sender: (extra?: object) => OutboxSender;
  mail: MailSettings;
}> {
  const ctx = await digestContext({ PAPERTIDE_SMTP_URL: smtpUrl });
  cleanups.push(() => ctx.cleanup());
  await importPapers(ctx, WEEK_PAPERS);
  const ids = await addActiveSubscribers(
    ctx,
    Array.from({ length: n }, (_, i) => `reader${i}@example.org`),
  );
  const mail = ctx.mail;
  const sender = (extra: object = {}) => {
    const mailer = createMailer(mail);
    cleanups.push(() => mailer.close());
    return new OutboxSender({
      store: ctx.store,
      mailer,
      renderers: { digest: createDigestRenderer(ctx.deps), alerts: createAlertsRenderer(ctx.deps) },
      backoff: FAST,
      leaseMs: 1_000,
      concurrency: 3,
      ...extra,
    });
  };
  return { ctx, ids, sender, mail };
}

const period = dailyPeriod("2026-06-16", 7);
const build = (ctx: DigestTestContext, p = period) => buildPeriod(ctx.deps, p, Date.parse(p.dueAt));
const sorted = (xs: string[]) => [...xs].sort();

test("SMTP server down for a while: everything arrives once it is back, exactly once", async () => {
  // Reserve a port, then leave it closed: connections are refused.
  const probe = await startSmtpSink();
  const port = probe.port;
  await probe.close();
  const { ctx, sender } = await setup(`smtp://127.0.0.1:${port}`, 12);
  assert.equal((await build(ctx)).enqueued, 12);
  const s = sender();
  const draining = s.drain({ waitForRetries: true, deadlineMs: Date.now() + 20_000 });
  await new Promise((r) => setTimeout(r, 800));
  assert.equal((await outboxCounts(ctx.store.db)).sent, 0);
  const sink = await startSmtpSink({ port });
  cleanups.push(() => sink.close());
  const result = await draining;
  assert.equal(result.sent, 12);
  assert.equal(sink.messages.length, 12);
  assert.equal(new Set(sink.ids()).size, 12, "no duplicates");
  const counts = await outboxCounts(ctx.store.db);
  assert.deepEqual(
    { sent: counts.sent, pending: counts.pending, failed: counts.failed },
    { sent: 12, pending: 0, failed: 0 },
  );
  const attempts = await ctx.store.db.selectFrom("outbox").select("attempts").execute();
  assert.ok(
    attempts.some((a) => a.attempts > 1),
    "some rows were retried",
  );
});

test("a 4xx (greylisting) is retried with backoff until accepted", async () => {
  let refusals = 0;
  const sink = await startSmtpSink({
    rejectRcpt: (a) =>
      a === "reader0@example.org" && refusals++ < 2 ? { code: 451, message: "Greylisted, try later" } : null,
  });
  cleanups.push(() => sink.close());
  const { ctx } = await setup(sink.url, 1).then(async (x) => {
    await build(x.ctx);
    await x.sender().drain({ waitForRetries: true, deadlineMs: Date.now() + 10_000 });
    return x;
  });
  assert.equal(sink.messages.length, 1);
  const row = await ctx.store.db.selectFrom("outbox").selectAll().executeTakeFirstOrThrow();
  assert.equal(row.status, "sent");
  assert.equal(row.attempts, 3);
});

test("a 5xx gives up at once; three in a row mark the address bouncing", async () => {
  const sink = await startSmtpSink({
    rejectRcpt: (a) => (a === "reader1@example.org" ? { code: 550, message: "No such user" } : null),
  });
  cleanups.push(() => sink.close());
  const { ctx, ids, sender } = await setup(sink.url, 2);
  const s = sender();
  const days = ["2026-06-15", "2026-06-16", "2026-06-17"]; // each covers days with papers
  for (const [k, day] of days.entries()) {
    const p = dailyPeriod(day, 7);
    await build(ctx, p);
    const r = await s.drain({ waitForRetries: true, deadlineMs: Date.now() + 10_000 });
    assert.deepEqual(
      { sent: r.sent, failed: r.failed, retried: r.retried },
      { sent: 1, failed: 1, retried: 0 },
    );
    assert.equal((await getSubscriber(ctx.store.db, ids[1]))?.hardBounces, k + 1);
  }
  assert.equal((await getSubscriber(ctx.store.db, ids[1]))?.status, "bouncing");
  assert.equal((await getSubscriber(ctx.store.db, ids[0]))?.status, "active");
  const failed = await ctx.store.db.selectFrom("outbox").selectAll().where("status", "=", "failed").execute();
  assert.equal(failed.length, 3);
  assert.ok(failed.every((f) => f.attempts === 1 && /550/.test(f.last_error ?? "")));
  // No more digests for a bouncing address.
  const next = dailyPeriod("2026-06-19", 7);
  assert.equal((await build(ctx, next)).subscribers, 1);
});

test("a rejected SMTP password is retried and blamed on nobody", async () => {
  const sink = await startSmtpSink({ auth: { user: "papertide", pass: "right" } });
  cleanups.push(() => sink.close());
  const wrong = sink.url.replace("papertide:right@", "papertide:wrong@");
  const { ctx, ids, sender } = await setup(wrong, 1);
  await build(ctx);
  const r = await sender().drain({ deadlineMs: Date.now() + 5_000 });
  assert.deepEqual(
    { sent: r.sent, failed: r.failed, retried: r.retried },
    { sent: 0, failed: 0, retried: 1 },
  );
  const row = await ctx.store.db.selectFrom("outbox").selectAll().executeTakeFirstOrThrow();
  assert.equal(row.status, "pending");
  assert.match(row.last_error ?? "", /535|auth/i);
  assert.doesNotMatch(row.last_error ?? "", /wrong/, "the password is not recorded");
  const s = await getSubscriber(ctx.store.db, ids[0]);
  assert.equal(s?.hardBounces, 0);
  assert.equal(s?.status, "active");
});

test("a subscriber who leaves after the build gets nothing", async () => {
  const sink = await startSmtpSink();
  cleanups.push(() => sink.close());
  const { ctx, ids, sender } = await setup(sink.url, 3);
  await build(ctx);
  const leaving = await getSubscriber(ctx.store.db, ids[2]);
  assert.ok(leaving);
  await setUnsubscribed(ctx.store.db, leaving, new Date().toISOString());
  const r = await sender().drain();
  assert.equal(r.sent, 2);
  assert.deepEqual(sorted(sink.messages.map((m) => m.rcptTo[0])), [
    "reader0@example.org",
    "reader1@example.org",
  ]);
  assert.equal((await outboxCounts(ctx.store.db)).cancelled, 1);
});

test("two senders draining one outbox (server and worker) send each mail once", async () => {
  const sink = await startSmtpSink({ beforeAccept: () => new Promise((r) => setTimeout(r, 2)) });
  cleanups.push(() => sink.close());
  const { ctx, sender } = await setup(sink.url, 40);
  await build(ctx);
  const [a, b] = await Promise.all([sender().drain(), sender().drain()]);
  assert.equal(a.sent + b.sent, 40);
  assert.ok(a.sent > 0 && b.sent > 0, `both took part (${a.sent} + ${b.sent})`);
  assert.equal(sink.messages.length, 40);
  assert.equal(new Set(sink.ids()).size, 40);
});

test("the documented edge: dying after the server accepted, before 'sent' is recorded, sends a second copy with the same Message-ID", async () => {
  const sink = await startSmtpSink();
  cleanups.push(() => sink.close());
  const { ctx, sender, mail } = await setup(sink.url, 1);
  await build(ctx);
  // A sender claims the row and hands the mail to the server, then "dies" before marking it.
  const now = Date.now();
  const row = await claimNextOutbox(
    ctx.store,
    "dead-sender",
    new Date(now).toISOString(),
    new Date(now + 300).toISOString(),
  );
  assert.ok(row);
  const rendered = await createDigestRenderer(ctx.deps)(row);
  assert.ok("message" in rendered);
  const mailer = createMailer(mail);
  await mailer.sendMail(rendered.message);
  await mailer.close();
  // After the lease, another sender sends it again: at least once, never zero.
  const r = await sender().drain({ waitForLeases: true, deadlineMs: Date.now() + 5_000 });
  assert.equal(r.sent, 1);
  assert.equal(sink.messages.length, 2);
  assert.equal(sink.messages[0].messageId, sink.messages[1].messageId, "the copies share a Message-ID");
});
