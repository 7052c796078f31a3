// A comment cannot paint over the page (Debian's Chromium through playwright-core): a comment
// whose math pulls a big red box 12 em to the left is posted through the form; its formula is
// shown as source and everything in it stays inside the comment's box. A formula within the
// rendering bounds that still hangs out of the comment's left edge is clipped by the comment box.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { hashPassword } from "../../src/accounts/passwords.ts";
import { type BrowserSite, startBrowserSite } from "../support/browserSite.ts";
import { addUser } from "../support/factories.ts";

const PASSWORD = "correct horse battery staple";
const reader = { handle: "box_reader", email: "box.reader@example.org" };

let site: BrowserSite;

before(async () => {
  site = await startBrowserSite({
    prefix: "papertide-e2e-commentbox-",
    seed: async (s) => {
      await addUser(s.db, {
        email: reader.email,
        handle: reader.handle,
        passwordHash: await hashPassword(PASSWORD),
      });
    },
  });
});

after(async () => {
  await site?.close();
});

async function signIn(page: Page): Promise<void> {
  await page.goto(`${site.base}/login`);
  const form = page.locator('form[action="/login"]');
  await form.getByLabel("Email", { exact: true }).fill(reader.email);
  await form.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith("/login")),
    form.locator('button[type="submit"]').click(),
  ]);
}

/** Posts a comment on the first paper of the home page; returns the selector of its body. */
async function postComment(page: Page, body: string): Promise<string> {
  await page.goto(`${site.base}/`);
  const paperId = await page.locator('.paper-card form.vote-form input[name="paper"]').first().inputValue();
  await page.goto(`${site.base}/papers/${paperId}`);
  const form = page.locator("form.comment-form:has(textarea#comment-new)");
  await form.locator("textarea").fill(body);
  await Promise.all([page.waitForURL(/#c-/), form.locator('button[type="submit"]').click()]);
  const hash = new URL(page.url()).hash;
  await page.waitForFunction(() => document.documentElement.classList.contains("math-ready"));
  return `${hash} .comment-body`;
}

/** The comment body's box and the boxes of everything inside it that sticks out (1 px slack). */
async function outside(page: Page, selector: string) {
  return page.locator(selector).evaluate((body) => {
    const box = body.getBoundingClientRect();
    const out: string[] = [];
    for (const el of Array.from(body.querySelectorAll("*"))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (
        r.left < box.left - 1 ||
        r.right > box.right + 1 ||
        r.top < box.top - 1 ||
        r.bottom > box.bottom + 1
      )
        out.push(`${el.className || el.tagName}: ${Math.round(r.left)},${Math.round(r.top)}`);
    }
    return out;
  });
}

describe("a comment's math stays inside the comment", () => {
  it("shows a formula with a large negative kern as source, inside the comment's box", async () => {
    const { page, errors } = await site.openPage();
    await signIn(page);
    const selector = await postComment(page, "Look: $\\kern{-12em}\\colorbox{red}{\\Huge FAKE}$ here");
    assert.deepEqual(await outside(page, selector), []);
    assert.equal(await page.locator(`${selector} .katex`).count(), 0);
    assert.match((await page.locator(selector).textContent()) ?? "", /\$\\kern\{-12em\}\\colorbox/);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it("clips a formula that hangs out of the comment's edge", async () => {
    const { page } = await site.openPage();
    await signIn(page);
    // Within the rendering bounds (-2.9 em), so KaTeX draws it, partly left of the comment.
    const selector = await postComment(page, "$\\kern-2.9em\\colorbox{red}{\\Huge FAKE}$");
    assert.equal(await page.locator(`${selector} .katex`).count(), 1);
    const hit = await page.locator(selector).evaluate((body) => {
      const box = body.getBoundingClientRect();
      const red = Array.from(body.querySelectorAll<HTMLElement>(".katex-html *")).find(
        (el) => getComputedStyle(el).backgroundColor === "rgb(255, 0, 0)",
      );
      if (!red) return { found: false, inside: false, painted: "" };
      const r = red.getBoundingClientRect();
      // A point of the red box left of the comment: hit testing follows clipping, so with the
      // comment clipped the page is found there, not a part of the formula.
      const top = document.elementFromPoint(r.left + 2, (r.top + r.bottom) / 2);
      return {
        found: true,
        inside: r.left >= box.left - 1,
        painted: top && body.contains(top) ? "comment" : "page",
      };
    });
    assert.ok(hit.found, "the red box is rendered");
    assert.equal(hit.inside, false, "the red box starts left of the comment");
    assert.equal(hit.painted, "page", "left of the comment, the page shows, not the formula");
    await page.context().close();
  });
});
