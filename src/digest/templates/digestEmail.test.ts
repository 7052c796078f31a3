import assert from "node:assert/strict";
import { test } from "node:test";
import { personalizeDigest } from "../digestMessage.ts";
import type { DigestPaper, EditionContent } from "../edition.ts";
import { digestLinks } from "../links.ts";
import { dailyPeriod } from "../periods.ts";
import { TokenSigner } from "../tokens.ts";
import { renderDigest } from "./digestEmail.ts";

const links = digestLinks("https://papers.example.org", new TokenSigner(Buffer.from("x".repeat(40))));

function paper(over: Partial<DigestPaper>): DigestPaper {
  return {
    id: "2606.00001",
    title: "T",
    authors: ["A"],
    moreAuthors: 0,
    upvotes: 1,
    excerpt: "E",
    category: "cs.LG",
    ...over,
  };
}

test("hostile data stays text in the HTML part; links are only ours", () => {
  const edition: EditionContent = {
    version: 1,
    period: dailyPeriod("2026-06-16", 7),
    topics: ["cs.LG"],
    top: [
      paper({
        id: "hep-th/9901001",
        title: `<script>alert(1)</script> "quoted" & 'single'`,
        authors: ['<img src=x onerror="alert(1)">', "javascript:alert(1)"],
        moreAuthors: 3,
        excerpt: '</td></tr></table><a href="javascript:alert(1)">click</a>',
        category: 'cs.LG"><b>',
      }),
      // A title that looks like a slot marker is just text.
      paper({ id: "2606.00002", title: "\u0001abc:unsubscribeUrl\u0001 and {{unsubscribeUrl}}" }),
    ],
    trending: [],
  };
  const compiled = renderDigest(edition, { siteName: "Papertide", links });
  const msg = personalizeDigest(
    compiled,
    { id: "SubscriberId0001", email: "o'neil+x@example.org", frequency: "daily" },
    "<id@x>",
    links,
  );
  const html = msg.html ?? "";
  assert.doesNotMatch(html, /<script|<img|<b>|href="javascript:/i);
  assert.match(html, /&lt;img src=x onerror=&quot;alert\(1\)&quot;&gt;/, "the attribute is text, not markup");
  assert.match(html, /cs\.LG&quot;&gt;&lt;b&gt;/);
  assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &quot;quoted&quot; &amp; &#39;single&#39;/);
  assert.match(html, /and 3 more/);
  const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
  assert.ok(
    hrefs.every((h) => h.startsWith("https://papers.example.org/") || h.startsWith("https://arxiv.org/pdf/")),
    hrefs.join("\n"),
  );
  assert.ok(
    hrefs.includes("https://papers.example.org/papers/hep-th/9901001"),
    "old-style ids keep their slash",
  );
  assert.ok(hrefs.includes("https://arxiv.org/pdf/hep-th/9901001"));
  assert.match(html, /o&#39;neil\+x@example\.org/);
  assert.ok(msg.text.includes("o'neil+x@example.org"), "the text part is not HTML-escaped");
  assert.ok(msg.text.includes("\u0001abc:unsubscribeUrl\u0001 and {{unsubscribeUrl}}"));
  assert.equal(msg.text.match(/\/unsubscribe\//g)?.length, 1, "only the footer link is filled in");
  assert.equal(msg.headers?.["List-Unsubscribe"], `<${links.unsubscribe("SubscriberId0001")}>`);
});

test("the digest wears the site's blue and its logo, without images, and has a dark scheme", async () => {
  const { renderConfirmEmail } = await import("./confirmEmail.ts");
  const edition: EditionContent = {
    version: 1,
    period: dailyPeriod("2026-06-16", 7),
    topics: [],
    top: [paper({ title: "A paper" })],
    trending: [paper({ id: "2606.00003", title: "Another" })],
  };
  const digest = personalizeDigest(
    renderDigest(edition, { siteName: "Papertide", links }),
    { id: "SubscriberId0001", email: "ada@example.org", frequency: "daily" },
    "<id@x>",
    links,
  ).html;
  const confirm = renderConfirmEmail({
    siteName: "Papertide",
    siteUrl: "https://papers.example.org",
    email: "ada@example.org",
    confirmUrl: "https://papers.example.org/subscribe/confirm/t",
    frequency: "daily",
    topics: [],
    validDays: 7,
  }).html;
  // The accent of src/web/static/app.css, light and dark.
  const css = (await import("node:fs")).readFileSync(
    new URL("../../web/static/app.css", import.meta.url),
    "utf8",
  );
  const accent = /--accent:\s*(#[0-9a-f]{6})/i.exec(css)?.[1];
  const darkAccent = /\[data-theme="dark"\][^}]*--accent:\s*(#[0-9a-f]{6})/i.exec(css)?.[1];
  assert.ok(accent && darkAccent);
  for (const [name, html] of [
    ["digest", digest ?? ""],
    ["confirmation", confirm],
  ]) {
    assert.ok(html.includes(accent), `${name}: the site's accent`);
    assert.doesNotMatch(html, /#ea580c/i, `${name}: no orange left`);
    // The logo: a tile in the accent colour with the wave, linking home; no image of any kind.
    assert.match(html, new RegExp(`background:${accent};border-radius:9px;[^"]*">&#8776;</td>`), name);
    assert.match(
      html,
      /<a class="pt-text" href="https:\/\/papers\.example\.org\/?"[^>]*>Papertide<\/a>/,
      name,
    );
    assert.doesNotMatch(html, /<img|<svg|url\(|src=/i, `${name}: nothing to load`);
    // Dark mode: declared, and every colour role repainted from the dark palette.
    assert.match(html, /<meta name="color-scheme" content="light dark">/);
    assert.match(html, /@media \(prefers-color-scheme:dark\)\{[^}]*\.pt-bg\{background:#0b0f1a!important\}/);
    assert.ok(
      html.includes(`.pt-link{color:${darkAccent}!important}`),
      `${name}: dark links in the dark accent`,
    );
  }
  // Every coloured text in the digest has its role, so the dark scheme reaches all of it.
  for (const m of (digest ?? "").matchAll(/<(\w+)([^>]*) style="[^"]*(?<![-\w])color:#[0-9a-f]{6}/gi))
    assert.match(m[2], /class="[^"]*pt-/, `a role on <${m[1]}${m[2]}>`);
});
