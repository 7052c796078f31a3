// The site in a real browser for end-to-end tests: the real server (./server.ts) on 127.0.0.1:<random port>
// over a temporary SQLite database with the demo dataset, and Debian's Chromium driven by
// playwright-core, launched with the flags the project's machines need.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import type { FastifyInstance } from "fastify";
import { type Browser, type BrowserContextOptions, chromium, type Page } from "playwright-core";
import type { AppServices } from "../../src/app/services.ts";
import type { Config } from "../../src/config/load.ts";
import { openStore, type Store } from "../../src/store/db.ts";
import { startTestServer, type TestServer } from "./server.ts";

/** Debian's Chromium; PAPERTIDE_CHROMIUM points elsewhere (e.g. a Playwright download). */
export const CHROMIUM = process.env.PAPERTIDE_CHROMIUM ?? "/usr/bin/chromium";

export interface BrowserSite {
  dir: string;
  config: Config;
  store: Store;
  app: FastifyInstance;
  /** The server's services (account and digest deps, search), for seeding what a test needs. */
  services: AppServices;
  browser: Browser;
  base: string;
  /** A new browser context and page that records console errors (CSP violations, script failures). */
  openPage(options?: BrowserContextOptions): Promise<{ page: Page; errors: string[] }>;
  close(): Promise<void>;
}

export async function startBrowserSite(
  opts: { prefix?: string; seed?: (store: Store) => Promise<void> } = {},
): Promise<BrowserSite> {
  // A missing browser is a failure with instructions, never a silent skip.
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: the browser test needs Debian's "chromium" package (or PAPERTIDE_CHROMIUM set to a Chromium binary).`,
    );
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), opts.prefix ?? "papertide-e2e-"));
  // Always SQLite, whatever PAPERTIDE_TEST_DATABASE says: the browser tests are not re-run on PostgreSQL.
  const url = `sqlite:${path.join(dir, "papertide.db")}`;
  const store = { ...(await openStore(url)), dir, url };
  let server: TestServer;
  try {
    server = await startTestServer({
      store,
      env: { PAPERTIDE_LOG_LEVEL: "silent" },
      demo: true,
      seed: opts.seed,
    });
  } catch (e) {
    await store.close().catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const { app, config } = server;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    dir,
    config,
    store,
    app,
    services: server.services,
    browser,
    base: server.base,
    async openPage(options = {}) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, ...options });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      page.on("pageerror", (e) => errors.push(e.message));
      return { page, errors };
    },
    async close() {
      await browser.close().catch(() => {});
      await server.close();
      await store.close().catch(() => {});
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** axe's serious and critical violations on the page, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}
