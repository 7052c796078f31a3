// Accounts over real HTTP: sign-up with a mailed confirmation link (real SMTP server), sign-in,
// sign-out, password reset, account deletion, and the answers that must not reveal whether an
// email has an account.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { getUser } from "../../src/store/users.ts";
import { type Harness, linkIn, startHarness } from "./support/harness.ts";

let h: Harness;

before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

async function signUpVerified(email: string, handle: string, password: string) {
  const b = h.browser();
  const before = h.inbox.mails.length;
  const res = await b.submit("/signup", "/signup", { email, handle, password });
  assert.equal(res.status, 200);
  assert.match(res.text, /Check your inbox/);
  const mails = await h.inbox.waitFor(before + 1);
  const mail = mails[before];
  assert.equal((mail.to && "text" in mail.to ? mail.to.text : "").toLowerCase(), email.toLowerCase());
  const link = linkIn(mail.text, "/account/verify");
  const page = await b.get(link);
  assert.equal(page.status, 200);
  const token = /name="token" value="([^"]+)"/.exec(page.text)?.[1];
  assert.ok(token);
  const done = await b.submit(link, "/account/verify", { token });
  assert.equal(done.status, 200);
  assert.match(done.text, /Your address is confirmed/);
  return b;
}

describe("sign-up, confirmation, sign-in, sign-out", () => {
  it("creates an account whose address is confirmed by the mailed link, then signs in", async () => {
    const b = await signUpVerified("Ada@Example.org", "ada", "analytical engine 1843");
    const user = await h.store.db
      .selectFrom("users")
      .selectAll()
      .where("handle", "=", "ada")
      .executeTakeFirstOrThrow();
    assert.ok(user.email_verified_at, "verified");
    assert.match(user.password_hash, /^\$argon2id\$/);
    assert.ok(!user.password_hash.includes("analytical"));
    // The confirmation link works once.
    const again = await b.submit("/signup", "/account/verify", { token: "not-a-token" });
    assert.equal(again.status, 400);

    const login = await b.submit("/login", "/login", {
      email: "ada@example.org",
      password: "analytical engine 1843",
      next: "/account",
    });
    assert.equal(login.status, 303);
    assert.equal(login.location, "/account");
    const setCookie = login.headers.getSetCookie().find((c) => c.startsWith("papertide_session="));
    assert.ok(setCookie);
    assert.match(setCookie, /HttpOnly/i);
    assert.match(setCookie, /SameSite=Lax/i);
    assert.doesNotMatch(setCookie, /Secure/i, "no Secure flag on plain http");
    const account = await b.get("/account");
    assert.equal(account.status, 200);
    assert.match(account.text, /Ada@example.org \(confirmed\)/);
    // The layout shows the user menu instead of "Sign in".
    const home = await b.get("/search?q=x");
    assert.match(home.text, /<details class="user-menu"><summary>ada<\/summary>/);

    const sessions = await h.store.db.selectFrom("sessions").selectAll().execute();
    const raw = b.cookies.get("papertide_session") as string;
    assert.equal(raw.length, 43, "256 random bits, base64url");
    assert.ok(
      sessions.every((s) => s.id_hash !== raw),
      "only a hash of the id is stored",
    );

    const out = await b.submit("/account", "/logout", {});
    assert.equal(out.status, 303);
    assert.equal(b.cookies.has("papertide_session"), false);
    assert.equal((await b.get("/account")).status, 303, "signed out: /account redirects to sign-in");
    // The old session id no longer works even if replayed.
    b.cookies.set("papertide_session", raw);
    assert.equal((await b.get("/account")).status, 303);
  });

  it("rejects bad input with field errors and keeps what was typed", async () => {
    const b = h.browser();
    const res = await b.submit("/signup", "/signup", { email: "nope", handle: "x", password: "short" });
    assert.equal(res.status, 400);
    assert.match(res.text, /Enter a valid email address/);
    assert.match(res.text, /Use 2 to 30 letters/);
    assert.match(res.text, /at least 10 characters/);
    assert.match(res.text, /value="nope"/);
  });

  it("answers a sign-up for a known email exactly like a new one, and mails the owner instead", async () => {
    await signUpVerified("grace@example.org", "grace", "cobol compiler 1959");
    const before = h.inbox.mails.length;
    const users = (await h.store.db.selectFrom("users").select("id").execute()).length;
    const res = await h.browser().submit("/signup", "/signup", {
      email: "GRACE@example.org",
      handle: "grace2",
      password: "another password here",
    });
    assert.equal(res.status, 200);
    assert.match(res.text, /Check your inbox/);
    const mails = await h.inbox.waitFor(before + 1);
    assert.match(mails[before].subject ?? "", /Your Papertide account/);
    assert.match(mails[before].text ?? "", /already has one/);
    assert.equal(
      (await h.store.db.selectFrom("users").select("id").execute()).length,
      users,
      "no second account",
    );
  });

  it("gives the same sign-in failure for a wrong password and an unknown email", async () => {
    await signUpVerified("alan@example.org", "alan", "turing machine 1936");
    const wrong = await h
      .browser()
      .submit("/login", "/login", { email: "alan@example.org", password: "wrong password!!" });
    const unknown = await h
      .browser()
      .submit("/login", "/login", { email: "nobody@example.org", password: "wrong password!!" });
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    const strip = (s: string) =>
      s.replace(/name="_csrf" value="[^"]+"/, "").replace(/value="[^"]*@example.org"/, "");
    assert.equal(strip(wrong.text), strip(unknown.text));
  });

  it("takes about as long for an unknown email as for a known one", async () => {
    const time = async (email: string) => {
      const b = h.browser();
      const token = await b.csrfFrom("/login");
      const t = performance.now();
      await b.request("POST", "/login", { form: { _csrf: token, email, password: "wrong password!!" } });
      return performance.now() - t;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      known.push(await time("alan@example.org"));
      unknown.push(await time(`ghost${i}@example.org`));
    }
    const median = (a: number[]) => a.sort((x, y) => x - y)[1];
    // Both pay for one argon2id verification; without the dummy hash, unknown would be ~0 ms.
    assert.ok(
      median(unknown) > median(known) / 3,
      `unknown ${median(unknown)} ms vs known ${median(known)} ms`,
    );
  });
});

