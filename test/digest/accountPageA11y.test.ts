// The account page's digest and alert forms in a real browser (Chromium), signed in, without
// JavaScript doing anything for them: no serious or critical axe violations, and subscribing and
// saving a search from the search page work by plain form posts.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { insertSavedSearch } from "../../src/store/savedSearches.ts";
import { type BrowserSite, seriousViolations, startBrowserSite } from "../support/browserSite.ts";
import { addUser } from "../support/factories.ts";

let site: BrowserSite;
const USER = "a11y-reader";
let session = "";

before(async () => {
  site = await startBrowserSite({ prefix: "papertide-digest-e2e-" });
  const now = new Date().toISOString();
  ({ session = "" } = await addUser(site.store.db, {
    id: USER,
    email: "a11y@example.org",
    handle: "a11y",
    signIn: site.app.accountDeps,
  }));
  await insertSavedSearch(site.store.db, {
    id: "s1",
    userId: USER,
    query: "diffusion models",
    delivery: "digest",
    lastRunAt: now,
    createdAt: now,
  });
});

after(async () => {
  await site?.close();
});

test("the account page's digest and alert sections: axe-clean, and plain forms that work", async () => {
  const { page, errors } = await site.openPage();
  await page
    .context()
    .addCookies([{ name: "papertide_session", value: session, url: site.base, httpOnly: true }]);
  assert.equal((await page.goto(`${site.base}/account`))?.status(), 200);
  await page.getByRole("heading", { name: "Email digest" }).waitFor();
  assert.deepEqual(await seriousViolations(page), [], "/account");

  await page.getByLabel("Weekly, on Mondays").check();
  await page.getByRole("button", { name: "Subscribe a11y@example.org" }).click();
  await page.waitForURL(/\/account\?done=subscribed/);
  assert.match(String(await page.locator("main").textContent()), /You are subscribed/);
  assert.deepEqual(await seriousViolations(page), [], "/account (subscribed)");

  assert.equal(
    (await page.goto(`${site.base}/search?q=${encodeURIComponent("graph neural networks")}`))?.status(),
    200,
  );
  await page.getByLabel("Alert-only (a mail of its own)").check();
  await page.getByRole("button", { name: "Save this search" }).click();
  await page.waitForURL(/\/account\?done=alert-saved/);
  assert.match(String(await page.locator("main").textContent()), /graph neural networks/);

  // The alert mail's "Stop alert mails" link: a page that says what stops, and a button.
  const subscriber = await site.store.db
    .selectFrom("subscribers")
    .select("id")
    .where("user_id", "=", USER)
    .executeTakeFirstOrThrow();
  const stopLink = site.app.digestDeps.links.stopAlerts(subscriber.id);
  assert.equal((await page.goto(`${site.base}${new URL(stopLink).pathname}`))?.status(), 200);
  assert.match(String(await page.locator("main").textContent()), /graph neural networks/);
  assert.deepEqual(await seriousViolations(page), [], "/alerts/stop");
  await page.getByRole("button", { name: "Stop alert mails" }).click();
  await page.getByRole("heading", { name: "Alert mails stopped" }).waitFor();
  assert.deepEqual(await seriousViolations(page), [], "/alerts/stop (stopped)");
  assert.equal((await page.goto(`${site.base}/account`))?.status(), 200);
  assert.doesNotMatch(String(await page.locator("main").textContent()), /graph neural networks/);
  assert.match(String(await page.locator("main").textContent()), /diffusion models/, "digest searches stay");
  assert.deepEqual(errors, [], "no console errors");
});
