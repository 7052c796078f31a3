// Every kind of page in Chromium at a desktop (1280 px) and a phone (390 px) width, in the light
// and the dark theme, as an anonymous visitor or a signed-in reader. Each page must:
// - not scroll sideways (document scrollWidth <= innerWidth),
// - give every paper card's title at least 240 px (a card squeezed by things beside it fails),
// - lay out no text one character per line,
// - have no axe violations (colour contrast included).
// The pages are one table (PAGES): a new page kind is one more row.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { AxeBuilder } from "@axe-core/playwright";
import type { BrowserContext, Page } from "playwright-core";
import { SESSION_COOKIE } from "../../src/accounts/sessions.ts";
import { adjacentDay, latestDay } from "../../src/lists/listing.ts";
import { isoWeekOf } from "../../src/lists/periods.ts";
import { categoryPath } from "../../src/model/arxivCategories.ts";
import { authorPath } from "../../src/model/authorName.ts";
import { devOutboxAllowed } from "../../src/web/devOutbox/routes.tsx";
import { type BrowserSite, startBrowserSite } from "../support/browserSite.ts";
import { type SeededReaders, seedReaders } from "../support/readers.ts";

type Who = "visitor" | "warm" | "cold";

interface Fixtures {
  readers: SeededReaders;
  day: string;
  week: string;
  month: string;
  /** The development outbox is served (mail to a folder, a loopback host). */
  devOutbox: boolean;
}

export interface PageCase {
  name: string;
  path: (f: Fixtures) => string;
  /** Who looks: an anonymous visitor (default), a reader with saves and a collection, a new reader. */
  who?: Who;
  /** The expected status (default 200). */
  status?: number;
  /** A selector to wait for: pages that finish rendering in the browser. */
  ready?: string;
  /** The page lists paper cards (at least one must be shown). */
  cards?: boolean;
  /** Only when this holds (pages an instance may not serve). */
  when?: (f: Fixtures) => boolean;
}

export const PAGES: PageCase[] = [
  { name: "daily (newest day)", path: () => "/", cards: true },
  { name: "daily (a given day)", path: (f) => `/papers/date/${f.day}`, cards: true },
  { name: "weekly", path: (f) => `/week/${f.week}`, cards: true },
  { name: "monthly", path: (f) => `/month/${f.month}`, cards: true },
  { name: "trending", path: () => "/trending", cards: true },
  { name: "new", path: () => "/new", cards: true },
  { name: "paper", path: (f) => `/papers/${f.readers.paperId}` },
  { name: "search form", path: () => "/search" },
  { name: "search with results", path: () => "/search?q=diffusion%20models", cards: true },
  { name: "search, filtered", path: () => "/search?q=diffusion&category=cs.CV&sort=date", cards: true },
  { name: "search without results", path: () => "/search?q=qqqzzyx%20difusion" },
  {
    name: "search for one very long word",
    path: () => `/search?q=${"supercalifragilistic".repeat(5)}_hyperparameters`,
  },
  { name: "For you (warm)", path: () => "/for-you", who: "warm", cards: true },
  { name: "For you (cold)", path: () => "/for-you", who: "cold", cards: true },
  { name: "collection (owner)", path: (f) => `/c/${f.readers.collection.slug}`, who: "warm", cards: true },
  { name: "collection (public)", path: (f) => `/c/${f.readers.collection.slug}`, cards: true },
  { name: "collections", path: () => "/collections", who: "warm" },
  { name: "profile", path: (f) => `/u/${f.readers.warm.handle}` },
  { name: "author", path: (f) => authorPath(f.readers.author), cards: true },
  { name: "category", path: (f) => categoryPath(f.readers.category), cards: true },
  { name: "account", path: () => "/account", who: "warm" },
  { name: "account (not subscribed)", path: () => "/account", who: "cold" },
  { name: "submit", path: () => "/submit", who: "warm" },
  { name: "save to", path: (f) => `/save/${f.readers.paperId}`, who: "warm" },
  { name: "sign up", path: () => "/signup" },
  { name: "sign in", path: () => "/login" },
  { name: "forgot password", path: () => "/forgot-password" },
  { name: "subscribe", path: () => "/subscribe" },
  { name: "manage subscription", path: (f) => f.readers.subscriber.manage },
  { name: "unsubscribe", path: (f) => f.readers.subscriber.unsubscribe },
  { name: "stop alerts", path: (f) => f.readers.subscriber.stopAlerts },
  { name: "development outbox", path: () => "/dev/outbox", when: (f) => f.devOutbox },
  { name: "no such paper", path: () => "/papers/2606.99999", status: 404 },
  { name: "no such page", path: () => "/no/such/page", status: 404 },
  { name: "API docs", path: () => "/api/docs", ready: ".opblock" },
];

