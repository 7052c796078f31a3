// The digest and search alerts on the account page, over HTTP as `papertide serve` builds it, with
// plain forms (no JavaScript) and their CSRF tokens: subscribe without double opt-in when the
// account's address is verified (with it otherwise), change settings, unsubscribe; save, list,
// change and delete searches; validation; deleting the account removes all of it.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { getSubscriberByEmailKey } from "../../src/store/subscribers.ts";
import { type Harness, startHarness } from "../accounts/support/harness.ts";
import { TEST_PASSWORD } from "../support/factories.ts";

let h: Harness;

before(async () => {
  h = await startHarness({ env: { PAPERTIDE_CATEGORIES: "cs.CL,cs.LG", PAPERTIDE_DEMO: "0" } });
});

after(async () => {
  await h.close();
});

const subscriberOf = (handle: string) => getSubscriberByEmailKey(h.store.db, `${handle}@example.org`);

describe("the digest on the account page", () => {
  it("a verified reader subscribes at once, changes settings and unsubscribes", async () => {
    const { id, handle, browser } = await h.userWithBrowser({ handle: "ada" });
    const page = await browser.get("/account");
    assert.equal(page.status, 200);
    assert.match(page.text, /Email digest/);
    assert.match(page.text, /Not subscribed/);

    const sub = await browser.submit("/account", "/account/digest", {
      action: "subscribe",
      frequency: "weekly",
      topics: "cs.LG",
      picks: "only",
    });
    assert.equal(sub.status, 303);
    assert.match(sub.location ?? "", /^\/account\?done=subscribed/);
    const s = await subscriberOf(handle);
    assert.ok(s);
    assert.equal(s.status, "active", "no double opt-in for a verified account address");
    assert.equal(s.userId, id);
    assert.equal(s.frequency, "weekly");
    assert.deepEqual(s.topics, ["cs.LG"]);
    assert.equal(s.picks, "only");
    const shown = await browser.get("/account?done=subscribed");
    assert.match(shown.text, /You are subscribed/);
    assert.match(shown.text, /Weekly, on Mondays/);
    assert.match(shown.text, /instead of the trending papers/);

    const upd = await browser.submit("/account", "/account/digest", {
      action: "update",
      frequency: "daily",
      picks: "off",
    });
    assert.equal(upd.status, 303);
    const s2 = await subscriberOf(handle);
    assert.equal(s2?.frequency, "daily");
    assert.deepEqual(s2?.topics, [], "no topic checked = all topics");
    assert.equal(s2?.picks, "off");

    const bad = await browser.submit("/account", "/account/digest", {
      action: "update",
      frequency: "hourly",
    });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /Choose daily or weekly/);
    assert.equal((await subscriberOf(handle))?.frequency, "daily", "nothing stored from a bad form");

    const off = await browser.submit("/account", "/account/digest", { action: "unsubscribe" });
    assert.equal(off.status, 303);
    assert.equal((await subscriberOf(handle))?.status, "unsubscribed");
    assert.match((await browser.get("/account")).text, /Not subscribed/);
  });

  it("an unverified reader gets the confirmation mail first", async () => {
    const { handle, browser } = await h.userWithBrowser({ handle: "bob", verified: false });
    const sub = await browser.submit("/account", "/account/digest", {
      action: "subscribe",
      frequency: "daily",
    });
    assert.equal(sub.status, 303);
    assert.match(sub.location ?? "", /done=confirm/);
    const s = await subscriberOf(handle);
    assert.equal(s?.status, "pending");
    const queued = await h.store.db
      .selectFrom("outbox")
      .select(["kind", "period"])
      .where("subscriber_id", "=", s?.id ?? "")
      .execute();
    assert.equal(queued.length, 1);
    assert.match(queued[0].period, /^confirm:/);
  });

  it("refuses a form without its CSRF token", async () => {
    const { handle, browser } = await h.userWithBrowser({ handle: "eve" });
    const res = await browser.request("POST", "/account/digest", { form: { action: "subscribe" } });
    assert.equal(res.status, 403);
    assert.equal(await subscriberOf(handle), null);
  });
});

