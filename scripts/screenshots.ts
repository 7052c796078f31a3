// npm run screenshots: PNGs of the main pages for people (the README, reviews of a change) in
// docs/screenshots/, at a desktop (1280 px) and a phone (390 px) width, light and dark. The site
// runs from a fresh temporary data folder with the demo loaded, and a signed-in reader who has
// saved papers (For you has picks and reasons), a tagged collection and a saved search.
//
//   npm run screenshots                 every page
//   npm run screenshots -- home paper   only these pages
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { SESSION_COOKIE } from "../src/accounts/sessions.ts";
import { startBrowserSite } from "../test/support/browserSite.ts";
import { type SeededReaders, seedReaders } from "../test/support/readers.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const OUT = path.join(ROOT, "docs", "screenshots");
/** Pages are cut at these heights: the first screens show what a page is, and files stay small. */
const MAX_HEIGHT = { desktop: 1100, phone: 1500 };

interface Shot {
  name: string;
  path: (r: SeededReaders) => string;
  signedIn?: boolean;
}

const SHOTS: Shot[] = [
  { name: "home", path: () => "/" },
  { name: "trending", path: () => "/trending" },
  { name: "paper", path: (r) => `/papers/${r.paperId}` },
  { name: "search", path: () => "/search?q=diffusion%20models" },
  { name: "for-you", path: () => "/for-you", signedIn: true },
  { name: "collection", path: (r) => `/c/${r.collection.slug}`, signedIn: true },
  { name: "account", path: () => "/account", signedIn: true },
  { name: "sign-in", path: () => "/login" },
];

const WIDTHS = [
  { name: "desktop", width: 1280, height: 800, mobile: false },
  { name: "phone", width: 390, height: 844, mobile: true },
] as const;
const THEMES = ["light", "dark"] as const;

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle");
  // Math is laid out by math.js after load; wait for it when the page has any.
  if ((await page.locator(".katex").count()) > 0)
    await page.waitForFunction(() => document.documentElement.classList.contains("math-ready"));
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const unknown = only.filter((n) => !SHOTS.some((s) => s.name === n));
  if (unknown.length > 0) {
    console.error(`Unknown page: ${unknown.join(", ")}. Pages: ${SHOTS.map((s) => s.name).join(", ")}`);
    process.exitCode = 2;
    return;
  }
  const shots = only.length > 0 ? SHOTS.filter((s) => only.includes(s.name)) : SHOTS;
  fs.mkdirSync(OUT, { recursive: true });
  const site = await startBrowserSite({ prefix: "papertide-screenshots-" });
  try {
    const readers = await seedReaders(site);
    for (const w of WIDTHS) {
      for (const colorScheme of THEMES) {
        const { page } = await site.openPage({
          viewport: { width: w.width, height: w.height },
          isMobile: w.mobile,
          hasTouch: w.mobile,
          colorScheme,
        });
        await page
          .context()
          .addCookies([{ name: SESSION_COOKIE, value: readers.warm.session, url: site.base }]);
        const { page: visitor } = await site.openPage({
          viewport: { width: w.width, height: w.height },
          isMobile: w.mobile,
          hasTouch: w.mobile,
          colorScheme,
        });
        for (const shot of shots) {
          const p = shot.signedIn ? page : visitor;
          await p.goto(site.base + shot.path(readers));
          await settle(p);
          const height = await p.evaluate(() => document.documentElement.scrollHeight);
          const file = path.join(OUT, `${shot.name}-${w.name}-${colorScheme}.png`);
          await p.screenshot({
            path: file,
            fullPage: true,
            clip: { x: 0, y: 0, width: w.width, height: Math.min(height, MAX_HEIGHT[w.name]) },
          });
          console.log(`${path.relative(ROOT, file)} (${Math.round(fs.statSync(file).size / 1024)} KB)`);
        }
        await page.context().close();
        await visitor.context().close();
      }
    }
  } finally {
    await site.close();
  }
}

await main();