const WIDTHS = [
  { name: "desktop", viewport: { width: 1280, height: 900 } },
  { name: "phone", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
] as const;
const SCHEMES = ["light", "dark"] as const;

/** Runs in the page: what is wrong with its layout, one line each. */
function layoutProblems(): string[] {
  const problems: string[] = [];
  const root = document.documentElement;
  if (root.scrollWidth > window.innerWidth) {
    const wide = Array.from(document.querySelectorAll("body *"))
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
      .filter(
        (el) => !el.parentElement || el.parentElement.getBoundingClientRect().right <= window.innerWidth + 1,
      )
      .slice(0, 3)
      .map((el) => `<${el.tagName.toLowerCase()} class="${el.getAttribute("class") ?? ""}">`);
    problems.push(
      `scrolls sideways: ${root.scrollWidth}px wide in ${window.innerWidth}px (${wide.join(", ")})`,
    );
  }
  for (const title of Array.from(document.querySelectorAll(".card-title"))) {
    const width = title.getBoundingClientRect().width;
    if (width < 240)
      problems.push(
        `a card title is ${Math.round(width)}px wide: “${title.textContent?.trim().slice(0, 40)}”`,
      );
  }
  for (const input of Array.from(document.querySelectorAll('input[type="date"]'))) {
    const width = input.getBoundingClientRect().width;
    if (width > 0 && width < 130)
      problems.push(`a date field is ${Math.round(width)}px wide: its date is cut`);
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let squeezed = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const letters = (node.textContent ?? "").replace(/\s+/g, "");
    const parent = node.parentElement;
    if (letters.length < 4 || !parent) continue;
    // Text meant only for screen readers is clipped to a pixel on purpose.
    if (parent.closest(".visually-hidden, .katex-mathml, script, style, noscript, [hidden]")) continue;
    const style = getComputedStyle(parent);
    if (style.display === "none" || style.visibility === "hidden") continue;
    range.selectNodeContents(node);
    const lines = new Set(
      Array.from(range.getClientRects())
        .filter((r) => r.width > 0)
        .map((r) => Math.round(r.top)),
    );
    if (lines.size >= 3 && letters.length / lines.size < 2) {
      if (squeezed++ < 3)
        problems.push(`text laid out a character per line (${lines.size} lines): “${letters.slice(0, 30)}”`);
    }
  }
  return problems;
}

/** Every axe violation, one line each (rule, impact, where). */
async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.map(
    (v) =>
      `axe ${v.impact} ${v.id}: ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(" "))
        .join(", ")}`,
  );
}

let site: BrowserSite;
let fixtures: Fixtures;

before(async () => {
  site = await startBrowserSite({ prefix: "papertide-e2e-layout-" });
  const readers = await seedReaders(site);
  const latest = await latestDay(site.store.db, site.config.categories);
  assert.ok(latest, "the demo has a newest day");
  // A day with days before and after it: its page has both steps beside the date field.
  const day = await adjacentDay(site.store.db, latest, -1, site.config.categories);
  assert.ok(day, "the demo has more than one day");
  fixtures = {
    readers,
    day,
    week: isoWeekOf(day).label,
    month: day.slice(0, 7),
    devOutbox: devOutboxAllowed(site.config),
  };
});

after(async () => {
  await site?.close();
});

describe("every page holds its layout", () => {
  for (const scheme of SCHEMES) {
    for (const width of WIDTHS) {
      it(`at ${width.viewport.width} px, ${scheme} theme`, async () => {
        const contexts = new Map<Who, BrowserContext>();
        const pageFor = async (who: Who): Promise<Page> => {
          let context = contexts.get(who);
          if (!context) {
            const { viewport } = width;
            const mobile = "isMobile" in width ? { isMobile: true, hasTouch: true } : {};
            context = (await site.openPage({ viewport, colorScheme: scheme, ...mobile })).page.context();
            if (who !== "visitor") {
              const session = who === "warm" ? fixtures.readers.warm.session : fixtures.readers.cold.session;
              await context.addCookies([{ name: SESSION_COOKIE, value: session, url: site.base }]);
            }
            contexts.set(who, context);
          }
          return context.pages()[0] as Page;
        };
        const failures: string[] = [];
        try {
          for (const c of PAGES.filter((p) => p.when?.(fixtures) ?? true)) {
            const page = await pageFor(c.who ?? "visitor");
            const path = c.path(fixtures);
            const res = await page.goto(site.base + path);
            const where = `${c.name} (${path})`;
            if (res?.status() !== (c.status ?? 200)) {
              failures.push(`${where}: status ${res?.status()}, expected ${c.status ?? 200}`);
              continue;
            }
            if (c.ready) await page.waitForSelector(c.ready, { timeout: 30_000 });
            if (c.cards && (await page.locator(".paper-card").count()) === 0)
              failures.push(`${where}: no paper cards`);
            for (const p of await page.evaluate(layoutProblems)) failures.push(`${where}: ${p}`);
            for (const p of await axeViolations(page)) failures.push(`${where}: ${p}`);
          }
        } finally {
          for (const context of contexts.values()) await context.close();
        }
        assert.deepEqual(failures, [], `\n${failures.join("\n")}\n`);
      });
    }
  }
});

