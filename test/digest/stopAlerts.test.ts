// "Stop alert mails" from an alert-only mail: the signed link's page lists the alerts, one click
// (RFC 8058) or the page's button deletes the alert-only saved searches and cancels queued alert
// mails, and nothing else: the digest subscription, its queued digest and the searches delivered
// inside the digest stay. Links for another purpose or altered ones do nothing.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { FastifyInstance } from "fastify";
import { enqueueOutbox, type OutboxKind } from "../../src/store/outbox.ts";
import { insertSavedSearch, savedSearchesOfUser } from "../../src/store/savedSearches.ts";
import { getSubscriber, updateSubscriber } from "../../src/store/subscribers.ts";
import { addActiveSubscribers, addUser } from "../support/factories.ts";
import { type DigestTestContext, digestContext } from "./support/fixtures.ts";
import { digestServer } from "./support/server.ts";

let ctx: DigestTestContext;
let app: FastifyInstance;
let subscriberId: string;
const USER = "user-alerts";
const FORM = { "content-type": "application/x-www-form-urlencoded" };

async function addSearch(id: string, query: string, delivery: "alert" | "digest"): Promise<void> {
  const now = new Date().toISOString();
  await insertSavedSearch(ctx.store.db, {
    id,
    userId: USER,
    query,
    delivery,
    lastRunAt: now,
    createdAt: now,
  });
}

async function queue(kind: "digest" | "alerts", period: string): Promise<void> {
  await enqueueOutbox(
    ctx.store.db,
    [
      {
        id: `${subscriberId}:${period}`,
        subscriberId,
        period,
        kind,
        recipient: "alerts@example.org",
        payload: "{}",
        messageId: `<${kind}-${period}@papers.example.org>`,
      },
    ],
    new Date().toISOString(),
  );
}

const statusOf = async (kind: OutboxKind) =>
  (
    await ctx.store.db
      .selectFrom("outbox")
      .select("status")
      .where("subscriber_id", "=", subscriberId)
      .where("kind", "=", kind)
      .executeTakeFirstOrThrow()
  ).status;

before(async () => {
  ctx = await digestContext();
  app = await digestServer(ctx);
  await addUser(ctx.store.db, { id: USER, email: "alerts@example.org", handle: "alerts" });
  [subscriberId] = await addActiveSubscribers(ctx, ["alerts@example.org"]);
  await updateSubscriber(ctx.store.db, subscriberId, { user_id: USER, picks: "with" });
  await addSearch("s-alert-1", "quantum <annealing>", "alert");
  await addSearch("s-alert-2", "protein folding", "alert");
  await addSearch("s-digest", "graph neural networks", "digest");
  await queue("digest", "daily:2026-06-19");
  await queue("alerts", "alerts:daily:2026-06-19");
});

after(async () => {
  await app.close();
  await ctx.cleanup();
});

test("the page lists the alerts the link would stop, escaped, and changes nothing", async () => {
  const link = new URL(ctx.deps.links.stopAlerts(subscriberId));
  const res = await app.inject({ method: "GET", url: link.pathname });
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /Stop alert mails\?/);
  assert.match(res.body, /quantum &lt;annealing/);
  assert.doesNotMatch(res.body, /<annealing/, "the query is escaped");
  assert.match(res.body, /protein folding/);
  assert.doesNotMatch(res.body, /graph neural networks/, "searches in the digest are not alerts");
  assert.match(res.body, /Your digest is not affected/);
  assert.equal((await savedSearchesOfUser(ctx.store.db, USER)).length, 3);
});

test("altered links and links for another purpose stop nothing", async () => {
  const link = new URL(ctx.deps.links.stopAlerts(subscriberId)).pathname;
  const unsubscribeToken = new URL(ctx.deps.links.unsubscribe(subscriberId)).pathname.split("/").pop();
  for (const url of [`${link.slice(0, -2)}xx`, `/alerts/stop/${unsubscribeToken}`, "/alerts/stop/nonsense"]) {
    const res = await app.inject({
      method: "POST",
      url,
      headers: FORM,
      payload: "List-Unsubscribe=One-Click",
    });
    assert.equal(res.statusCode, 404, url);
  }
  assert.equal((await savedSearchesOfUser(ctx.store.db, USER)).length, 3);
  assert.equal(await statusOf("alerts"), "pending");
});

test("one click deletes the alert-only searches and cancels queued alert mails; the digest stays", async () => {
  const link = new URL(ctx.deps.links.stopAlerts(subscriberId)).pathname;
  const res = await app.inject({
    method: "POST",
    url: link,
    headers: FORM,
    payload: "List-Unsubscribe=One-Click",
  });
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /Alert mails stopped/);
  assert.deepEqual(
    (await savedSearchesOfUser(ctx.store.db, USER)).map((s) => s.id),
    ["s-digest"],
  );
  assert.equal(await statusOf("alerts"), "cancelled");
  assert.equal(await statusOf("digest"), "pending", "the digest still goes out");
  assert.equal((await getSubscriber(ctx.store.db, subscriberId))?.status, "active");

  // Again (a second click, or the page's button later): nothing left to stop, still a clear answer.
  const again = await app.inject({ method: "POST", url: link, headers: FORM, payload: "" });
  assert.equal(again.statusCode, 200);
  assert.match(again.body, /Alert mails stopped/);
  assert.match(again.body, /No more alert mails will be sent to <strong>alerts@example.org<\/strong>\./);
});