describe("saved searches on the account page", () => {
  it("saves, lists, changes and deletes searches; validates them", async () => {
    const { id, browser } = await h.userWithBrowser({ handle: "carol" });
    const saved = await browser.submit("/account", "/account/alerts", {
      q: "  graph   neural networks category:cs.LG ",
      delivery: "alert",
    });
    assert.equal(saved.status, 303);
    const list = await browser.get("/account");
    assert.match(list.text, /graph neural networks category:cs\.LG/);
    assert.match(list.text, /alert-only/);
    const rows = await h.store.db
      .selectFrom("saved_searches")
      .selectAll()
      .where("user_id", "=", id)
      .execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0].query, "graph neural networks category:cs.LG");

    const empty = await browser.submit("/account", "/account/alerts", { q: "   ", delivery: "digest" });
    assert.equal(empty.status, 400);
    assert.match(empty.text, /Type a search first/);
    const long = await browser.submit("/account", "/account/alerts", { q: "x".repeat(301) });
    assert.equal(long.status, 400);
    const badDelivery = await browser.submit("/account", "/account/alerts", { q: "ok", delivery: "sms" });
    assert.equal(badDelivery.status, 400);

    // Another reader cannot touch it.
    const other = await h.userWithBrowser({ handle: "mallory" });
    const stolen = await other.browser.submit("/account", `/account/alerts/${rows[0].id}`, {
      action: "delete",
    });
    assert.equal(stolen.status, 404);

    const moved = await browser.submit("/account", `/account/alerts/${rows[0].id}`, {
      action: "delivery",
      delivery: "digest",
    });
    assert.equal(moved.status, 303);
    assert.match((await browser.get("/account")).text, /in my digest/);
    const del = await browser.submit("/account", `/account/alerts/${rows[0].id}`, { action: "delete" });
    assert.equal(del.status, 303);
    assert.match((await browser.get("/account")).text, /You have no saved searches/);
  });

  it("saves the current search from the search page, without JavaScript", async () => {
    const { id, browser } = await h.userWithBrowser({ handle: "grace" });
    const q = "compilers category:cs.CL";
    const page = await browser.get(`/search?q=${encodeURIComponent(q)}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /Alert me about new papers for this search/);
    assert.match(page.text, /<form method="post" action="\/account\/alerts"/);
    const saved = await browser.submit(`/search?q=${encodeURIComponent(q)}`, "/account/alerts", {
      q,
      delivery: "alert",
    });
    assert.equal(saved.status, 303);
    const rows = await h.store.db
      .selectFrom("saved_searches")
      .selectAll()
      .where("user_id", "=", id)
      .execute();
    assert.deepEqual(
      rows.map((r) => [r.query, r.delivery]),
      [[q, "alert"]],
    );
    // Signed out: an invitation to sign in, no form.
    const anon = await h.browser().get(`/search?q=${encodeURIComponent(q)}`);
    assert.doesNotMatch(anon.text, /action="\/account\/alerts"/);
    assert.match(anon.text, /Sign in<\/a> to get new papers for this search by/);
  });

  it("links a subscription made from the subscribe box before the account, so its alerts are mailed", async () => {
    const { id, handle, browser } = await h.userWithBrowser({ handle: "heidi" });
    const now = new Date().toISOString();
    await h.store.db
      .insertInto("subscribers")
      .values({
        id: "sub-heidi",
        email: `${handle}@example.org`,
        email_key: `${handle}@example.org`,
        status: "active",
        frequency: "daily",
        topics: "[]",
        created_at: now,
        updated_at: now,
      })
      .execute();
    assert.equal((await subscriberOf(handle))?.userId, null);
    const saved = await browser.submit("/account", "/account/alerts", { q: "type theory" });
    assert.equal(saved.status, 303);
    const s = await subscriberOf(handle);
    assert.equal(s?.userId, id);
    assert.equal(s?.picks, "off", "picks stay as the reader chose (off for a box subscription)");
  });

  it("caps the saved searches of a reader", async () => {
    const { browser } = await h.userWithBrowser({ handle: "dave" });
    for (let i = 0; i < 20; i++) {
      const ok = await browser.submit("/account", "/account/alerts", { q: `topic number ${i}` });
      assert.equal(ok.status, 303);
    }
    const over = await browser.submit("/account", "/account/alerts", { q: "one too many" });
    assert.equal(over.status, 400);
    assert.match(over.text, /the most allowed/);
  });
});

describe("account deletion", () => {
  it("removes the subscription, its queued mails and the saved searches", async () => {
    const { id, handle, browser } = await h.userWithBrowser({ handle: "frank" });
    await browser.submit("/account", "/account/digest", { action: "subscribe", frequency: "daily" });
    await browser.submit("/account", "/account/alerts", { q: "speech recognition" });
    const s = await subscriberOf(handle);
    assert.ok(s);
    await h.store.db
      .insertInto("digest_sent_papers")
      .values({ user_id: id, paper_id: "2606.00001", outbox_id: "x", created_at: new Date().toISOString() })
      .execute();
    const done = await browser.submit("/account", "/account/delete", { password: TEST_PASSWORD });
    assert.equal(done.status, 200);
    assert.equal(await subscriberOf(handle), null);
    for (const table of ["saved_searches", "digest_sent_papers"] as const) {
      const left = await h.store.db.selectFrom(table).selectAll().where("user_id", "=", id).execute();
      assert.equal(left.length, 0, `${table} emptied`);
    }
  });
});
