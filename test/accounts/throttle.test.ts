// Sign-in and account mails throttled per account as well as per address, counted in the
// database with the accounts' clock (injected here, no sleeps); and the client address taken as
// the right-most hop that is not a trusted proxy, so X-Forwarded-For cannot rotate it.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { FIRST_BACKOFF_SECONDS } from "../../src/accounts/accountThrottle.ts";
import { TEST_PASSWORD } from "../support/factories.ts";
import { type Harness, startHarness } from "./support/harness.ts";

let h: Harness;
let offsetMs = 0;
before(async () => {
  h = await startHarness({ clock: { now: () => new Date(Date.now() + offsetMs) } });
});
after(async () => {
  await h?.close();
});

async function login(email: string, password: string, ip: string) {
  const b = h.browser();
  const token = await b.csrfFrom("/login");
  return b.request("POST", "/login", {
    form: { _csrf: token, email, password },
    headers: { "x-forwarded-for": ip },
  });
}

describe("sign-in per account", () => {
  it("answers 429 to guesses spread over many forwarded addresses", async () => {
    const { handle } = await h.userWithBrowser();
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const res = await login(`${handle}@example.org`, "wrong password 1", `198.51.100.${i + 1}, 127.0.0.1`);
      statuses.push(res.status);
    }
    assert.deepEqual(statuses.slice(0, 5), [401, 401, 401, 401, 401], "the first failures are plain 401s");
    assert.ok(
      statuses.slice(5).every((s) => s === 429),
      `then the account is in backoff: ${statuses}`,
    );
  });

  it("refuses even the right password during the backoff, with the same 429, and lets it in after", async () => {
    const { handle } = await h.userWithBrowser();
    const email = `${handle}@example.org`;
    const ips = ["203.0.113.7", "203.0.113.8", "203.0.113.9"];
    const failures: string[] = [];
    for (let i = 0; i < 57; i++) {
      const res = await login(email, `guess ${i}`, ips[i % 3]);
      if (res.status === 429) failures.push(res.text);
    }
    assert.equal(failures.length, 52, "all but the first five guesses are refused unchecked");
    const right = await login(email, TEST_PASSWORD, "192.0.2.50");
    assert.equal(right.status, 429);
    assert.match(right.text, /too many failed sign-ins for this account/i);
    assert.ok(Number(right.headers.get("retry-after")) > 0);
    assert.equal(right.headers.getSetCookie().filter((c) => c.startsWith("papertide_session=")).length, 0);
    // The same page as for a wrong password during the backoff (the Retry-After aside).
    const wrong = await login(email, "still wrong", "192.0.2.51");
    assert.equal(wrong.status, 429);
    assert.equal(wrong.text, right.text);

    // The backoff ends after FIRST_BACKOFF_SECONDS (the fifth failure set it; refused attempts
    // did not extend it): the right password works, and clears the count.
    offsetMs += (FIRST_BACKOFF_SECONDS + 1) * 1000;
    const later = await login(email, TEST_PASSWORD, "192.0.2.52");
    assert.equal(later.status, 303);
    const again = await login(email, "one more wrong", "192.0.2.53");
    assert.equal(again.status, 401, "a success starts the count again");
  });

  it("doubles the backoff with each failure after it, up to the cap", async () => {
    const { handle } = await h.userWithBrowser();
    const email = `${handle}@example.org`;
    let ip = 1;
    const attempt = (password: string) => login(email, password, `192.0.2.${100 + ip++}`);
    for (let i = 0; i < 5; i++) assert.equal((await attempt("wrong")).status, 401);
    const waits: number[] = [];
    for (let round = 0; round < 7; round++) {
      const refused = await attempt("wrong");
      assert.equal(refused.status, 429);
      const wait = Number(refused.headers.get("retry-after"));
      waits.push(wait);
      offsetMs += wait * 1000;
      assert.equal((await attempt("wrong")).status, 401, "one guess per backoff");
    }
    assert.deepEqual(waits, [15, 30, 60, 120, 240, 300, 300]);
    offsetMs += 300_000;
    assert.equal((await attempt(TEST_PASSWORD)).status, 303, "no lock outlives the cap");
  });
});

describe("account mails per address", () => {
  it("limits reset mails to one address, whoever asks, without telling whether it exists", async () => {
    for (const email of ["nobody-here@example.org", `${(await h.userWithBrowser()).handle}@example.org`]) {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) {
        const b = h.browser();
        const res = await b.submit(
          "/forgot-password",
          "/forgot-password",
          { email },
          {
            "x-forwarded-for": `198.18.0.${i + 1}`,
          },
        );
        statuses.push(res.status);
        if (res.status === 429) assert.match(res.text, /as many mails to this address/);
      }
      assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429, 429], email);
    }
  });
});

describe("proxy trust", () => {
  it("keys the per-address limit on the right-most untrusted hop, with PAPERTIDE_TRUST_PROXY=true", async () => {
    const proxied = await startHarness({
      env: { PAPERTIDE_TRUST_PROXY: "true", PAPERTIDE_AUTH_RATE_LIMIT: "5" },
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) {
        // A client forging the left of the chain; the proxy on this host appended its real address.
        const b = proxied.browser();
        const res = await b.submit(
          "/signup",
          "/signup",
          { email: `x${i}@example.org`, handle: "", password: "" },
          { "x-forwarded-for": `203.0.113.${i + 1}, 198.51.100.77` },
        );
        statuses.push(res.status);
      }
      assert.deepEqual(statuses, [400, 400, 400, 400, 400, 429, 429]);
      // Another real client behind the same proxy has its own allowance.
      const other = await proxied.browser().submit(
        "/signup",
        "/signup",
        { email: "y@example.org", handle: "", password: "" },
        {
          "x-forwarded-for": "203.0.113.1, 198.51.100.78",
        },
      );
      assert.equal(other.status, 400);
    } finally {
      await proxied.close();
    }
  });
});
