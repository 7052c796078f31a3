// The finished account, over real HTTP: success pages without a status badge, the banner of an
// unverified reader with its throttled "send it again", and changing the password (other sessions
// end), the address (confirmed by a link to the new one, the old one told) and the public name
// (the old profile address redirects, the old name stays the account's); the footer box of a
// signed-in reader.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { ParsedMail } from "mailparser";
import { TEST_PASSWORD } from "../support/factories.ts";
import { type Harness, linkIn, startHarness } from "./support/harness.ts";

let h: Harness;

before(async () => {
  h = await startHarness({ env: { PAPERTIDE_ACCOUNT_MAIL_LIMIT: "2" } });
});
after(async () => {
  await h?.close();
});

const toOf = (m: ParsedMail) => (m.to && "text" in m.to ? m.to.text : "").toLowerCase();

/** The first `n` mails to `address` (other tests' mails may still be arriving). */
async function mailsTo(address: string, n: number): Promise<ParsedMail[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const mine = h.inbox.mails.filter((m) => toOf(m) === address.toLowerCase());
    if (mine.length >= n) return mine;
    assert.ok(Date.now() < deadline, `${n} mail(s) to ${address}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function userRow(id: string) {
  return h.store.db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

describe("message pages", () => {
  it("say a step worked without a status badge; errors keep theirs", async () => {
    const b = h.browser();
    const done = await b.submit("/signup", "/signup", {
      email: "newcomer@example.org",
      handle: "newcomer",
      password: "a long enough password",
    });
    assert.equal(done.status, 200);
    assert.match(done.text, /Check your inbox/);
    assert.doesNotMatch(done.text, /class="status-code"/);
    assert.doesNotMatch(done.text, />200</);
    assert.match(done.text, /<a class="btn btn-primary" href="\/login">Sign in<\/a>/);
    // Its confirmation mail is delivered before the next test counts the inbox.
    await h.app.accountDeps.mailer.idle();
    const bad = await b.submit("/signup", "/account/verify", { token: "not-a-token" });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /<p class="status-code">Error 400<\/p>/);
  });
});

describe("an unverified reader", () => {
  it("sees a banner on every page whose button mails the link again, within the account's allowance", async () => {
    const { browser: b, handle } = await h.userWithBrowser({ verified: false });
    for (const path of ["/", "/search?q=x", "/account"]) {
      const page = await b.get(path);
      assert.match(page.text, /class="unverified-banner"/, `${path} has the banner`);
      assert.match(page.text, /action="\/account\/verify\/resend"/);
    }
    const verified = await h.userWithBrowser();
    assert.doesNotMatch((await verified.browser.get("/")).text, /unverified-banner/);
    assert.doesNotMatch((await h.browser().get("/")).text, /unverified-banner/);

    const address = `${handle}@example.org`;
    const before = h.inbox.mails.filter((m) => toOf(m) === address.toLowerCase()).length;
    const sent = await b.submit("/", "/account/verify/resend", {});
    assert.equal(sent.status, 303);
    assert.equal(sent.location, "/account?sent=1");
    const mails = await mailsTo(address, before + 1);
    const link = linkIn(mails[before].text, "/account/verify");
    assert.equal((await b.submit("/", "/account/verify/resend", {})).status, 303);
    // The allowance (2 here) is spent: a 429 with Retry-After, and no third mail.
    const refused = await b.submit("/", "/account/verify/resend", {});
    assert.equal(refused.status, 429);
    assert.ok(Number(refused.headers.get("retry-after")) > 0);
    await mailsTo(address, before + 2);
    await h.app.accountDeps.mailer.idle();
    assert.equal((await mailsTo(address, before + 2)).length, before + 2);
    // A link from the mail confirms the address; the banner goes.
    const token = new URL(`http://x${link}`).searchParams.get("token") as string;
    const ok = await b.submit(link, "/account/verify", { token });
    assert.equal(ok.status, 200);
    assert.doesNotMatch(ok.text, /unverified-banner/);
    assert.doesNotMatch((await b.get("/")).text, /unverified-banner/);
  });

  it("cannot ask for the mail without the CSRF token", async () => {
    const { browser: b } = await h.userWithBrowser({ verified: false });
    const res = await b.request("POST", "/account/verify/resend", { form: {} });
    assert.equal(res.status, 403);
  });
});

