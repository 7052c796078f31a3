// The account pages in a real browser, at a phone's width and a desktop's, light and dark: an
// anchor of /account (#saved-searches, #change-email) lands below the sticky header, and the
// account page (with the banner of an unconfirmed address), a success page and a decoded
// development-outbox mail never scroll sideways and pass axe (colour contrast included).
import assert from "node:assert/strict";
import fs from "node:fs";
import { after, before, describe, it } from "node:test";
import { sendVerification } from "../../src/accounts/signUp.ts";
import { renderConfirmEmail } from "../../src/digest/templates/confirmEmail.ts";
import { createMailer } from "../../src/mail/mailer.ts";
import { type BrowserSite, seriousViolations, startBrowserSite } from "../support/browserSite.ts";
import { addUser, type TestUser } from "../support/factories.ts";

let site: BrowserSite;
let verified: TestUser;
let unverified: TestUser;
let mailId: string;

before(async () => {
  site = await startBrowserSite({ prefix: "papertide-account-pages-" });
  const accounts = site.services.accounts;
  verified = await addUser(site.store.db, { signIn: accounts });
  unverified = await addUser(site.store.db, { verified: false, signIn: accounts });
  await sendVerification(accounts, unverified);
  await accounts.mailer.idle();
  const mail = renderConfirmEmail({
    siteName: "Papertide",
    siteUrl: site.base,
    email: "reader@example.org",
    confirmUrl: `${site.base}/subscribe/confirm/${"x".repeat(60)}`,
    frequency: "weekly",
    topics: [],
    validDays: 7,
  });
  const mailer = createMailer(site.config.mail);
  await mailer.sendMail({ to: "reader@example.org", ...mail, messageId: "<account-pages@papertide.test>" });
  await mailer.close();
  const html = fs
    .readdirSync(site.config.mail.outboxDir)
    .find(
      (f) =>
        f.endsWith(".eml") &&
        fs.readFileSync(`${site.config.mail.outboxDir}/${f}`, "utf8").includes("text/html"),
    );
  assert.ok(html, "a mail with an HTML part in the outbox folder");
  mailId = html.replace(/\.eml$/, "");
});
after(async () => {
  await site?.close();
});

const VIEWS = [
  { width: 390, colorScheme: "light" },
  { width: 390, colorScheme: "dark" },
  { width: 1280, colorScheme: "light" },
  { width: 1280, colorScheme: "dark" },
] as const;

async function open(view: (typeof VIEWS)[number], session?: string) {
  const { page, errors } = await site.openPage({
    viewport: { width: view.width, height: 800 },
    colorScheme: view.colorScheme,
  });
  if (session)
    await page.context().addCookies([{ name: "papertide_session", value: session, url: site.base }]);
  return { page, errors };
}

describe("account pages in a browser", () => {
  it("land an /account anchor below the sticky header", async () => {
    for (const view of VIEWS) {
      for (const anchor of ["saved-searches", "change-email", "change-password"]) {
        const { page } = await open(view, verified.session);
        await page.goto(`${site.base}/account#${anchor}`);
        const at = await page.evaluate((id) => {
          const header = document.querySelector(".site-header")?.getBoundingClientRect().bottom ?? 0;
          const target = document.getElementById(id)?.getBoundingClientRect().top ?? -1;
          return { header, target, scrolled: window.scrollY };
        }, anchor);
        assert.ok(at.scrolled > 0, `${anchor} at ${view.width} px: the page scrolled to it`);
        assert.ok(
          at.target >= at.header,
          `${anchor} at ${view.width} px: its top (${at.target}) is under the header (${at.header})`,
        );
        await page.context().close();
      }
    }
  });

  it("never scroll sideways: the account page with the banner, a success page, a decoded mail", async () => {
    for (const view of VIEWS) {
      const pages: [string, string | undefined][] = [
        ["/account", unverified.session],
        ["/", unverified.session],
        [`/dev/outbox/${mailId}`, undefined],
        ["/dev/outbox", undefined],
      ];
      for (const [path, session] of pages) {
        const { page, errors } = await open(view, session);
        await page.goto(site.base + path);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `${path} at ${view.width} px ${view.colorScheme}: ${overflow} px too wide`);
        if (path === "/account") assert.equal(await page.locator(".unverified-banner").count(), 1);
        if (path.startsWith("/dev/outbox/")) {
          // The HTML part shows in its frame: styles allowed there, scripts not.
          const frame = page.frameLocator("iframe.mail-frame");
          await frame.locator("text=Confirm your subscription").first().waitFor();
        }
        assert.deepEqual(
          errors.filter((e) => !/Refused to (execute|load) .*script/i.test(e)),
          [],
          `${path}: no console errors`,
        );
        assert.deepEqual(
          await seriousViolations(page),
          [],
          `${path} at ${view.width} px ${view.colorScheme}: axe`,
        );
        await page.context().close();
      }
      const { page } = await open(view);
      await page.goto(`${site.base}/signup`);
      await page.fill("#f-email", `n${view.width}${view.colorScheme}@example.org`);
      await page.fill("#f-handle", `n${view.width}${view.colorScheme}`);
      await page.fill("#f-password", "a long enough password");
      await page.click("form.stack-form button[type=submit]");
      await page.locator("h1", { hasText: "Check your inbox" }).waitFor();
      assert.equal(await page.locator(".status-code").count(), 0, "no status badge on a success page");
      assert.deepEqual(await seriousViolations(page), [], `the success page at ${view.width} px: axe`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the success page at ${view.width} px: ${overflow} px too wide`);
      await page.context().close();
    }
  });
});
