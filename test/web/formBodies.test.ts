// Page routes take form bodies only: a JSON (or text, or multipart) body to a form route is
// refused with 415 before it is parsed, even when it carries a valid CSRF token, and the answer
// says what to send. Form posts and the JSON API are unaffected.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { countVotes } from "../../src/store/votes.ts";
import { type Harness, startHarness } from "../accounts/support/harness.ts";

const PAPER = {
  id: "2606.00031",
  title: "A paper to vote on",
  abstract: "Abstract.",
  authors: ["A. B."],
  categories: ["cs.LG"],
  versions: [{ version: 1, createdAt: "2026-06-10T00:00:00.000Z" }],
};

let h: Harness;
before(async () => {
  h = await startHarness({ papers: [PAPER] });
});
after(async () => {
  await h?.close();
});

describe("bodies of form routes", () => {
  it("refuses a JSON body with a valid CSRF token (415) before it is parsed", async () => {
    const u = await h.userWithBrowser();
    const token = await u.browser.csrfFrom(`/papers/${PAPER.id}`);
    const bodies: [string, string][] = [
      ["application/json", JSON.stringify({ _csrf: token, paper: PAPER.id, value: "1" })],
      ["application/json; charset=utf-8", JSON.stringify({ _csrf: token, paper: PAPER.id, value: "1" })],
      ["text/plain", `_csrf=${token}&paper=${PAPER.id}&value=1`],
      [
        "multipart/form-data; boundary=x",
        `--x\r\nContent-Disposition: form-data; name="paper"\r\n\r\n${PAPER.id}\r\n--x--\r\n`,
      ],
    ];
    for (const [type, body] of bodies) {
      const res = await fetch(`${h.base}/upvote`, {
        method: "POST",
        headers: { cookie: u.browser.cookieHeader(), "content-type": type },
        body,
        redirect: "manual",
      });
      assert.equal(res.status, 415, type);
      const text = await res.text();
      assert.match(String(res.headers.get("content-type")), /text\/html/);
      assert.match(text, /application\/x-www-form-urlencoded/);
      assert.ok(text.includes(type.split(";")[0]), `the answer names ${type}`);
    }
    assert.equal(await countVotes(h.store.db, PAPER.id), 0, "no vote came from a non-form body");
    // The same vote as a form works.
    const ok = await u.browser.submit(`/papers/${PAPER.id}`, "/upvote", { paper: PAPER.id, value: "1" });
    assert.equal(ok.status, 303);
    assert.equal(await countVotes(h.store.db, PAPER.id), 1);
  });

  it("refuses a JSON sign-in before anything reads it", async () => {
    const b = h.browser();
    const token = await b.csrfFrom("/login");
    const res = await fetch(`${h.base}/login`, {
      method: "POST",
      headers: {
        cookie: b.cookieHeader(),
        "content-type": "application/json",
        "x-forwarded-for": "198.51.100.77",
      },
      body: JSON.stringify({ _csrf: token, email: "a@example.org", password: "whatever1234" }),
      redirect: "manual",
    });
    assert.equal(res.status, 415);
  });

  it("leaves the JSON API to its own content types", async () => {
    const res = await fetch(`${h.base}/api/papers/${PAPER.id}`);
    assert.equal(res.status, 200);
    assert.equal((await res.json()).id, PAPER.id);
    // A JSON body to an API address is not a form route: Fastify's own JSON answer (no page).
    const post = await fetch(`${h.base}/api/papers`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    assert.notEqual(post.status, 415);
    assert.match(String(post.headers.get("content-type")), /application\/json/);
  });
});