describe("changing the password", () => {
  it("needs the current password and ends every other session of the account", async () => {
    const { id, handle, browser: here } = await h.userWithBrowser();
    const email = `${handle}@example.org`;
    const elsewhere = h.browser();
    const login = await elsewhere.submit("/login", "/login", { email, password: TEST_PASSWORD });
    assert.equal(login.status, 303);
    assert.equal((await elsewhere.get("/account")).status, 200);
    const hashBefore = (await userRow(id)).password_hash;

    const wrong = await here.submit("/account", "/account/password", {
      current: "not my password at all",
      password: "a new password 2026",
    });
    assert.equal(wrong.status, 400);
    assert.match(wrong.text, /That is not your current password/);
    const weak = await here.submit("/account", "/account/password", {
      current: TEST_PASSWORD,
      password: "short",
    });
    assert.equal(weak.status, 400);
    assert.match(weak.text, /at least 10 characters/);
    assert.equal((await userRow(id)).password_hash, hashBefore, "nothing changed yet");

    const done = await here.submit("/account", "/account/password", {
      current: TEST_PASSWORD,
      password: "a new password 2026",
    });
    assert.equal(done.status, 303);
    assert.equal(done.location, "/account?done=password#change-password");
    const page = await here.get("/account?done=password");
    assert.equal(page.status, 200, "this browser stays signed in");
    assert.match(page.text, /Your password is changed/);
    assert.equal((await elsewhere.get("/account")).status, 303, "the other session ended");
    const sessions = await h.store.db
      .selectFrom("sessions")
      .select("id_hash")
      .where("user_id", "=", id)
      .execute();
    assert.equal(sessions.length, 1);

    const old = await h.browser().submit("/login", "/login", { email, password: TEST_PASSWORD });
    assert.equal(old.status, 401);
    const fresh = await h.browser().submit("/login", "/login", { email, password: "a new password 2026" });
    assert.equal(fresh.status, 303);
  });

  it("is only for a signed-in reader", async () => {
    const b = h.browser();
    const res = await b.submit("/login", "/account/password", {
      current: "x",
      password: "a new password 2026",
    });
    assert.equal(res.status, 303);
    assert.match(res.location ?? "", /^\/login/);
  });
});

