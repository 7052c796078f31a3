// Community features in a real browser (Debian's Chromium through playwright-core): signing in
// through the /login form, upvoting and saving in place with JavaScript (no navigation, the store
// agrees), accessibility (axe) of the account and community pages, and the upvote form as a plain
// POST with JavaScript off.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { BrowserContextOptions, Page } from "playwright-core";
import { hashPassword } from "../../src/accounts/passwords.ts";
import { savedPaperIds } from "../../src/store/collections.ts";
import type { Store } from "../../src/store/db.ts";
import { countVotes, paperUpvotes, votedPaperIds } from "../../src/store/votes.ts";
import { type BrowserSite, seriousViolations, startBrowserSite } from "../support/browserSite.ts";
import { addUser } from "../support/factories.ts";

const PASSWORD = "correct horse battery staple";

let site: BrowserSite;
let store: Store;
let base: string;
const reader = { id: "", handle: "e2e_reader", email: "e2e.reader@example.org" };
const openPage = (options?: BrowserContextOptions) => site.openPage(options);

before(async () => {
  site = await startBrowserSite({
    prefix: "papertide-e2e-community-",
    // A verified reader, with the real hash of the password the browser types.
    seed: async (s) => {
      ({ id: reader.id } = await addUser(s.db, {
        email: reader.email,
        handle: reader.handle,
        passwordHash: await hashPassword(PASSWORD),
      }));
    },
  });
  ({ store, base } = site);
});

after(async () => {
  await site?.close();
});

/** Signs in through the /login form and waits for the user menu. */
async function signInThroughForm(page: Page): Promise<void> {
  await page.goto(`${base}/login`);
  const form = page.locator('form[action="/login"]');
  await form.getByLabel("Email", { exact: true }).fill(reader.email);
  await form.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith("/login")),
    form.locator('button[type="submit"]').click(),
  ]);
  const menu = page.locator("details.user-menu");
  await menu.waitFor({ state: "visible" });
  assert.equal((await menu.locator("summary").textContent())?.trim(), reader.handle);
}

/** Counts main-frame navigations and plants a marker a reload would wipe out. */
async function watchNavigation(page: Page): Promise<() => Promise<{ navigations: number; marker: unknown }>> {
  let navigations = 0;
  const onNav = (frame: { parentFrame(): unknown }) => {
    if (frame.parentFrame() === null) navigations++;
  };
  page.on("framenavigated", onNav);
  page.on("load", () => navigations++);
  const token = `marker-${Math.random()}`;
  await page.evaluate((t) => {
    (window as unknown as { __e2eMarker: string }).__e2eMarker = t;
  }, token);
  return async () => {
    page.off("framenavigated", onNav);
    const marker = await page.evaluate(() => (window as unknown as { __e2eMarker?: string }).__e2eMarker);
    return { navigations, marker: marker === token ? "kept" : marker };
  };
}

const shownCount = async (_page: Page, form: ReturnType<Page["locator"]>) =>
  Number(((await form.locator(".votes-n").textContent()) ?? "").replace(/[^0-9]/g, ""));