describe("password reset", () => {
  it("mails a one-time link that sets a new password and ends old sessions", async () => {
    const b = await signUpVerified("barbara@example.org", "barbara", "liskov substitution");
    await b.submit("/login", "/login", { email: "barbara@example.org", password: "liskov substitution" });
    assert.equal((await b.get("/account")).status, 200);

    const before = h.inbox.mails.length;
    const asked = await h
      .browser()
      .submit("/forgot-password", "/forgot-password", { email: "barbara@example.org" });
    assert.equal(asked.status, 200);
    const unknown = await h
      .browser()
      .submit("/forgot-password", "/forgot-password", { email: "unknown@example.org" });
    assert.equal(
      unknown.text.replace(/name="_csrf" value="[^"]+"/, ""),
      asked.text.replace(/name="_csrf" value="[^"]+"/, ""),
    );
    const mails = await h.inbox.waitFor(before + 1);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(h.inbox.mails.length, before + 1, "no mail for the unknown address");
    const link = linkIn(mails[before].text, "/reset-password");
    const r = h.browser();
    const form = await r.get(link);
    assert.equal(form.status, 200);
    const token = new URL(`http://x${link}`).searchParams.get("token") as string;
    const weak = await r.submit(link, "/reset-password", { token, password: "short" });
    assert.equal(weak.status, 400);
    const done = await r.submit(link, "/reset-password", { token, password: "a brand new password" });
    assert.equal(done.status, 303);
    assert.equal(done.location, "/login?reset=1");
    // The link was used; the old session is gone; the new password works, the old one does not.
    assert.equal((await r.get(link)).status, 400);
    assert.equal((await b.get("/account")).status, 303);
    const oldPw = await h
      .browser()
      .submit("/login", "/login", { email: "barbara@example.org", password: "liskov substitution" });
    assert.equal(oldPw.status, 401);
    const newPw = await h
      .browser()
      .submit("/login", "/login", { email: "barbara@example.org", password: "a brand new password" });
    assert.equal(newPw.status, 303);
  });
});

describe("account deletion", () => {
  it("needs the password, then removes the user, sessions and votes", async () => {
    const b = await signUpVerified("edsger@example.org", "edsger", "goto considered harmful");
    await b.submit("/login", "/login", { email: "edsger@example.org", password: "goto considered harmful" });
    const user = await h.store.db
      .selectFrom("users")
      .select("id")
      .where("handle", "=", "edsger")
      .executeTakeFirstOrThrow();
    const refused = await b.submit("/account", "/account/delete", { password: "not it at all" });
    assert.equal(refused.status, 400);
    assert.ok(await getUser(h.store.db, user.id));
    const done = await b.submit("/account", "/account/delete", { password: "goto considered harmful" });
    assert.equal(done.status, 200);
    assert.equal(await getUser(h.store.db, user.id), null);
    assert.equal(
      (await h.store.db.selectFrom("sessions").selectAll().where("user_id", "=", user.id).execute()).length,
      0,
    );
    assert.equal((await b.get("/account")).status, 303);
  });
});
