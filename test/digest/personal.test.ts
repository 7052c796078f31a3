// Personal digests and saved-search alerts, built by the real period builder and sent through the
// real outbox sender to an in-process SMTP server: "Picked for you" never repeats a paper for a
// reader, alert-only mails carry the papers that arrived since the alert's last run (and never
// again), digest-delivered alerts are a section of the digest, the preview shows the picks.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { previewDigest } from "../../src/digest/digestPreview.ts";
import { buildPeriod } from "../../src/digest/periodBuilder.ts";
import { dailyPeriod } from "../../src/digest/periods.ts";
import type { PersonalContent } from "../../src/digest/personal.ts";
import { createDigestService, type DigestService } from "../../src/digest/service.ts";
import { insertSavedSearch } from "../../src/store/savedSearches.ts";
import { sentPaperIds } from "../../src/store/sentPapers.ts";
import { updateSubscriber } from "../../src/store/subscribers.ts";
import {
  addActiveSubscribers,
  addCollection,
  addUser,
  importPapers,
  type PaperSpec,
} from "../support/factories.ts";
import { type SmtpSink, startSmtpSink } from "../support/smtpSink.ts";
import { type DigestTestContext, digestContext, WEEK_PAPERS } from "./support/fixtures.ts";

let sink: SmtpSink;
let ctx: DigestTestContext;
let service: DigestService;
let subscriberId: string;
const USER = "user-reader-1";

const TOPICS = [
  "graph neural networks for molecules",
  "graph transformers at scale",
  "message passing on graphs",
  "protein structure graphs",
  "speech recognition with transducers",
  "speech synthesis from text",
  "reinforcement learning for robots",
  "offline reinforcement learning",
  "diffusion models for images",
  "image segmentation with transformers",
  "graph contrastive learning",
  "knowledge graphs and language models",
  "retrieval augmented generation",
  "tokenizers for code models",
  "graph pooling operators",
  "temporal graph networks",
];

const EXTRA: PaperSpec[] = TOPICS.map((t, i) => ({
  id: `2606.2${String(i).padStart(4, "0")}`,
  title: t.replace(/^./, (c) => c.toUpperCase()),
  day: `2026-06-${String(1 + (i % 16)).padStart(2, "0")}`,
  categories: i % 3 === 0 ? ["cs.CL"] : ["cs.LG"],
  upvotes: i % 4,
  abstract: `We study ${t}. Our method improves ${t} on standard benchmarks and we analyse when ${t} fails.`,
}));

before(async () => {
  sink = await startSmtpSink();
  ctx = await digestContext({ PAPERTIDE_SMTP_URL: sink.url, PAPERTIDE_CATEGORIES: "cs.CL,cs.CV,cs.LG" });
  await importPapers(ctx, [...WEEK_PAPERS, ...EXTRA]);
  await addUser(ctx.store.db, { id: USER, email: "reader@example.org", handle: "reader" });
  // The reader saved two graph papers: their picks should lean to graphs.
  await addCollection(ctx.store.db, {
    id: "col-1",
    userId: USER,
    slug: "saved-reader",
    name: "Saved",
    papers: ["2606.20000", "2606.20001"],
  });
  [subscriberId] = await addActiveSubscribers(ctx, ["reader@example.org"]);
  await updateSubscriber(ctx.store.db, subscriberId, { user_id: USER, picks: "with" });
  service = await createDigestService(ctx.deps, { scheduler: false });
});

after(async () => {
  await service.stop();
  await sink.close();
  await ctx.cleanup();
});

async function personalPayload(periodKey: string): Promise<PersonalContent> {
  const row = await ctx.store.db
    .selectFrom("outbox")
    .selectAll()
    .where("subscriber_id", "=", subscriberId)
    .where("period", "=", periodKey)
    .executeTakeFirstOrThrow();
  assert.ok(row.payload, "a personal digest row carries its personal part");
  return JSON.parse(row.payload) as PersonalContent;
}

