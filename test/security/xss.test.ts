// Script-bearing strings through every field a reader controls (sign-up, comments with Markdown
// and math, collection name/description/tags, the search box, saved searches, submissions, the
// digest sign-up address), then every page, feed, export and mail that shows them: HTML must be
// inert at the tag level (no injected <script>, on* handler or javascript: link) while the text
// round-trips; feeds must parse as XML/JSON with the text intact; mail headers must not be split.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { previewDigest } from "../../src/digest/digestPreview.ts";
import { createMailer } from "../../src/mail/mailer.ts";
import { OutboxSender } from "../../src/mail/outboxSender.ts";
import type { Browser } from "../accounts/support/harness.ts";
import { addPapers } from "../support/factories.ts";
import { decodeEntities, scriptableMarkup } from "./support/markup.ts";
import { PAPER_ID, PAPERS, type Site, startSite } from "./support/site.ts";

/** Each at most 40 characters (a tag's limit), no commas (the tag separator). */
const PAYLOADS = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  "javascript:alert(1)",
  "]]></title><script>alert(2)</script>",
  "\u202e\u2066bidi\u2069 \u200bzw",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template placeholder is the payload
  "{{7*7}} ${7*7} #{7*7}",
];
const ALL = PAYLOADS.join(" | ");
/** What must come back as text (control characters may be dropped by a field's clean-up). */
// biome-ignore lint/suspicious/noTemplateCurlyInString: a template placeholder is the payload
const VISIBLE = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "{{7*7}} ${7*7}"];

let site: Site;
let reader: { id: string; handle: string; browser: Browser };

before(async () => {
  site = await startSite();
  reader = await site.userWithBrowser({ handle: "xssreader" });
});
after(async () => {
  await site?.close();
});

/** The page at `path` is inert and shows each of `texts` (decoded) somewhere. */
async function assertInertPage(b: Browser, path: string, texts: string[] = VISIBLE) {
  const res = await b.get(path);
  assert.ok(res.status < 500, `${path}: ${res.status}`);
  assert.deepEqual(scriptableMarkup(res.text), [], `${path} carries markup from a user`);
  const shown = decodeEntities(res.text);
  for (const t of texts) assert.ok(shown.includes(t), `${path} shows ${JSON.stringify(t)} as text`);
  return res;
}

/** Every text of a feed that may carry user input, and whether readers treat it as HTML. */
function feedTexts(format: string, body: string): { text: string; html: boolean }[] {
  if (format === "json") {
    const doc = JSON.parse(body);
    return [
      { text: String(doc.title ?? ""), html: false },
      { text: String(doc.description ?? ""), html: false },
    ];
  }
  const valid = XMLValidator.validate(body);
  assert.equal(valid, true, `the ${format} feed is well-formed XML: ${JSON.stringify(valid)}`);
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" }).parse(body);
  const text = (v: unknown): string =>
    typeof v === "object" && v !== null
      ? String((v as Record<string, unknown>)["#text"] ?? "")
      : String(v ?? "");
  if (format === "rss") {
    const ch = doc.rss.channel;
    return [
      { text: text(ch.title), html: true },
      { text: text(ch.description), html: true },
    ];
  }
  const feed = doc.feed;
  const isHtml = (v: unknown) =>
    typeof v === "object" && v !== null && (v as Record<string, unknown>)["@type"] === "html";
  return [
    { text: text(feed.title), html: isHtml(feed.title) },
    { text: text(feed.subtitle), html: isHtml(feed.subtitle) },
  ];
}

/** Each feed format at `base` (.rss/.atom/.json + query) parses and round-trips `expected`. */
async function assertFeeds(base: string, query: string, expected: string[]) {
  for (const format of ["rss", "atom", "json"]) {
    const path = `${base}.${format}${query}`;
    const res = await reader.browser.get(path);
    assert.equal(res.status, 200, `${path}: ${res.status}`);
    const texts = feedTexts(format, res.text);
    for (const t of texts.filter((x) => x.html))
      assert.deepEqual(scriptableMarkup(t.text), [], `${path}: HTML text with markup from a user`);
    const shown = texts.map((t) => (t.html ? decodeEntities(t.text) : t.text)).join("\n");
    for (const e of expected)
      assert.ok(shown.includes(e), `${path} round-trips ${JSON.stringify(e)}:\n${shown}`);
  }
}