describe("changing the address", () => {
  it("takes effect when the link mailed to the new address is followed; the old address is told", async () => {
    const { id, handle, browser: b } = await h.userWithBrowser();
    const oldEmail = `${handle}@example.org`.toLowerCase();
    const wrong = await b.submit("/account", "/account/email", {
      email: "moved@example.net",
      current: "nope nope nope",
    });
    assert.equal(wrong.status, 400);
    assert.match(wrong.text, /That is not your current password/);
    assert.match(wrong.text, /value="moved@example.net"/, "what was typed is kept");
    const same = await b.submit("/account", "/account/email", { email: oldEmail, current: TEST_PASSWORD });
    assert.equal(same.status, 400);
    assert.match(same.text, /already your address/);

    const start = h.inbox.mails.length;
    const asked = await b.submit("/account", "/account/email", {
      email: "Moved@Example.net",
      current: TEST_PASSWORD,
    });
    assert.equal(asked.status, 303);
    assert.equal(asked.location, "/account?done=email-sent#change-email");
    const mails = (await h.inbox.waitFor(start + 2)).slice(start);
    const toNew = mails.find((m) => toOf(m) === "moved@example.net");
    const toOld = mails.find((m) => toOf(m) === oldEmail);
    assert.ok(toNew, "a link to the new address");
    assert.ok(toOld, "a notice to the old address");
    assert.match(toOld.text ?? "", /moved@example\.net/i);
    assert.doesNotMatch(toOld.text ?? "", /\/account\/email\/confirm/, "the old address gets no link");
    // Nothing changed yet; the account page says what waits.
    assert.equal((await userRow(id)).email.toLowerCase(), oldEmail);
    const page = await b.get("/account");
    assert.match(page.text, /Waiting for confirmation: Moved@example.net/);

    // The account's digest subscription follows the address.
    const now = new Date().toISOString();
    await h.store.db
      .insertInto("subscribers")
      .values({
        id: `sub-${id}`,
        email: oldEmail,
        email_key: oldEmail,
        status: "active",
        frequency: "daily",
        topics: "[]",
        user_id: id,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const link = linkIn(toNew.text, "/account/email/confirm");
    const form = await b.get(link);
    assert.equal(form.status, 200);
    assert.equal(
      (await userRow(id)).email.toLowerCase(),
      oldEmail,
      "opening the link shows a button; it changes nothing",
    );
    const token = new URL(`http://x${link}`).searchParams.get("token") as string;
    const done = await b.submit(link, "/account/email/confirm", { token });
    assert.equal(done.status, 303);
    assert.equal(done.location, "/account?done=email#change-email");
    const row = await userRow(id);
    assert.equal(row.email, "Moved@example.net");
    assert.equal(row.email_key, "moved@example.net");
    assert.ok(row.email_verified_at);
    const sub = await h.store.db
      .selectFrom("subscribers")
      .select(["email", "email_key", "status"])
      .where("id", "=", `sub-${id}`)
      .executeTakeFirstOrThrow();
    assert.deepEqual(sub, { email: "Moved@example.net", email_key: "moved@example.net", status: "active" });
    // The link works once; signing in uses the new address.
    const again = await h.browser().submit(link, "/account/email/confirm", { token });
    assert.equal(again.status, 400);
    assert.doesNotMatch(again.text, /status-code">200/);
    const login = await h
      .browser()
      .submit("/login", "/login", { email: "moved@example.net", password: TEST_PASSWORD });
    assert.equal(login.status, 303);
  });

  it("to an address that has an account: the same answer, a note to that address and no link", async () => {
    const other = await h.userWithBrowser();
    const { id, browser: b } = await h.userWithBrowser();
    const start = h.inbox.mails.length;
    const asked = await b.submit("/account", "/account/email", {
      email: `${other.handle}@example.org`,
      current: TEST_PASSWORD,
    });
    assert.equal(asked.status, 303);
    assert.equal(asked.location, "/account?done=email-sent#change-email");
    const [note] = (await h.inbox.waitFor(start + 1)).slice(start);
    assert.equal(toOf(note), `${other.handle}@example.org`.toLowerCase());
    assert.match(note.text ?? "", /already has an account/);
    assert.doesNotMatch(note.text ?? "", /confirm\?token=/);
    const tokens = await h.store.db
      .selectFrom("account_tokens")
      .selectAll()
      .where("user_id", "=", id)
      .execute();
    assert.deepEqual(tokens, []);
  });
});

describe("changing the public name", () => {
  it("moves the profile; the old address redirects and the old name cannot be taken by someone else", async () => {
    const { id, handle, browser: b } = await h.userWithBrowser();
    const bad = await b.submit("/account", "/account/handle", { handle: "no spaces please" });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /Use 2 to 30 letters/);
    const other = await h.userWithBrowser();
    const taken = await b.submit("/account", "/account/handle", { handle: other.handle.toUpperCase() });
    assert.equal(taken.status, 400);
    assert.match(taken.text, /That name is taken/);

    const done = await b.submit("/account", "/account/handle", { handle: "renamed-reader" });
    assert.equal(done.status, 303);
    assert.equal(done.location, "/account?done=handle#change-handle");
    assert.equal((await userRow(id)).handle, "renamed-reader");
    assert.match((await b.get("/account")).text, /<summary>renamed-reader<\/summary>/);

    const old = await h.browser().get(`/u/${handle}`);
    assert.equal(old.status, 301);
    assert.equal(old.location, "/u/renamed-reader");
    assert.equal((await h.browser().get("/u/renamed-reader")).status, 200);

    // Nobody else can take the old name, by sign-up or by renaming.
    const signUp = await h.browser().submit("/signup", "/signup", {
      email: "squatter@example.org",
      handle,
      password: "a long enough password",
    });
    assert.equal(signUp.status, 400);
    assert.match(signUp.text, /That name is taken/);
    const rename = await other.browser.submit("/account", "/account/handle", { handle });
    assert.equal(rename.status, 400);
    assert.match(rename.text, /That name is taken/);
    // The account itself may take its old name back; the redirect then goes the other way.
    assert.equal((await b.submit("/account", "/account/handle", { handle })).status, 303);
    assert.equal((await h.browser().get(`/u/${handle}`)).status, 200);
    const back = await h.browser().get("/u/renamed-reader");
    assert.equal(back.status, 301);
    assert.equal(back.location, `/u/${handle}`);
  });

  it("keeps a bounded number of old names, and frees them with the account", async () => {
    const { id, handle, browser: b } = await h.userWithBrowser();
    for (let i = 1; i <= 7; i++)
      assert.equal(
        (await b.submit("/account", "/account/handle", { handle: `${handle}-v${i}` })).status,
        303,
      );
    const held = await h.store.db
      .selectFrom("handle_history")
      .select("handle")
      .where("user_id", "=", id)
      .execute();
    assert.equal(held.length, 5);
    assert.ok(!held.some((r) => r.handle === handle), "the oldest name was freed first");
    assert.equal((await h.browser().get(`/u/${handle}`)).status, 404);
    assert.equal((await h.browser().get(`/u/${handle}-v6`)).location, `/u/${handle}-v7`);
    assert.equal((await b.submit("/account", "/account/delete", { password: TEST_PASSWORD })).status, 200);
    assert.equal((await h.browser().get(`/u/${handle}-v6`)).status, 404);
    const left = await h.store.db
      .selectFrom("handle_history")
      .select("handle")
      .where("user_id", "=", id)
      .execute();
    assert.deepEqual(left, []);
  });
});

describe("the footer digest box", () => {
  it("asks a visitor for an address, and shows a signed-in reader their digest instead", async () => {
    const anon = await h.browser().get("/search?q=x");
    assert.match(anon.text, /id="subscribe-email"/);
    const { id, handle, browser: b } = await h.userWithBrowser();
    const none = await b.get("/search?q=x");
    assert.doesNotMatch(none.text, /id="subscribe-email"/);
    assert.match(none.text, /href="\/account#digest-settings">Subscribe</);
    const now = new Date().toISOString();
    await h.store.db
      .insertInto("subscribers")
      .values({
        id: `sub-${id}`,
        email: `${handle}@example.org`,
        email_key: `${handle}@example.org`.toLowerCase(),
        status: "active",
        frequency: "weekly",
        topics: "[]",
        user_id: id,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const subscribed = await b.get("/search?q=x");
    assert.match(subscribed.text, /You get the weekly digest/);
    assert.match(subscribed.text, /href="\/account#digest-settings">Manage/);
    assert.doesNotMatch(subscribed.text, /id="subscribe-email"/);
  });
});