test("the preview shows the Picked-for-you section with its reason", async () => {
  const period = dailyPeriod("2026-06-16", 7);
  const preview = await previewDigest(ctx.deps, "reader@example.org", {
    day: "2026-06-16",
    nowMs: Date.parse(period.dueAt),
  });
  assert.ok(preview.ok, "a preview");
  assert.match(preview.message.text ?? "", /Picked for you/);
  assert.match(preview.message.html ?? "", /Picked for you/);
  assert.match(preview.message.text ?? "", /Because you saved “/);
  // A preview records nothing.
  assert.equal((await sentPaperIds(ctx.store.db, USER)).size, 0);
});

test("two consecutive digests never pick the same paper for a reader; the mail shows the picks", async () => {
  const first = dailyPeriod("2026-06-16", 7);
  const second = dailyPeriod("2026-06-17", 7);
  assert.equal((await buildPeriod(ctx.deps, first, Date.parse(first.dueAt))).enqueued, 1);
  const a = await personalPayload(first.key);
  assert.ok(a.picks.length > 0, "picks in the first digest");
  assert.ok(a.trending, "picks come besides trending");
  // The reader's own papers are never picked; each pick says why.
  for (const p of a.picks) assert.ok(!["2606.20000", "2606.20001"].includes(p.id));
  assert.ok(a.picks.some((p) => p.because?.source === "saved"));
  assert.deepEqual([...(await sentPaperIds(ctx.store.db, USER))].sort(), a.picks.map((p) => p.id).sort());

  // A re-run (as after a crash) queues nothing and picks nothing more.
  assert.equal((await buildPeriod(ctx.deps, first, Date.parse(first.dueAt))).enqueued, 0);
  assert.equal((await sentPaperIds(ctx.store.db, USER)).size, a.picks.length);

  assert.equal((await buildPeriod(ctx.deps, second, Date.parse(second.dueAt))).enqueued, 1);
  const b = await personalPayload(second.key);
  assert.ok(b.picks.length > 0, "picks in the second digest");
  const firstIds = new Set(a.picks.map((p) => p.id));
  for (const p of b.picks) assert.ok(!firstIds.has(p.id), `${p.id} was already picked`);

  assert.equal((await service.sender.drain()).sent, 2);
  const mail = sink.messages.at(-1)?.parsed;
  assert.ok(mail);
  assert.match(mail.text ?? "", /Picked for you/);
  assert.match(mail.text ?? "", new RegExp(b.picks[0].title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  assert.match(String(mail.html), /Because you saved/);
});

test("'instead of trending' drops the trending section", async () => {
  await updateSubscriber(ctx.store.db, subscriberId, { picks: "only" });
  const period = dailyPeriod("2026-06-18", 7);
  await buildPeriod(ctx.deps, period, Date.parse(period.dueAt));
  const c = await personalPayload(period.key);
  assert.equal(c.trending, false);
  await service.sender.drain();
  assert.doesNotMatch(sink.messages.at(-1)?.parsed.text ?? "", /Also trending/);
  await updateSubscriber(ctx.store.db, subscriberId, { picks: "with" });
});

test("an alert-only search mails the new matching paper, not an old one, and never again", async () => {
  await importPapers(ctx, [
    {
      id: "2606.30001",
      title: "Quantum annealing schedules",
      day: "2026-06-10",
      categories: ["cs.LG"],
    },
  ]);
  await sleep(5);
  await insertSavedSearch(ctx.store.db, {
    id: "alert-1",
    userId: USER,
    query: "quantum annealing",
    delivery: "alert",
    lastRunAt: new Date().toISOString(),
    createdAt: new Date().toISOString(),
  });
  await sleep(5);
  await importPapers(ctx, [
    {
      id: "2606.30002",
      title: "Quantum annealing for vehicle routing",
      day: "2026-06-18",
      categories: ["cs.LG"],
    },
  ]);
  const period = dailyPeriod("2026-06-19", 7);
  const before = sink.messages.length;
  const built = await buildPeriod(ctx.deps, period, Date.parse(period.dueAt));
  assert.equal(built.enqueued, 2, "the digest and the alert mail");
  assert.equal((await service.sender.drain()).sent, 2);
  const alertMail = sink.messages.slice(before).find((m) => /alert/i.test(m.parsed.subject ?? ""));
  assert.ok(alertMail, "an alert mail");
  const alert = alertMail.parsed;
  assert.match(alert.text ?? "", /Quantum annealing for vehicle routing/);
  assert.doesNotMatch(alert.text ?? "", /Quantum annealing schedules/);
  // Its one-click unsubscribe stops the alerts, not the digest (a list of its own).
  assert.match(alertMail.raw.toString("utf8"), /^List-Unsubscribe:\s+<https:\/\/[^>]+\/alerts\/stop\//m);
  assert.match(alertMail.raw.toString("utf8"), /^List-Id:.*search alerts/im);
  assert.match(alert.text ?? "", /Stop alert mails \(your digest stays\): https:\/\/\S+\/alerts\/stop\//);
  // The digest does not carry the alert-only search.
  assert.doesNotMatch((await personalPayload(period.key)).alerts.map((s) => s.query).join(), /quantum/);

  // The next period has nothing new for the alert: no alert mail.
  const next = dailyPeriod("2026-06-22", 7);
  await buildPeriod(ctx.deps, next, Date.parse(next.dueAt));
  const rows = await ctx.store.db
    .selectFrom("outbox")
    .select("period")
    .where("kind", "=", "alerts")
    .execute();
  assert.deepEqual(
    rows.map((r) => r.period),
    [`alerts:${period.key}`],
  );
});

test("a search delivered in the digest is a section of it", async () => {
  await insertSavedSearch(ctx.store.db, {
    id: "alert-2",
    userId: USER,
    query: "protein folding",
    delivery: "digest",
    lastRunAt: new Date().toISOString(),
    createdAt: new Date().toISOString(),
  });
  await sleep(5);
  await importPapers(ctx, [
    { id: "2606.30003", title: "Protein folding with diffusion", day: "2026-06-22", categories: ["cs.LG"] },
  ]);
  const period = dailyPeriod("2026-06-23", 7);
  const before = sink.messages.length;
  await buildPeriod(ctx.deps, period, Date.parse(period.dueAt));
  const payload = await personalPayload(period.key);
  assert.deepEqual(
    payload.alerts.map((s) => [s.query, s.papers.map((p) => p.id)]),
    [["protein folding", ["2606.30003"]]],
  );
  await service.sender.drain();
  const digest = sink.messages
    .slice(before)
    .map((m) => m.parsed)
    .filter((m) => !/alert/i.test(m.subject ?? ""))
    .at(-1);
  assert.ok(digest);
  assert.match(digest.text ?? "", /New for “protein folding”/);
  assert.match(digest.text ?? "", /Protein folding with diffusion/);
});

test("a build that dies before its commit queues nothing and records nothing; the re-run does both", async () => {
  const period = dailyPeriod("2026-06-24", 7);
  const sentBefore = await sentPaperIds(ctx.store.db, USER);
  // The same deps, but the page's transaction fails after writing everything (as a kill -9 before
  // COMMIT would): SQLite rolls it all back.
  const realDb = ctx.store.db;
  const dyingDb = new Proxy(realDb, {
    get(target, prop) {
      if (prop === "transaction")
        return () => ({
          execute: (fn: (trx: unknown) => Promise<unknown>) =>
            target.transaction().execute(async (trx) => {
              await fn(trx);
              throw new Error("simulated crash before commit");
            }),
        });
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  const dying = { ...ctx.deps, store: { ...ctx.deps.store, db: dyingDb } };
  await assert.rejects(buildPeriod(dying, period, Date.parse(period.dueAt)), /simulated crash/);
  const rows = await realDb.selectFrom("outbox").select("id").where("period", "=", period.key).execute();
  assert.equal(rows.length, 0, "nothing queued");
  assert.deepEqual(await sentPaperIds(realDb, USER), sentBefore, "nothing recorded");

  assert.equal((await buildPeriod(ctx.deps, period, Date.parse(period.dueAt))).enqueued, 1);
  const payload = await personalPayload(period.key);
  assert.ok(payload.picks.length > 0);
  const sentAfter = await sentPaperIds(realDb, USER);
  for (const p of payload.picks) {
    assert.ok(!sentBefore.has(p.id), `${p.id} picked once only`);
    assert.ok(sentAfter.has(p.id), `${p.id} recorded with its row`);
  }
});
