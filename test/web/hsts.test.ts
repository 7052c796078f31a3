// Strict-Transport-Security is sent only over TLS: a request through a trusted proxy that says
// https, or any request when the base URL is https; never on a plain-HTTP answer of an http site.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type Harness, startHarness } from "../accounts/support/harness.ts";

describe("Strict-Transport-Security", () => {
  let plain: Harness;
  before(async () => {
    plain = await startHarness();
  });
  after(async () => {
    await plain?.close();
  });

  it("is not sent over plain HTTP when the base URL is http", async () => {
    for (const path of ["/", "/login", "/api/papers", "/no-such-page"]) {
      const res = await plain.browser().get(path);
      assert.equal(res.headers.get("strict-transport-security"), null, path);
    }
  });

  it("is sent when a trusted proxy says the request came over https", async () => {
    const res = await plain.browser().get("/", { "x-forwarded-proto": "https" });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("strict-transport-security"), "max-age=31536000; includeSubDomains");
  });

  it("is sent when the base URL is https", async () => {
    const secure = await startHarness({ env: { PAPERTIDE_BASE_URL: "https://papertide.test" } });
    try {
      const res = await secure.browser().get("/");
      assert.equal(res.headers.get("strict-transport-security"), "max-age=31536000; includeSubDomains");
    } finally {
      await secure.close();
    }
  });
});