describe("the phone menu", () => {
  const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;

  it("opens the whole navigation by keyboard, without JavaScript", async () => {
    const { page } = await site.openPage({ ...PHONE, javaScriptEnabled: false });
    try {
      await page.goto(`${site.base}/trending`);
      assert.equal(await page.locator(".main-nav").isVisible(), false, "the wide screen's links are hidden");
      const menu = page.locator("details.site-menu");
      const button = menu.locator("summary");
      assert.equal(await button.isVisible(), true);
      assert.equal(await menu.locator("nav").isVisible(), false, "closed at first");
      let focused = false;
      for (let i = 0; i < 20 && !focused; i++) {
        await page.keyboard.press("Tab");
        focused = await button.evaluate((el) => el === document.activeElement);
      }
      assert.ok(focused, "Tab reaches the Menu button");
      await page.keyboard.press("Enter");
      const nav = page.getByRole("navigation", { name: "Menu" });
      await nav.waitFor({ state: "visible" });
      const links = (await nav.getByRole("link").allTextContents()).map((t) => t.trim());
      assert.deepEqual(links, [
        "Daily",
        "Trending",
        "For you",
        "Collections",
        "Submit a paper",
        "Sign in",
        "Create an account",
      ]);
      assert.equal(await nav.getByRole("link", { name: "Trending" }).getAttribute("aria-current"), "page");
      const box = await nav.boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 390, "the open menu fits the screen");
      await page.screenshot({ path: "test-results/phone-menu-open.png" });
      await page.keyboard.press("Enter");
      assert.equal(await nav.isVisible(), false, "Enter on the button closes it again");
    } finally {
      await page.context().close();
    }
  });

  it("holds a signed-in reader's links and leads there", async () => {
    const { page } = await site.openPage({ ...PHONE, colorScheme: "dark" });
    try {
      await page
        .context()
        .addCookies([{ name: SESSION_COOKIE, value: fixtures.readers.warm.session, url: site.base }]);
      await page.goto(`${site.base}/`);
      await page.locator("details.site-menu summary").click();
      const nav = page.getByRole("navigation", { name: "Menu" });
      for (const name of ["Account", `Profile (${fixtures.readers.warm.handle})`])
        assert.equal(await nav.getByRole("link", { name }).isVisible(), true, name);
      assert.equal(await nav.getByRole("button", { name: "Sign out" }).isVisible(), true);
      assert.deepEqual(await axeViolations(page), [], "the open menu");
      await nav.getByRole("link", { name: "For you" }).click();
      await page.waitForURL(`${site.base}/for-you`);
    } finally {
      await page.context().close();
    }
  });

  it("closes with Escape (focus back on its button) and on a tap outside, when JavaScript runs", async () => {
    const { page } = await site.openPage(PHONE);
    try {
      await page.goto(`${site.base}/trending`);
      const menu = page.locator("details.site-menu");
      const button = menu.locator("summary");
      const nav = page.getByRole("navigation", { name: "Menu" });
      await button.click();
      await nav.waitFor({ state: "visible" });
      await nav.getByRole("link", { name: "Daily" }).focus();
      await page.keyboard.press("Escape");
      assert.equal(await nav.isVisible(), false, "Escape closes it");
      assert.ok(
        await button.evaluate((el) => el === document.activeElement),
        "focus is back on the Menu button",
      );
      await button.click();
      await nav.waitFor({ state: "visible" });
      await nav.click({ position: { x: 2, y: 2 } });
      assert.equal(await nav.isVisible(), true, "a tap inside keeps it open");
      const box = await nav.boundingBox();
      assert.ok(box && box.y + box.height < 830, "page shows below the open menu");
      await page.mouse.click(195, Math.round(box.y + box.height + 10));
      assert.equal(await nav.isVisible(), false, "a tap outside closes it");
    } finally {
      await page.context().close();
    }
  });

  it("is not shown on a wide screen", async () => {
    const { page } = await site.openPage();
    try {
      await page.goto(`${site.base}/`);
      assert.equal(await page.locator("details.site-menu").isVisible(), false);
      assert.equal(await page.locator(".main-nav").isVisible(), true);
    } finally {
      await page.context().close();
    }
  });
});
