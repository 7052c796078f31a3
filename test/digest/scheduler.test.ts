// The scheduler builds each due period once, skips periods it is too late for, and the running
// service (scheduler + sender loop) delivers without anyone calling drain().
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { DigestScheduler, type SchedulerEvent } from "../../src/digest/scheduler.ts";
import { createDigestService } from "../../src/digest/service.ts";
import { addActiveSubscribers, importPapers } from "../support/factories.ts";
import { startSmtpSink } from "../support/smtpSink.ts";
import { type DigestTestContext, digestContext, WEEK_PAPERS } from "./support/fixtures.ts";
import { digestServer } from "./support/server.ts";

const contexts: DigestTestContext[] = [];
after(async () => {
  for (const c of contexts) await c.cleanup();
});

test("each due period is built once; a period missed by too long is skipped, not sent late", async () => {
  const c = await digestContext();
  contexts.push(c);
  await importPapers(c, WEEK_PAPERS);
  await addActiveSubscribers(c, ["d1@example.org", "d2@example.org"], { frequency: "daily" });
  await addActiveSubscribers(c, ["w1@example.org"], { frequency: "weekly" });
  let now = Date.parse("2026-06-16T07:05:00Z"); // Tuesday, just after the send hour
  const events: SchedulerEvent[] = [];
  const clock = { now: () => new Date(now) };
  const scheduler = new DigestScheduler({ ...c.deps, clock }, { onEvent: (e) => events.push(e) });
  const first = await scheduler.tick();
  assert.deepEqual(
    first.map((r) => [r.period, r.subscribers, r.enqueued]),
    [
      ["daily:2026-06-16", 2, 2],
      ["weekly:2026-W24", 1, 1], // Monday's weekly (8–14 June) is still within its grace time
    ],
  );
  now += 60_000;
  assert.deepEqual(await scheduler.tick(), [], "nothing twice");
  // The service was down from Tuesday until Thursday noon: Thursday's daily (due 07:00, 5 h
  // late) is built; Wednesday's is never sent.
  now = Date.parse("2026-06-18T12:00:00Z");
  assert.deepEqual(
    (await scheduler.tick()).map((r) => r.period),
    ["daily:2026-06-18"],
  );
  assert.ok(
    !(await c.store.db.selectFrom("outbox").select("period").execute()).some(
      (r) => r.period === "daily:2026-06-17",
    ),
  );
  // Down again until Wednesday 24 June 02:00: Tuesday's daily is 19 h late (grace 18 h) and is
  // skipped; Monday's weekly is 43 h late (grace 3 days) and is built.
  now = Date.parse("2026-06-24T02:00:00Z");
  assert.deepEqual(
    (await scheduler.tick()).map((r) => r.period),
    ["weekly:2026-W25"],
  );
  assert.ok(
    events.some((e) => e.type === "skipped-late" && e.period === "daily:2026-06-23"),
    JSON.stringify(events),
  );
});

test("the running service sends a sign-up's confirmation at once (woken, not polled)", async () => {
  const sink = await startSmtpSink();
  const c = await digestContext({ PAPERTIDE_SMTP_URL: sink.url });
  contexts.push(c);
  // A poll interval far longer than the test: only the wake-up can deliver in time.
  const service = await createDigestService(c.deps, {
    scheduler: false,
    sender: { pollMs: 600_000 },
  });
  service.start();
  const app = await digestServer(c);
  try {
    const res = await app.inject({
      method: "POST",
      url: "/subscribe",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "email=woken%40example.org",
    });
    assert.equal(res.statusCode, 200);
    await sink.waitFor(1, 20_000);
    assert.deepEqual(sink.messages[0].rcptTo, ["woken@example.org"]);
  } finally {
    await app.close();
    await service.stop();
    await sink.close();
  }
});