describe("script-bearing input is shown as text everywhere", () => {
  it("comments (Markdown links, math, raw HTML) on the paper page, the profile and the edit form", async () => {
    const body = [
      ALL,
      "[click](javascript:alert(1)) [click2](JaVaScRiPt&#58;alert(1)) [click3](  javascript:alert(1))",
      "![img](x onerror=alert(1)) <a href=javascript:alert(1)>raw</a>",
      "$\\href{javascript:alert(1)}{math}$ and $x</script><script>alert(3)</script>$",
      "$$\\htmlData{onerror=alert(1)}{x}$$",
    ].join("\n\n");
    const page = `/papers/${PAPER_ID}`;
    const posted = await reader.browser.submit(page, "/comments", { paper: PAPER_ID, body });
    assert.equal(posted.status, 303, posted.text);
    await assertInertPage(site.browser(), page);
    await assertInertPage(reader.browser, page);
    await assertInertPage(site.browser(), `/u/${reader.handle}`, []);
    const comment = await site.store.db.selectFrom("comments").select("id").executeTakeFirstOrThrow();
    await assertInertPage(reader.browser, `/comments/${comment.id}/edit`);
  });

  it("collection name, description and tags on its pages, exports and feeds", async () => {
    const name = `${PAYLOADS[0]} ${PAYLOADS[1]} {{7*7}} \${7*7}`;
    const b = reader.browser;
    const made = await b.submit("/collections", "/collections", { name, description: ALL, public: "1" });
    assert.equal(made.status, 303, made.text);
    const slugPath = made.location as string;
    const c = await site.store.db.selectFrom("collections").select(["id", "slug"]).executeTakeFirstOrThrow();
    assert.equal((await b.submit(slugPath, "/saved", { paper: PAPER_ID, collection: c.id })).status, 303);
    for (const tag of PAYLOADS.slice(0, 5)) {
      const tagged = await b.submit(slugPath, `/collections/${c.id}/tags`, { paper: PAPER_ID, tags: tag });
      assert.equal(tagged.status, 303, `tag ${tag}: ${tagged.text.slice(0, 300)}`);
      await assertInertPage(site.browser(), slugPath, [tag.toLowerCase()]);
    }
    await assertInertPage(site.browser(), slugPath);
    await assertInertPage(b, slugPath);
    await assertInertPage(b, "/collections", [PAYLOADS[0]]);
    await assertInertPage(site.browser(), `/u/${reader.handle}`, [PAYLOADS[0]]);
    // Exports: JSON keeps the text exactly; BibTeX is not HTML, but must not be served as HTML.
    const json = await b.get(`/collections/${c.id}/export.json`);
    assert.equal(json.status, 200);
    assert.doesNotMatch(json.headers.get("content-type") ?? "", /html/);
    assert.match(json.headers.get("content-disposition") ?? "", /^attachment; filename="[^"\r\n]+"$/);
    const exported = JSON.stringify(JSON.parse(json.text));
    for (const t of VISIBLE)
      assert.ok(exported.includes(JSON.stringify(t).slice(1, -1)), `export.json keeps ${t}`);
    const bib = await b.get(`/collections/${c.id}/export.bib`);
    assert.equal(bib.status, 200);
    assert.doesNotMatch(bib.headers.get("content-type") ?? "", /html/);
    assert.equal(bib.headers.get("x-content-type-options"), "nosniff");
    await assertFeeds(`/feeds/collection/${c.slug}`, "", [PAYLOADS[0], PAYLOADS[1]]);
  });

  it("the search box: results page, empty-result page and the search's feeds", async () => {
    const q = encodeURIComponent(ALL);
    await assertInertPage(site.browser(), `/search?q=${q}`);
    await assertInertPage(site.browser(), `/search?q=attention&author=${encodeURIComponent(PAYLOADS[1])}`, [
      PAYLOADS[1],
    ]);
    await assertInertPage(reader.browser, `/search?q=${q}`);
    await assertFeeds("/feeds/search", `?q=${q}`, [PAYLOADS[0], PAYLOADS[1]]);
  });

  it("saved searches on the account page", async () => {
    const saved = await reader.browser.submit("/account", "/account/alerts", { q: ALL });
    assert.equal(saved.status, 303, saved.text.slice(0, 500));
    await assertInertPage(reader.browser, "/account");
  });

  it("a saved search's words in the digest mail: inert HTML, one-line subject, no extra header", async () => {
    const b = reader.browser;
    const subscribed = await b.submit("/account", "/account/digest", { frequency: "daily", picks: "off" });
    assert.equal(subscribed.status, 303, subscribed.text.slice(0, 300));
    const query = `attention ${PAYLOADS[0]} ${PAYLOADS[1]}\r\nBcc: evil@example.org`;
    const saved = await b.submit("/account", "/account/alerts", { q: query, delivery: "digest" });
    assert.ok(saved.status === 303 || saved.status === 400, `${saved.status}`);
    // A paper that arrives after the searches last ran, so the alert has something to bring.
    await site.store.db
      .updateTable("saved_searches")
      .set({ last_run_at: "2000-01-01T00:00:00.000Z" })
      .execute();
    await addPapers(site.store.db, [
      {
        ...PAPERS[0],
        id: "2606.00003",
        title: `Attention ${PAYLOADS[0]} ${PAYLOADS[1]} Bcc: evil@example.org`,
      },
    ]);
    const preview = await previewDigest(site.app.digestDeps, `${reader.handle}@example.org`, {
      day: "2026-06-11", // the mail of the 11th lists the papers of the 10th
    });
    assert.ok(preview.ok, `a digest to preview: ${preview.message}`);
    const mail = preview.message;
    assert.doesNotMatch(mail.subject, /[\r\n]/);
    for (const v of Object.values(mail.headers ?? {})) assert.doesNotMatch(v, /[\r\n]/);
    assert.deepEqual(scriptableMarkup(mail.html ?? ""), [], "the digest's HTML");
    assert.match(mail.text, /New for “attention <script>alert\(1\)<\/script>/, "the saved search's section");
    assert.ok(decodeEntities(mail.html ?? "").includes(PAYLOADS[0]), "the search's words are shown as text");
    const before = site.inbox.mails.length;
    const mailer = createMailer(site.app.digestDeps.mail);
    try {
      await mailer.sendMail(mail);
    } finally {
      await mailer.close();
    }
    const [received] = (await site.inbox.waitFor(before + 1)).slice(before);
    assert.equal(received.bcc, undefined);
    for (const line of received.headerLines) assert.doesNotMatch(line.line, /evil@/);
  });

  it("sign-up and submission forms echo what was typed as text", async () => {
    const anon = site.browser();
    const signup = await anon.submit("/signup", "/signup", {
      email: `${PAYLOADS[1]}@example.org`,
      handle: PAYLOADS[0],
      password: "correct horse battery",
    });
    assert.equal(signup.status, 400);
    assert.deepEqual(scriptableMarkup(signup.text), []);
    assert.ok(decodeEntities(signup.text).includes(PAYLOADS[0]), "the handle typed is shown back");
    const submit = await reader.browser.submit("/submit", "/submit", { paper: ALL });
    assert.ok(submit.status >= 400 && submit.status < 500, `submit: ${submit.status}`);
    assert.deepEqual(scriptableMarkup(submit.text), []);
    const jsUrl = await reader.browser.submit("/submit", "/submit", {
      paper: "javascript:alert(1)//arxiv.org/abs/2606.00001",
    });
    assert.ok(jsUrl.status < 500);
    assert.deepEqual(scriptableMarkup(jsUrl.text), []);
    const login = await assertInertPage(anon, `/login?next=${encodeURIComponent("javascript:alert(1)")}`, []);
    assert.equal(login.status, 200);
  });

  it("a digest sign-up address with CR/LF or markup is refused, shown as text, and splits no mail header", async () => {
    const mailsBefore = site.inbox.mails.length;
    for (const email of [
      "victim@example.org\r\nBcc: evil@example.org",
      "victim@example.org\nSubject: injected",
      `"${PAYLOADS[0]}"@example.org`,
      `victim+${PAYLOADS[2]}@example.org`,
    ]) {
      const res = await site.browser().request("POST", "/subscribe", { form: { email, frequency: "daily" } });
      assert.ok(res.status === 400 || res.status === 200 || res.status === 202, `${email}: ${res.status}`);
      assert.deepEqual(scriptableMarkup(res.text), [], `the answer to ${JSON.stringify(email)}`);
    }
    // An ordinary sign-up afterwards, so the mails are known to flow.
    const ok = await site
      .browser()
      .request("POST", "/subscribe", { form: { email: "fine@example.org", frequency: "daily" } });
    assert.ok(ok.status < 400);
    // The confirmation mails are outbox rows; send them as the server's outbox sender would.
    const mailer = createMailer(site.app.digestDeps.mail);
    try {
      await new OutboxSender({ store: site.store, mailer }).drain();
    } finally {
      await mailer.close();
    }
    await site.inbox.waitFor(mailsBefore + 1);
    await new Promise((r) => setTimeout(r, 200));
    for (const mail of site.inbox.mails.slice(mailsBefore)) {
      const to = [mail.to ?? []].flat().flatMap((a) => a.value.map((v) => v.address));
      assert.deepEqual(to, ["fine@example.org"], "only the well-formed address got a mail");
      assert.equal(mail.bcc, undefined);
      for (const line of mail.headerLines) assert.doesNotMatch(line.line, /evil@|injected/i);
      assert.deepEqual(scriptableMarkup(String(mail.html || "")), []);
    }
  });
});
