// kill -9 in the middle of sending a period's digests, twice, then let a worker finish: every
// subscriber ends up with exactly one mail. The kills land while mails are in flight: claimed
// rows whose DATA the server holds unanswered, and rows claimed but not yet handed over. (The one
// window that can duplicate a mail, between the server's 250 and the "sent" write, is shown in
// sender.test.ts; here the server stops answering before each kill so that no test run depends on
// hitting or missing it by luck.)
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { after, test } from "node:test";
import { sql } from "kysely";
import { buildPeriod } from "../../src/digest/periodBuilder.ts";
import { dailyPeriod } from "../../src/digest/periods.ts";
import { openStore } from "../../src/store/db.ts";
import { addActiveSubscribers, importPapers } from "../support/factories.ts";
import { type SmtpSink, startSmtpSink } from "../support/smtpSink.ts";
import { type DigestTestContext, digestContext, WEEK_PAPERS } from "./support/fixtures.ts";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const SUBSCRIBERS = 150;

let ctx: DigestTestContext;
let sink: SmtpSink;
after(async () => {
  await sink?.close();
  await ctx?.cleanup();
});

/** While set, the server answers nothing: every message's final reply waits for this gate. */
let gate: Promise<void> | null = null;
let openGate: () => void = () => {};
let onArrival: (count: number) => void = () => {};

function worker(env: NodeJS.ProcessEnv): {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: string | null; out: string }>;
} {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(ROOT, "src/cli/main.ts"), "worker", "--once"],
    {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    out += d;
  });
  const done = new Promise<{ code: number | null; signal: string | null; out: string }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, out })),
  );
  return { child, done };
}

/** Outbox rows by status, read through a store of its own (the worker processes hold theirs). */
async function statuses(url: string): Promise<Record<string, number>> {
  const store = await openStore(url);
  try {
    const rows = await store.db
      .selectFrom("outbox")
      .select(["status", sql<number>`count(*)`.as("n")])
      .groupBy("status")
      .execute();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  } finally {
    await store.close();
  }
}

/** Runs a worker and kills it with SIGKILL once `killAt` messages have reached the server. */
async function killMidBatch(env: NodeJS.ProcessEnv, killAt: number): Promise<void> {
  const run = worker(env);
  const reached = new Promise<void>((resolve) => {
    onArrival = (count) => {
      if (count < killAt || gate) return;
      // Stop answering: this and every later message wait for a 250 that never comes.
      gate = new Promise((r) => {
        openGate = r;
      });
      resolve();
    };
  });
  const outcome = await Promise.race([
    reached.then(() => "reached"),
    run.done.then((r) => `exited early: ${r.out}`),
  ]);
  assert.equal(outcome, "reached");
  // Give the worker time to record every mail the server did accept before the gate closed.
  await new Promise((r) => setTimeout(r, 1_000));
  run.child.kill("SIGKILL");
  const result = await run.done;
  assert.equal(result.signal, "SIGKILL", result.out);
  // The dead worker's connections close; only then may the held messages be answered (to nobody).
  await new Promise((r) => setTimeout(r, 300));
  const released = openGate;
  gate = null;
  onArrival = () => {};
  released();
}

test("a worker killed with SIGKILL mid-batch, twice, then restarted: every subscriber gets exactly one mail", {
  timeout: 120_000,
}, async () => {
  sink = await startSmtpSink({
    beforeAccept: async (count) => {
      onArrival(count);
      if (gate) await gate;
      else await new Promise((r) => setTimeout(r, 5)); // a server with some latency
    },
  });
  ctx = await digestContext({ PAPERTIDE_SMTP_URL: sink.url });
  await importPapers(ctx, WEEK_PAPERS);
  const ids = await addActiveSubscribers(
    ctx,
    Array.from({ length: SUBSCRIBERS }, (_, i) => `reader${i}@example.org`),
  );
  const period = dailyPeriod("2026-06-16", 7);
  assert.equal((await buildPeriod(ctx.deps, period, Date.parse(period.dueAt))).enqueued, SUBSCRIBERS);
  await ctx.store.close();

  const env: NodeJS.ProcessEnv = {
    DATABASE_URL: ctx.store.url,
    PAPERTIDE_DATA_DIR: ctx.store.dir,
    PAPERTIDE_BASE_URL: ctx.config.baseUrl,
    PAPERTIDE_SMTP_URL: sink.url,
    PAPERTIDE_MAIL_FROM: "Papertide <digest@papers.example.org>",
    PAPERTIDE_SECRET: "test-secret-test-secret-test-secret-42",
    PAPERTIDE_SMTP_MAX_CONNECTIONS: "4",
    // Short leases, so the restarted worker takes over the dead one's mails within the test.
    PAPERTIDE_OUTBOX_LEASE_MS: "1500",
    // The worker would sync arXiv on this non-demo database; this file is about mail.
    PAPERTIDE_SYNC_ARXIV: "off",
  };

  await killMidBatch(env, 40);
  const afterFirst = await statuses(ctx.store.url);
  assert.ok(
    (afterFirst.sending ?? 0) >= 1,
    `killed while mails were in flight: ${JSON.stringify(afterFirst)}`,
  );
  assert.ok((afterFirst.sent ?? 0) >= 30 && (afterFirst.sent ?? 0) < SUBSCRIBERS, JSON.stringify(afterFirst));
  const acceptedBeforeFirstKill = sink.messages.length;
  assert.equal(
    afterFirst.sent,
    acceptedBeforeFirstKill,
    "every accepted mail was recorded as sent before the kill",
  );

  await killMidBatch(env, acceptedBeforeFirstKill + 40);
  const afterSecond = await statuses(ctx.store.url);
  assert.ok((afterSecond.sending ?? 0) >= 1, JSON.stringify(afterSecond));

  const last = worker(env);
  const result = await last.done;
  assert.equal(result.code, 0, result.out);

  assert.deepEqual(await statuses(ctx.store.url), { sent: SUBSCRIBERS });
  const recipients = sink.messages.map((m) => m.rcptTo[0]);
  assert.equal(recipients.length, SUBSCRIBERS, "no subscriber got two mails");
  assert.equal(new Set(recipients).size, SUBSCRIBERS, "and none got zero");
  assert.equal(new Set(sink.ids()).size, SUBSCRIBERS);
  assert.equal(ids.length, SUBSCRIBERS);
});
