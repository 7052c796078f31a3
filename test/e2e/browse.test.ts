// The site in a real browser (Debian's Chromium through playwright-core): browsing, rendered math,
// accessibility (axe), the keyboard-operated theme toggle and the search box. Every page's layout
// at phone and desktop widths is checked by layout.test.ts; `npm run screenshots` makes the
// README's pictures.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { BrowserContextOptions } from "playwright-core";
import { adjacentDay, latestFeaturedDay } from "../../src/lists/listing.ts";
import type { Store } from "../../src/store/db.ts";
import { hasMath } from "../../src/text/math.ts";
import { type BrowserSite, seriousViolations, startBrowserSite } from "../support/browserSite.ts";

let site: BrowserSite;
let store: Store;
let base: string;
let mathPaperId: string;
let categories: string[];
const openPage = (options?: BrowserContextOptions) => site.openPage(options);

before(async () => {
  site = await startBrowserSite();
  ({ store, base } = site);
  categories = site.config.categories;
  const withDollar = await store.db
    .selectFrom("papers")
    .select(["id", "abstract"])
    .where("abstract", "like", "%$%")
    .orderBy("id")
    .execute();
  const mathPaper = withDollar.find((p) => hasMath(p.abstract));
  assert.ok(mathPaper, "the demo has a paper with math in its abstract");
  mathPaperId = mathPaper.id;
});

after(async () => {
  await site?.close();
});

