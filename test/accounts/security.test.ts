// Security properties of accounts and community features, over real HTTP: CSRF, session
// fixation, rate limits, what the log never contains, open redirects, hostile input rendered
// inert and SQL injection going nowhere.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { hashSecret } from "../../src/accounts/secrets.ts";
import { countVotes } from "../../src/store/votes.ts";
import { TEST_PASSWORD, testPaper } from "../support/factories.ts";
import { type Harness, startHarness } from "./support/harness.ts";

let h: Harness;
const PAPER = testPaper("2606.00009", { title: "Target paper", abstract: "Abstract.", authors: ["A. B."] });

before(async () => {
  h = await startHarness({ env: { PAPERTIDE_AUTH_RATE_LIMIT: "5" }, papers: [PAPER] });
});
after(async () => {
  await h?.close();
});

/** Each test its own client address, so the sign-in rate limit of one does not trip another. */
let ip = 10;
const fromNewIp = () => ({ "x-forwarded-for": `198.51.100.${ip++}` });

describe("CSRF", () => {
  it("rejects state-changing posts without a token, with a forged one, or with another browser's token", async () => {
    const u = await h.userWithBrowser();
    const noToken = await u.browser.request("POST", "/upvote", { form: { paper: PAPER.id, value: "1" } });
    assert.equal(noToken.status, 403);
    await u.browser.get("/papers/2606.00009"); // now it has a CSRF secret cookie
    const forged = await u.browser.request("POST", "/upvote", {
      form: { _csrf: "forged-token", paper: PAPER.id, value: "1" },
    });
    assert.equal(forged.status, 403);
    const other = h.browser();
    const othersToken = await other.csrfFrom("/login");
    const crossed = await u.browser.request("POST", "/upvote", {
      form: { _csrf: othersToken, paper: PAPER.id, value: "1" },
    });
    assert.equal(crossed.status, 403);
    const logout = await u.browser.request("POST", "/logout", { form: {} });
    assert.equal(logout.status, 403);
    assert.equal(await countVotes(h.store.db, PAPER.id), 0, "no forged vote was stored");
    // The same request with the page's own token works.
    const ok = await u.browser.submit("/papers/2606.00009", "/upvote", { paper: PAPER.id, value: "1" });
    assert.equal(ok.status, 303);
    assert.equal(await countVotes(h.store.db, PAPER.id), 1);
  });

  it("protects sign-in itself (login CSRF)", async () => {
    const res = await h.browser().request("POST", "/login", {
      form: { email: "a@example.org", password: "whatever1234" },
      headers: fromNewIp(),
    });
    assert.equal(res.status, 403);
  });
});

describe("sessions", () => {
  it("issues a new session id at sign-in: a planted id never becomes authenticated", async () => {
    const victim = await h.userWithBrowser({ handle: "victim" });
    const attacker = await h.userWithBrowser({ handle: "attacker" });
    const planted = attacker.browser.cookies.get("papertide_session") as string;
    const b = h.browser();
    b.cookies.set("papertide_session", planted);
    // /login would redirect a browser that already holds a live session: take the token elsewhere.
    const token = await b.csrfFrom("/signup");
    const res = await b.request("POST", "/login", {
      form: { _csrf: token, email: "victim@example.org", password: TEST_PASSWORD, next: "/account" },
      headers: fromNewIp(),
    });
    assert.equal(res.status, 303);
    const issued = b.cookies.get("papertide_session") as string;
    assert.notEqual(issued, planted);
    assert.match((await b.get("/account")).text, /victim@example.org/);
    // The planted id was ended, and never pointed at the victim.
    const rows = await h.store.db.selectFrom("sessions").select(["id_hash", "user_id"]).execute();
    assert.equal(
      rows.find((r) => r.id_hash === hashSecret(planted)),
      undefined,
    );
    assert.equal(rows.find((r) => r.id_hash === hashSecret(issued))?.user_id, victim.id);
    const replay = h.browser();
    replay.cookies.set("papertide_session", planted);
    assert.equal((await replay.get("/account")).status, 303);
  });

  it("sets HttpOnly, SameSite=Lax and Secure when the request came over https", async () => {
    await h.userWithBrowser({ handle: "tlsuser" });
    const b = h.browser();
    const headers = { ...fromNewIp(), "x-forwarded-proto": "https" };
    const token = await b.csrfFrom("/login");
    const res = await b.request("POST", "/login", {
      form: { _csrf: token, email: "tlsuser@example.org", password: TEST_PASSWORD },
      headers,
    });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("papertide_session=")) ?? "";
    assert.match(cookie, /; HttpOnly/i);
    assert.match(cookie, /; Secure/i);
    assert.match(cookie, /; SameSite=Lax/i);
  });

  it("ignores off-site redirect targets after sign-in", async () => {
    await h.userWithBrowser({ handle: "redirected" });
    for (const next of [
      "//evil.example/",
      "https://evil.example/",
      "/\\evil.example",
      "javascript:alert(1)",
    ]) {
      const b = h.browser();
      const token = await b.csrfFrom("/login");
      const res = await b.request("POST", "/login", {
        form: { _csrf: token, email: "redirected@example.org", password: TEST_PASSWORD, next },
        headers: fromNewIp(),
      });
      assert.equal(res.status, 303);
      assert.equal(res.location, "/", next);
    }
  });
});

