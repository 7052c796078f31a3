// CSRF on every state-changing route the server serves (listed from the router, so a new route
// is covered without being added here): a signed-in reader's request without a token, with a
// made-up token or with a token minted for another browser is refused with 403 and changes
// nothing in the database. Routes that are CSRF-free on purpose are named below with the reason;
// a route that is neither protected nor named fails the test.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "../accounts/support/harness.ts";
import { looksLikeStackTrace } from "../api/server.ts";
import { databaseDigest, fillPath, PAPER_ID, type Site, STATE_CHANGING, startSite } from "./support/site.ts";

/** Routes without a CSRF token on purpose, and why a cross-site request cannot misuse them. */
const CSRF_FREE: Record<string, string> = {
  "POST /subscribe":
    "double opt-in: a forged sign-up only sends a (throttled) confirmation mail to the address typed, as the public form does for anyone",
  "POST /subscribe/confirm/:token": "the signed confirmation token in the URL is the capability",
  "POST /subscription/:token": "the signed manage token in the URL is the capability",
  "POST /unsubscribe/:token":
    "RFC 8058 one-click unsubscribe: mail providers POST without a token; the signed URL is the capability",
  "POST /alerts/stop/:token":
    "RFC 8058 one-click for alert-only mails: mail providers POST without a token; the signed URL is the capability",
};

let site: Site;
let reader: { id: string; handle: string; browser: Browser };
const ids: Record<string, string> = {};

before(async () => {
  site = await startSite();
  reader = await site.userWithBrowser({ handle: "csrfreader" });
  // Things the reader owns, so a route that skipped the check would have something to change.
  const b = reader.browser;
  const paperPage = `/papers/${PAPER_ID}`;
  assert.equal((await b.submit(paperPage, "/comments", { paper: PAPER_ID, body: "my comment" })).status, 303);
  assert.equal((await b.submit("/collections", "/collections", { name: "Mine", public: "1" })).status, 303);
  assert.equal((await b.submit("/account", "/account/alerts", { q: "attention" })).status, 303);
  const db = site.store.db;
  ids.comment = (await db.selectFrom("comments").select("id").executeTakeFirstOrThrow()).id;
  ids.collection = (await db.selectFrom("collections").select("id").executeTakeFirstOrThrow()).id;
  ids.alert = (await db.selectFrom("saved_searches").select("id").executeTakeFirstOrThrow()).id;
});
after(async () => {
  await site?.close();
});

/** The reader's own objects for the route's parameters ("x" for anything unknown). */
function pathFor(url: string): string {
  return fillPath(url, (name) => {
    if (name === "*") return PAPER_ID;
    if (name !== "id") return "x";
    if (url.startsWith("/comments/")) return ids.comment;
    if (url.startsWith("/collections/")) return ids.collection;
    if (url.startsWith("/account/alerts/")) return ids.alert;
    return "x";
  });
}

/** A form that every route would act on if it skipped the check (each route reads its fields). */
const FORM: Record<string, string> = {
  paper: PAPER_ID,
  id: "2606.00002",
  body: "changed by a forged request",
  name: "Forged",
  description: "forged",
  tags: "forged",
  public: "1",
  value: "1",
  email: "victim@example.org",
  handle: "forged",
  password: "correct horse battery",
  q: "forged search",
  action: "delete",
  frequency: "weekly",
  delivery: "alerts",
  picks: "only",
  categories: "cs.CL",
  new_name: "Forged",
};

describe("CSRF on every state-changing route", () => {
  it("lists the routes from the router and names every CSRF-free one that exists", () => {
    const writes = site.routes.filter((r) => STATE_CHANGING.has(r.method));
    assert.ok(writes.length >= 20, `the router lists the write routes (${writes.length})`);
    const keys = new Set(writes.map((r) => `${r.method} ${r.url}`));
    for (const listed of Object.keys(CSRF_FREE))
      assert.ok(keys.has(listed), `${listed} is allowlisted but the server has no such route: drop it`);
  });

  it("refuses a signed-in request with no token, a made-up token or another browser's token, and changes nothing", async () => {
    // The reader has a CSRF secret cookie (as after any page view); the attacker has their own pair.
    await reader.browser.csrfFrom("/account");
    assert.ok(reader.browser.cookies.has("_csrf"), "the reader's browser holds a CSRF secret");
    const attacker = site.browser();
    const attackerToken = await attacker.csrfFrom("/signup");
    const unprotected: string[] = [];
    for (const route of site.routes.filter((r) => STATE_CHANGING.has(r.method))) {
      const key = `${route.method} ${route.url}`;
      if (CSRF_FREE[key]) continue;
      const path = pathFor(route.url);
      const attempts: [string, Record<string, string>][] = [
        ["no token", FORM],
        ["a made-up token", { ...FORM, _csrf: "forged-token" }],
        ["another browser's token", { ...FORM, _csrf: attackerToken }],
      ];
      for (const [what, form] of attempts) {
        const before = databaseDigest(site);
        const res = await reader.browser.request(route.method, path, {
          form,
          headers: { "x-forwarded-for": "203.0.113.7" },
        });
        if (res.status !== 403) {
          unprotected.push(`${key} with ${what}: ${res.status}`);
          continue;
        }
        assert.equal(looksLikeStackTrace(res.text), false, `${key}: no stack trace in the 403`);
        assert.equal(databaseDigest(site), before, `${key} with ${what} changed the database`);
      }
      // Still signed in: the refused request did not end the session.
      if (!reader.browser.cookies.has("papertide_session")) unprotected.push(`${key} ended the session`);
    }
    assert.deepEqual(
      unprotected,
      [],
      "every state-changing route checks the CSRF token or is named in CSRF_FREE with the reason",
    );
  });

  it("still accepts the same requests with the reader's own token (the check is not a blanket refusal)", async () => {
    const res = await reader.browser.submit(`/papers/${PAPER_ID}`, "/upvote", {
      paper: PAPER_ID,
      value: "1",
    });
    assert.ok(res.status === 303 || res.status === 200, `upvote with a valid token: ${res.status}`);
    const votes = await site.store.db
      .selectFrom("votes")
      .selectAll()
      .where("user_id", "=", reader.id)
      .execute();
    assert.equal(votes.length, 1);
  });
});
