// The docs page in a real browser, under the site's CSP: swagger-ui must render every operation
// with no CSP violation, script error or failed request. Needs a Chromium; skipped without one
// (set PAPERTIDE_CHROMIUM to its path if it is not in a usual place).
import assert from "node:assert/strict";
import fs from "node:fs";
import { test } from "node:test";
import { chromium } from "playwright-core";
import { startTestServer } from "./server.ts";

const CANDIDATES = [
  process.env.PAPERTIDE_CHROMIUM,
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
];
const executablePath = CANDIDATES.find((p): p is string => !!p && fs.existsSync(p));

test("swagger-ui renders the API under the CSP", {
  skip: executablePath ? false : "no Chromium found",
  timeout: 60_000,
}, async () => {
  const server = await startTestServer({ demo: false });
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
  try {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`script error: ${e.message}`));
    page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
    page.on("response", (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    });
    await page.goto(`${server.base}/api/docs`);
    await page.waitForSelector(".opblock", { timeout: 30_000 });
    const operations = await page.locator(".opblock-summary-path").allInnerTexts();
    assert.deepEqual(operations.map((t) => t.trim().replace(/\u200b/g, "")).sort(), [
      "/api/authors/{name}",
      "/api/categories/{id}/papers",
      "/api/daily_papers",
      "/api/papers",
      "/api/papers/search",
      "/api/papers/suggest",
      "/api/papers/{id}",
      "/api/papers/{id}/related",
      "/healthz",
      "/readyz",
    ]);
    // swagger-ui.css applied: its operation blocks get their border radius from it.
    const radius = await page.evaluate(
      () => getComputedStyle(document.querySelector(".opblock") as Element).borderRadius,
    );
    assert.equal(radius, "4px");
    // Try it out: the page calls the API from the browser, same origin, under the CSP.
    await page.locator(".opblock-summary-path", { hasText: "/healthz" }).click();
    await page.getByRole("button", { name: "Try it out" }).click();
    await page.getByRole("button", { name: "Execute" }).click();
    await page.locator(".live-responses-table .response-col_status", { hasText: "200" }).first().waitFor();
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
