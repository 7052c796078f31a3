// /admin/status: each scheduled source's last success, last error and lag, the jobs held now and
// the outbox, for admins only; text from remote answers (an error message) is escaped.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { takeLease } from "../../src/store/jobLeases.ts";
import { recordSyncFailure, recordSyncSuccess } from "../../src/store/syncRuns.ts";
import { addUser } from "../support/factories.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

let server: TestServer;
let admin = "";
let reader = "";

before(async () => {
  server = await startTestServer({
    prefix: "papertide-admin-",
    env: {
      PAPERTIDE_DAILY_PAPERS_URL: "https://daily.example.org/api/daily_papers",
      PAPERTIDE_SYNC_ARXIV: "off",
    },
  });
  const db = server.store.db;
  const now = Date.now();
  await recordSyncSuccess(db, "daily-papers", new Date(now - 3 * 3_600_000), "mirrored 2 days: new 30");
  await recordSyncFailure(
    db,
    "daily-papers",
    new Date(now - 600_000),
    'HTTP 503 <script>alert("x")</script>',
    () => new Date(now + 300_000),
  );
  await takeLease(db, "sync:daily-papers", "host-a/4242/abcd", new Date(now), new Date(now + 60_000));
  ({ session: admin = "" } = await addUser(db, { role: "admin", signIn: server.app.accountDeps }));
  ({ session: reader = "" } = await addUser(db, { signIn: server.app.accountDeps }));
});
after(() => server?.close());

const as = (session: string) => ({
  headers: { cookie: `papertide_session=${session}` },
  redirect: "manual" as const,
});

describe("the admin status page", () => {
  it("shows each source's last success, last error and lag, and the jobs held now", async () => {
    const res = await server.get("/admin/status", as(admin));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("cache-control"), "no-store");
    const html = await res.text();
    assert.match(html, /Daily papers mirror <span class="ops-badge ops-bad">failing<\/span>/);
    assert.match(
      html,
      /Last successful fetch<\/dt><dd><time datetime="[^"]+">[^<]+ UTC<\/time> \(3 h 0 min ago\)/,
    );
    assert.match(html, /HTTP 503 &lt;script>alert\(&quot;x&quot;\)&lt;\/script>/);
    assert.doesNotMatch(html, /<script>alert/);
    assert.match(html, /Failed attempts in a row<\/dt><dd>1; next try/);
    assert.match(html, /arXiv <span class="ops-badge ">not scheduled<\/span>.*PAPERTIDE_SYNC_ARXIV=off/s);
    assert.match(html, /<code>sync:daily-papers<\/code> by <code>host-a\/4242\/abcd<\/code>/);
    assert.match(html, /Outbox: 0 pending/);
  });

  it("sends anonymous visitors to sign in and refuses readers who are not admins", async () => {
    const anonymous = await server.get("/admin/status", { redirect: "manual" });
    assert.equal(anonymous.status, 303);
    assert.match(anonymous.headers.get("location") ?? "", /^\/login\?next=%2Fadmin%2Fstatus/);
    const refused = await server.get("/admin/status", as(reader));
    assert.equal(refused.status, 403);
    assert.doesNotMatch(await refused.text(), /sync:daily-papers/);
  });
});