describe("community in Chromium", () => {
  let page: Page;
  let errors: string[];

  before(async () => {
    ({ page, errors } = await openPage());
  });
  after(async () => {
    await page?.context().close();
  });

  it("signs a verified reader in through the /login form", async () => {
    await signInThroughForm(page);
    assert.deepEqual(errors, [], "no console errors");
  });

  it("a mouse click on a feed card's upvote button reaches the button, not the card-wide title link", async () => {
    // The card's title link stretches over the whole card (.card-link::after, app.css); controls in
    // the card must sit above it, as .meta-link does. A reader clicking the arrow must vote, not
    // open the paper.
    await page.goto(`${base}/`);
    const form = page.locator(".paper-card form.vote-form").first();
    await form.waitFor();
    const paperId = await form.locator('input[name="paper"]').inputValue();
    const button = form.locator("button.vote-btn");
    await button.scrollIntoViewIfNeeded();
    const hit = await button.evaluate((btn) => {
      const r = btn.getBoundingClientRect();
      const el = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      // (No inner helper function: tsx's __name wrapper does not exist in the page.)
      const topmost = el
        ? `<${el.tagName.toLowerCase()}${el.className ? ` class="${el.className}"` : ""}>`
        : "nothing";
      return {
        onButton: el !== null && btn.contains(el),
        topmost,
        x: r.left + r.width / 2,
        y: r.top + r.height / 2,
      };
    });
    assert.ok(
      hit.onButton,
      `a click on the upvote button of ${paperId} lands on ${hit.topmost} instead (the card-wide title link covers it)`,
    );
    const before = await paperUpvotes(store.db, paperId);
    assert.ok(before !== null);
    const url = page.url();
    const check = await watchNavigation(page);
    await page.mouse.click(hit.x, hit.y);
    await page.waitForFunction(
      (id) =>
        document
          .querySelector(`form.vote-form:has(input[name="paper"][value="${id}"]) button`)
          ?.getAttribute("aria-pressed") === "true",
      paperId,
      { timeout: 5000 },
    );
    assert.equal(await shownCount(page, form), before + 1);
    assert.equal(await paperUpvotes(store.db, paperId), before + 1);
    await page.mouse.click(hit.x, hit.y);
    await page.waitForFunction(
      (id) =>
        document
          .querySelector(`form.vote-form:has(input[name="paper"][value="${id}"]) button`)
          ?.getAttribute("aria-pressed") === "false",
      paperId,
      { timeout: 5000 },
    );
    assert.equal(await paperUpvotes(store.db, paperId), before);
    assert.equal(page.url(), url, "the URL did not change");
    assert.deepEqual(await check(), { navigations: 0, marker: "kept" }, "no page navigation happened");
  });

  it("upvotes on a feed page without navigating, and takes the upvote back", async () => {
    // Activated from the keyboard (focus + Enter), which the card-wide link does not intercept; the
    // mouse path is the test above.
    await page.goto(`${base}/`);
    const form = page.locator(".paper-card form.vote-form").nth(1);
    await form.waitFor();
    const paperId = await form.locator('input[name="paper"]').inputValue();
    const button = form.locator("button.vote-btn");
    assert.equal(await button.getAttribute("aria-pressed"), "false");
    const before = await paperUpvotes(store.db, paperId);
    assert.ok(before !== null);
    assert.equal(await shownCount(page, form), before, "the card shows the stored count");

    const check = await watchNavigation(page);
    const url = page.url();
    await button.focus();
    await page.keyboard.press("Enter");
    await page.waitForFunction(
      (id) =>
        document
          .querySelector(`form.vote-form:has(input[name="paper"][value="${id}"]) button`)
          ?.getAttribute("aria-pressed") === "true",
      paperId,
    );
    assert.equal(await shownCount(page, form), before + 1, "the count goes up by one");
    assert.equal(await paperUpvotes(store.db, paperId), before + 1, "the stored count matches");
    assert.ok((await votedPaperIds(store.db, reader.id)).has(paperId), "the vote is stored");
    assert.equal(await countVotes(store.db, paperId), 1);
    assert.equal((await form.locator(".vote-label").textContent())?.trim(), "Remove upvote");

    // Again: the upvote is taken back (the form now sends value=0).
    await button.focus();
    await page.keyboard.press("Enter");
    await page.waitForFunction(
      (id) =>
        document
          .querySelector(`form.vote-form:has(input[name="paper"][value="${id}"]) button`)
          ?.getAttribute("aria-pressed") === "false",
      paperId,
    );
    assert.equal(await shownCount(page, form), before, "the count is back");
    assert.equal(await paperUpvotes(store.db, paperId), before);
    assert.equal((await votedPaperIds(store.db, reader.id)).has(paperId), false);
    assert.equal((await form.locator(".vote-label").textContent())?.trim(), "Upvote");

    assert.equal(page.url(), url, "the URL did not change");
    assert.deepEqual(await check(), { navigations: 0, marker: "kept" }, "no page navigation happened");
    assert.deepEqual(errors, [], "no console errors (CSP violations would appear here)");
  });

  it("upvotes and saves by mouse on a paper page without navigating; the paper is in Saved", async () => {
    const paper = await store.db
      .selectFrom("daily_entries")
      .select("paper_id")
      .orderBy("paper_id")
      .executeTakeFirstOrThrow();
    const paperId = paper.paper_id;
    await page.goto(`${base}/papers/${paperId}`);
    const check = await watchNavigation(page);
    const url = page.url();

    // The large upvote button (no card-wide link on a paper page).
    const vote = page.locator("form.vote-form").first();
    const votesBefore = await paperUpvotes(store.db, paperId);
    assert.ok(votesBefore !== null);
    await vote.locator("button.vote-btn").click();
    await page.waitForFunction(
      () => document.querySelector("form.vote-form button")?.getAttribute("aria-pressed") === "true",
    );
    assert.equal(await shownCount(page, vote), votesBefore + 1);
    assert.equal(await paperUpvotes(store.db, paperId), votesBefore + 1);

    const form = page.locator("form.save-form").first();
    const button = form.locator("button.save-btn");
    assert.equal(await button.getAttribute("aria-pressed"), "false");
    assert.equal((await button.textContent())?.trim(), "Save");
    assert.equal((await savedPaperIds(store.db, reader.id)).has(paperId), false);
    await button.click();
    await page.waitForFunction(
      () => document.querySelector("form.save-form button")?.getAttribute("aria-pressed") === "true",
    );
    assert.equal((await button.textContent())?.trim(), "Saved");
    assert.equal(await form.locator('input[name="value"]').inputValue(), "0", "a second click would unsave");
    assert.equal(page.url(), url, "the URL did not change");
    assert.deepEqual(await check(), { navigations: 0, marker: "kept" }, "no page navigation happened");
    assert.ok((await savedPaperIds(store.db, reader.id)).has(paperId), "the paper is saved in the store");

    // /collections lists the "Saved" collection, and that collection lists the paper.
    await page.goto(`${base}/collections`);
    const saved = page.locator("main a[href^='/c/']", { hasText: "Saved" }).first();
    await saved.waitFor();
    await saved.click();
    await page.waitForURL(/\/c\//);
    assert.ok(
      (await page.locator(`main a[href="/papers/${paperId}"]`).count()) > 0,
      "the Saved collection lists the paper",
    );
    assert.deepEqual(errors, [], "no console errors (CSP violations would appear here)");
  });

  it("files a paper into chosen collections from the Collections… popover without navigating", async () => {
    const paper = await store.db
      .selectFrom("daily_entries")
      .select("paper_id")
      .orderBy("paper_id")
      .limit(1)
      .offset(1)
      .executeTakeFirstOrThrow();
    const paperId = paper.paper_id;
    const inCollections = async () =>
      (
        await store.db
          .selectFrom("collection_items as i")
          .innerJoin("collections as c", "c.id", "i.collection_id")
          .select("c.name")
          .where("c.user_id", "=", reader.id)
          .where("i.paper_id", "=", paperId)
          .orderBy("c.name")
          .execute()
      ).map((r) => r.name);
    await page.goto(`${base}/papers/${paperId}`);
    const check = await watchNavigation(page);
    const url = page.url();
    const trigger = page.locator(".paper-actions a.save-to");
    assert.equal(await trigger.getAttribute("aria-expanded"), "false");
    await trigger.click();
    const popover = page.getByRole("dialog", { name: "Save to collections" });
    await popover.waitFor();
    assert.equal(await trigger.getAttribute("aria-expanded"), "true");
    // The "Saved" collection from the test above, not holding this paper; focus is on its box.
    const saved = popover.getByLabel("Saved", { exact: true });
    assert.equal(await saved.isChecked(), false);
    assert.ok(await saved.evaluate((e) => e === document.activeElement), "focus moves into the popover");
    const found = await seriousViolations(page);
    assert.deepEqual(found, [], `the open popover:\n${found.join("\n")}`);

    // A new collection, made and filled from the popover.
    await popover.getByLabel("New collection…").fill("E2E picks");
    await popover.getByRole("button", { name: "Create and save" }).click();
    const picks = popover.getByLabel("E2E picks", { exact: true });
    await picks.waitFor();
    assert.equal(await picks.isChecked(), true);
    assert.deepEqual(await inCollections(), ["E2E picks"]);
    const saveButton = page.locator(".paper-actions form.save-form button");
    assert.equal(await saveButton.getAttribute("aria-pressed"), "true", "the Save button follows");
    assert.match((await popover.getByRole("status").textContent()) ?? "", /Saved to E2E picks/);

    // Toggles: into Saved, out of E2E picks.
    await saved.check();
    await page.waitForFunction(() =>
      /Saved to Saved/.test(document.querySelector(".save-popover-status")?.textContent ?? ""),
    );
    assert.deepEqual(await inCollections(), ["E2E picks", "Saved"]);
    await picks.uncheck();
    await page.waitForFunction(() =>
      /Removed from E2E picks/.test(document.querySelector(".save-popover-status")?.textContent ?? ""),
    );
    assert.deepEqual(await inCollections(), ["Saved"]);
    await saved.uncheck();
    await page.waitForFunction(
      () =>
        document.querySelector(".paper-actions form.save-form button")?.getAttribute("aria-pressed") ===
        "false",
    );
    assert.deepEqual(await inCollections(), []);

    // Escape closes it and gives focus back to the trigger.
    await page.keyboard.press("Escape");
    await popover.waitFor({ state: "detached" });
    assert.ok(await trigger.evaluate((e) => e === document.activeElement), "focus returns to Collections…");
    assert.equal(page.url(), url, "the URL did not change");
    assert.deepEqual(await check(), { navigations: 0, marker: "kept" }, "no page navigation happened");
    assert.deepEqual(errors, [], "no console errors (CSP violations would appear here)");
  });

  it("has no serious or critical axe violations on the community pages (signed in)", async () => {
    const paper = await store.db
      .selectFrom("daily_entries")
      .select("paper_id")
      .orderBy("paper_id", "desc")
      .executeTakeFirstOrThrow();
    for (const url of [
      "/collections",
      "/for-you",
      `/u/${encodeURIComponent(reader.handle)}`,
      `/papers/${paper.paper_id}`,
      `/save/${paper.paper_id}`,
    ]) {
      const res = await page.goto(base + url);
      assert.equal(res?.status(), 200, `${url} answers 200`);
      await page.locator("details.user-menu").waitFor({ state: "visible" });
      const found = await seriousViolations(page);
      assert.deepEqual(found, [], `${url} (signed in):\n${found.join("\n")}`);
    }
  });

  it("has no serious or critical axe violations on /login and /signup", async () => {
    // Signed in, /login redirects away; the sign-in and sign-up forms are for visitors.
    const visitor = await openPage();
    for (const url of ["/login", "/signup"]) {
      const res = await visitor.page.goto(base + url);
      assert.equal(res?.status(), 200, `${url} answers 200`);
      const found = await seriousViolations(visitor.page);
      assert.deepEqual(found, [], `${url}:\n${found.join("\n")}`);
    }
    await visitor.page.context().close();
  });
});

describe("community without JavaScript", () => {
  it("chooses collections on the /save page from the Collections… link with plain forms", async () => {
    const { page } = await openPage({ javaScriptEnabled: false });
    await signInThroughForm(page);
    const paper = await store.db
      .selectFrom("daily_entries")
      .select("paper_id")
      .orderBy("paper_id")
      .limit(1)
      .offset(2)
      .executeTakeFirstOrThrow();
    await page.goto(`${base}/papers/${paper.paper_id}`);
    await Promise.all([page.waitForURL(/\/save\//), page.locator(".paper-actions a.save-to").click()]);
    await page.getByLabel("Saved", { exact: true }).check();
    await page.getByLabel("Name").fill("No-JS list");
    await Promise.all([
      page.waitForURL((u) => u.pathname === `/papers/${paper.paper_id}`),
      page.getByRole("button", { name: "Save", exact: true }).click(),
    ]);
    const names = (
      await store.db
        .selectFrom("collection_items as i")
        .innerJoin("collections as c", "c.id", "i.collection_id")
        .select("c.name")
        .where("c.user_id", "=", reader.id)
        .where("i.paper_id", "=", paper.paper_id)
        .orderBy("c.name")
        .execute()
    ).map((r) => r.name);
    assert.deepEqual(names, ["No-JS list", "Saved"]);
    assert.equal(await page.locator(".paper-actions .save-btn").getAttribute("aria-pressed"), "true");
    await page.context().close();
  });

  it("upvotes with a plain form POST that redirects back with the new count", async () => {
    const { page } = await openPage({ javaScriptEnabled: false });
    await signInThroughForm(page);
    await page.goto(`${base}/`);
    const feedUrl = page.url();
    // The last card this reader has not upvoted (a paper voted on with JavaScript above becomes a
    // community pick and can move anywhere on the page). The button is activated from the
    // keyboard: a mouse click on a card's button hits the card-wide title link (see above).
    const form = page.locator('.paper-card form.vote-form:has(button[aria-pressed="false"])').last();
    const paperId = await form.locator('input[name="paper"]').inputValue();
    const before = await paperUpvotes(store.db, paperId);
    assert.ok(before !== null);
    assert.equal(await shownCount(page, form), before);
    const current = () =>
      page.locator(`.paper-card form.vote-form:has(input[name="paper"][value="${paperId}"])`).first();

    await current().locator("button.vote-btn").focus();
    const [response] = await Promise.all([
      page.waitForNavigation({ waitUntil: "load" }),
      page.keyboard.press("Enter"),
    ]);
    assert.equal(response?.request().method(), "GET", "the POST redirected to a GET");
    assert.equal(response?.request().redirectedFrom()?.method(), "POST", "a plain form POST was sent");
    assert.equal(page.url(), feedUrl, "the redirect comes back to the feed");
    assert.equal(await paperUpvotes(store.db, paperId), before + 1, "the vote is stored");
    assert.equal(await shownCount(page, current()), before + 1, "the reloaded page shows the new count");
    assert.equal(await current().locator("button.vote-btn").getAttribute("aria-pressed"), "true");

    // And back: the same form now takes the upvote away.
    await current().locator("button.vote-btn").focus();
    await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.keyboard.press("Enter")]);
    assert.equal(await paperUpvotes(store.db, paperId), before);
    assert.equal(await shownCount(page, current()), before);
    assert.equal(await current().locator("button.vote-btn").getAttribute("aria-pressed"), "false");
    await page.context().close();
  });
});