describe("rate limits", () => {
  it("trips on repeated sign-in, sign-up and reset attempts from one client", async () => {
    for (const path of ["/login", "/signup", "/forgot-password"]) {
      const headers = fromNewIp();
      const b = h.browser();
      const token = await b.csrfFrom(path);
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) {
        const res = await b.request("POST", path, {
          form: { _csrf: token, email: `x${i}@example.org`, password: "not a real one", handle: "" },
          headers,
        });
        statuses.push(res.status);
      }
      assert.ok(
        statuses.slice(0, 5).every((s) => s !== 429),
        `${path}: first five allowed (${statuses})`,
      );
      assert.deepEqual(statuses.slice(5), [429, 429], `${path}: then limited`);
    }
  });
});

describe("logs", () => {
  it("never contain passwords or session ids (sign-up, sign-in, failed sign-in)", async () => {
    const password = "Pa55word-that-must-not-leak";
    const b = h.browser();
    const headers = fromNewIp();
    let token = await b.csrfFrom("/signup");
    await b.request("POST", "/signup", {
      form: { _csrf: token, email: "logged@example.org", handle: "logged", password },
      headers,
    });
    await h.store.db
      .updateTable("users")
      .set({ email_verified_at: new Date().toISOString() })
      .where("handle", "=", "logged")
      .execute();
    token = await b.csrfFrom("/login");
    await b.request("POST", "/login", {
      form: { _csrf: token, email: "logged@example.org", password: `${password}x` },
      headers,
    });
    const res = await b.request("POST", "/login", {
      form: { _csrf: token, email: "logged@example.org", password },
      headers,
    });
    assert.equal(res.status, 303);
    await b.get("/account");
    const session = b.cookies.get("papertide_session") as string;
    assert.ok(session);
    const logs = h.logs();
    assert.match(logs, /"url":"\/login"/, "the requests were logged");
    assert.ok(!logs.includes(password), "password in the log");
    assert.ok(!logs.includes(session), "session id in the log");
    assert.ok(!logs.includes(hashSecret(session)), "session hash in the log");
  });
});

describe("authorization", () => {
  it("does not let a user edit, delete or hide another user's comment", async () => {
    const owner = await h.userWithBrowser();
    const intruder = await h.userWithBrowser();
    const page = "/papers/2606.00009";
    assert.equal(
      (await owner.browser.submit(page, "/comments", { paper: PAPER.id, body: "mine" })).status,
      303,
    );
    const id = /<li class="comment" id="c-([^"]+)"/.exec((await owner.browser.get(page)).text)?.[1] as string;
    assert.ok(id);
    for (const [action, form] of [
      [`/comments/${id}/edit`, { body: "not yours" }],
      [`/comments/${id}/delete`, {}],
      [`/comments/${id}/hide`, { hidden: "1" }],
    ] as const) {
      assert.equal((await intruder.browser.submit(page, action, form)).status, 403, action);
    }
    const row = await h.store.db
      .selectFrom("comments")
      .select(["body", "status"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { body: "mine", status: "visible" });
  });
});

describe("hostile input", () => {
  const XSS = `"><script>alert(1)</script><img src=x onerror=alert(1)>`;

  it("renders hostile text inert in every echoed field", async () => {
    const b = h.browser();
    const headers = fromNewIp();
    const token = await b.csrfFrom("/signup");
    const signup = await b.request("POST", "/signup", {
      form: { _csrf: token, email: XSS, handle: XSS, password: XSS },
      headers,
    });
    assert.equal(signup.status, 400);
    const login = await b.request("POST", "/login", {
      form: { _csrf: token, email: XSS, password: XSS, next: XSS },
      headers,
    });
    const loginPage = await b.get(`/login?next=${encodeURIComponent(`/${XSS}`)}`);
    const u = await h.userWithBrowser();
    const submit = await u.browser.submit("/submit", "/submit", { paper: XSS });
    for (const page of [signup.text, login.text, loginPage.text, submit.text]) {
      assert.doesNotMatch(page, /<script>alert/);
      assert.doesNotMatch(page, /<img src=x/);
      assert.doesNotMatch(page, /<[a-z][^<>]*\son[a-z]+=/i);
    }
  });

  it("treats SQL in emails, handles and ids as plain text", async () => {
    const users = (await h.store.db.selectFrom("users").select("id").execute()).length;
    const b = h.browser();
    const headers = fromNewIp();
    const token = await b.csrfFrom("/login");
    const login = await b.request("POST", "/login", {
      form: { _csrf: token, email: "' OR 1=1 --@example.org", password: "' OR '1'='1" },
      headers,
    });
    assert.equal(login.status, 401);
    const signup = await b.request("POST", "/signup", {
      form: {
        _csrf: token,
        email: "sql'); DROP TABLE users; --@example.org",
        handle: "robert'); DROP TABLE users;--",
        password: "long enough password",
      },
      headers,
    });
    assert.equal(signup.status, 400);
    const u = await h.userWithBrowser();
    const vote = await u.browser.submit(
      "/papers/2606.00009",
      "/upvote",
      { paper: "2606.00009' OR '1'='1", value: "1" },
      { accept: "application/json" },
    );
    assert.equal(vote.status, 404);
    assert.equal((await h.store.db.selectFrom("users").select("id").execute()).length, users + 1);
  });
});