describe("browsing in Chromium", () => {
  it("goes from the home page to the previous day and into a paper", async () => {
    const { page, errors } = await openPage();
    await page.goto(`${base}/`);
    assert.equal(await page.locator("h1").textContent(), "Daily papers");
    assert.ok((await page.locator(".paper-card").count()) > 0);
    // The front page opens on the newest day with community picks.
    const front = await latestFeaturedDay(store.db, categories);
    assert.ok(front);
    const prev = await adjacentDay(store.db, front, -1, categories);
    assert.ok(prev);
    await page.getByRole("link", { name: /Previous day/ }).click();
    await page.waitForURL(`${base}/papers/date/${prev}`);
    assert.ok((await page.locator(".paper-card").count()) > 0);
    const firstCard = page.locator(".card-link").first();
    const title = (await firstCard.textContent())?.trim();
    await firstCard.click();
    await page.waitForURL(/\/papers\/\d{4}\.\d{4,5}$/);
    assert.equal((await page.locator("h1.paper-title").textContent())?.trim(), title);
    await page.getByRole("heading", { name: "Abstract" }).waitFor();
    assert.deepEqual(errors, [], "no console errors (CSP violations would appear here)");
    await page.context().close();
  });

  it("renders math with KaTeX and applies its layout within the CSP", async () => {
    const { page, errors } = await openPage();
    await page.goto(`${base}/papers/${mathPaperId}`);
    const katex = page.locator(".paper-abstract .katex").first();
    await katex.waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains("math-ready")), true);
    // math.js moved data-ks into real styles: a strut has its height, and the glyphs are visible.
    const strutHeight = await page
      .locator(".paper-abstract .katex-strut")
      .first()
      .evaluate((el) => (el as HTMLElement).style.height);
    assert.match(strutHeight, /em$/);
    const box = await page.locator(".paper-abstract .katex-html").first().boundingBox();
    assert.ok(box && box.height > 0 && box.width > 0);
    const mathml = await katex.locator(".katex-mathml").boundingBox();
    assert.ok(
      mathml && mathml.width <= 1 && mathml.height <= 1,
      "the MathML copy is only for screen readers",
    );
    assert.deepEqual(errors, [], "no console errors (CSP violations would appear here)");
    await page.context().close();
  });

  it("without JavaScript shows the MathML copy and hides the theme toggle", async () => {
    const { page } = await openPage({ javaScriptEnabled: false });
    await page.goto(`${base}/papers/${mathPaperId}`);
    const katex = page.locator(".paper-abstract .katex").first();
    const mathml = await katex.locator(".katex-mathml").boundingBox();
    assert.ok(mathml && mathml.width > 1 && mathml.height > 1, "the MathML copy is shown");
    assert.equal(await katex.locator(".katex-html").isVisible(), false);
    assert.equal(await page.locator("#theme-toggle").isVisible(), false);
    await page.context().close();
  });

  for (const colorScheme of ["light", "dark"] as const) {
    it(`has no serious or critical axe violations (${colorScheme} theme)`, async () => {
      const { page } = await openPage({ colorScheme });
      const featured = await store.db
        .selectFrom("daily_entries")
        .select(["paper_id", "day"])
        .executeTakeFirstOrThrow();
      for (const url of [
        "/",
        `/papers/${mathPaperId}`,
        `/papers/${featured.paper_id}`,
        `/papers/date/${featured.day}`,
      ]) {
        await page.goto(base + url);
        assert.deepEqual(await seriousViolations(page), [], `${url} (${colorScheme})`);
      }
      if (colorScheme === "light") {
        // The phone layout differs (wrapped header, hidden icons); one theme is enough for it.
        await page.setViewportSize({ width: 390, height: 844 });
        await page.goto(`${base}/`);
        assert.deepEqual(await seriousViolations(page), [], "/ on a phone");
      }
      await page.context().close();
    });
  }

  it("operates the theme toggle by keyboard, with visible focus, and remembers the choice", async () => {
    const { page } = await openPage({ colorScheme: "light" });
    await page.goto(`${base}/`);
    await page.keyboard.press("Tab");
    const skip = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const r = el.getBoundingClientRect();
      return { cls: el.className, top: r.top, height: r.height };
    });
    assert.equal(skip.cls, "skip-link", "the first Tab reaches the skip link");
    assert.ok(skip.top >= 0 && skip.height > 0, "the focused skip link is on screen");
    let onToggle = false;
    for (let i = 0; i < 15 && !onToggle; i++) {
      await page.keyboard.press("Tab");
      onToggle = await page.evaluate(() => document.activeElement?.id === "theme-toggle");
    }
    assert.ok(onToggle, "the theme toggle is reachable with Tab");
    const outline = await page.locator("#theme-toggle").evaluate((el) => getComputedStyle(el).outlineStyle);
    assert.notEqual(outline, "none", "focus is visible");
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const lightBackground = await background();
    await page.keyboard.press("Enter");
    assert.equal(await page.getAttribute("html", "data-theme"), "dark");
    assert.equal(await page.getAttribute("#theme-toggle", "aria-pressed"), "true");
    assert.notEqual(await background(), lightBackground, "the colours change");
    await page.reload();
    assert.equal(await page.getAttribute("html", "data-theme"), "dark", "the choice survives a reload");
    assert.equal(await page.getAttribute("#theme-toggle", "aria-pressed"), "true");
    await page.focus("#theme-toggle");
    await page.keyboard.press("Space");
    assert.equal(await page.getAttribute("html", "data-theme"), "light");
    assert.equal(await page.evaluate(() => localStorage.getItem("papertide-theme")), "light");
    await page.context().close();
  });

  it("suggests titles while typing in the header box; arrow keys and Enter open the paper", async () => {
    const { page, errors } = await openPage();
    await page.goto(`${base}/`);
    const box = page.locator("#header-search-input");
    assert.equal(await box.getAttribute("role"), "combobox");
    assert.equal(await box.getAttribute("aria-expanded"), "false");
    await box.click();
    await page.keyboard.type("diffusion transf", { delay: 30 });
    const options = page.locator("#header-search-listbox [role=option]");
    await options.first().waitFor();
    assert.equal(await box.getAttribute("aria-expanded"), "true");
    const n = await options.count();
    assert.ok(n > 1 && n <= 8, `${n} suggestions`);
    for (const text of await page.locator("#header-search-listbox .suggest-title").allTextContents()) {
      assert.match(text, /diffusion/i);
    }
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    assert.equal(await options.nth(1).getAttribute("aria-selected"), "true");
    assert.equal(await box.getAttribute("aria-activedescendant"), await options.nth(1).getAttribute("id"));
    await page.keyboard.press("ArrowUp");
    assert.equal(await options.nth(0).getAttribute("aria-selected"), "true");
    assert.equal(await options.nth(1).getAttribute("aria-selected"), "false");
    const chosen = (await options.nth(0).locator(".suggest-title").textContent())?.trim();
    assert.deepEqual(await seriousViolations(page), [], "the open suggestion list");
    // Escape closes the list and leaves the text; typing opens it again.
    await page.keyboard.press("Escape");
    assert.equal(await box.getAttribute("aria-expanded"), "false");
    assert.equal(await page.locator("#header-search-listbox").isVisible(), false);
    assert.equal(await box.inputValue(), "diffusion transf");
    await page.keyboard.type("o");
    await options.first().waitFor();
    await page.keyboard.press("ArrowDown");
    const picked = (await options.nth(0).locator(".suggest-title").textContent())?.trim();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/papers\/\d{4}\.\d{4,5}$/);
    const title = (await page.locator("h1.paper-title").textContent())?.trim();
    assert.ok(chosen && picked && title);
    assert.equal(title.replace(/\$/g, ""), picked, "Enter opened the chosen paper");
    assert.deepEqual(errors, [], "no console errors (CSP violations would appear here)");
    await page.context().close();
  });

  it("searches from the header box with Enter when no suggestion is chosen, and without JavaScript", async () => {
    for (const javaScriptEnabled of [true, false]) {
      const { page, errors } = await openPage({ javaScriptEnabled });
      await page.goto(`${base}/`);
      await page.locator("#header-search-input").fill("diffusion models");
      await page.locator("#header-search-input").press("Enter");
      await page.waitForURL(/\/search\?q=diffusion\+models$/);
      assert.match((await page.locator("h1").textContent()) ?? "", /Results for “diffusion models”/);
      assert.ok((await page.locator(".search-result mark").count()) > 0, "matches are highlighted");
      assert.deepEqual(errors, [], `no console errors (JavaScript ${javaScriptEnabled ? "on" : "off"})`);
      await page.context().close();
    }
  });

  for (const colorScheme of ["light", "dark"] as const) {
    it(`the search page has no serious or critical axe violations (${colorScheme} theme)`, async () => {
      const { page, errors } = await openPage({ colorScheme });
      for (const url of [
        "/search",
        "/search?q=diffusion%20models&p=2",
        "/search?q=diffusion&category=cs.CV&from=2026-06-10&sort=date",
        "/search?q=qqqzzyx%20difusion",
        "/search?q=diffusion&from=2026-13-01",
      ]) {
        await page.goto(base + url);
        assert.deepEqual(await seriousViolations(page), [], `${url} (${colorScheme})`);
      }
      // The form with a bad date answers 400 on purpose; anything else would be a fault.
      assert.deepEqual(
        errors.filter((e) => !/status of 400/.test(e)),
        [],
        "no console errors",
      );
      await page.context().close();
    });
  }
});
