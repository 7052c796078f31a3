// Where sign-in sends the reader back to: a `next` value that no Location header can carry (a
// character above U+00FF, DEL) is replaced by "/" before anything is written, so sign-in still
// completes with its cookie instead of failing after the session row exists.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { TEST_PASSWORD } from "../support/factories.ts";
import { type Harness, startHarness } from "./support/harness.ts";

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

let ip = 10;
const fromNewIp = () => ({ "x-forwarded-for": `198.51.100.${ip++}` });

const HOSTILE = ["/\u3002evil", "/a\u007fb", "/%2F%2Fevil.example"];

describe("the next value of sign-in", () => {
  it("signs in and goes to / when next cannot be a same-site Location", async () => {
    const u = await h.userWithBrowser({ handle: "nexter" });
    for (const next of HOSTILE) {
      const b = h.browser();
      const token = await b.csrfFrom("/login");
      const res = await b.request("POST", "/login", {
        form: { _csrf: token, email: `${u.handle}@example.org`, password: TEST_PASSWORD, next },
        headers: fromNewIp(),
      });
      assert.equal(res.status, 303, JSON.stringify(next));
      assert.equal(res.location, "/");
      assert.ok(b.cookies.get("papertide_session"), "the session cookie is set");
    }
  });

  it("sends a signed-in reader on /login?next=… to / instead of failing", async () => {
    const u = await h.userWithBrowser({ handle: "nexter2" });
    for (const next of HOSTILE) {
      const res = await u.browser.get(`/login?next=${encodeURIComponent(next)}`);
      assert.equal(res.status, 303, JSON.stringify(next));
      assert.equal(res.location, "/");
    }
  });

  it("shows the sign-in form with next=/ for such a value", async () => {
    const res = await h.browser().get(`/login?next=${encodeURIComponent("/\u3002evil")}`);
    assert.equal(res.status, 200);
    assert.match(res.text, /name="next" value="\/"/);
  });
});
