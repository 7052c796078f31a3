// The whole path a reader takes, over real HTTP routes and a real SMTP server: sign up, get the
// confirmation mail, confirm, receive a digest (headers, both parts, links, escaping), then
// unsubscribe with the RFC 8058 one-click POST and subscribe again.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { FastifyInstance } from "fastify";
import { digestMessageId } from "../../src/digest/digestMessage.ts";
import { buildPeriod } from "../../src/digest/periodBuilder.ts";
import { dailyPeriod } from "../../src/digest/periods.ts";
import { createDigestService, type DigestService } from "../../src/digest/service.ts";
import { getSubscriberByEmailKey } from "../../src/store/subscribers.ts";
import { importPapers } from "../support/factories.ts";
import { type SmtpSink, startSmtpSink } from "../support/smtpSink.ts";
import { BASE_URL, type DigestTestContext, digestContext, WEEK_PAPERS } from "./support/fixtures.ts";
import { digestServer } from "./support/server.ts";

let sink: SmtpSink;
let ctx: DigestTestContext;
let app: FastifyInstance;
let service: DigestService;

before(async () => {
  sink = await startSmtpSink();
  ctx = await digestContext({ PAPERTIDE_SMTP_URL: sink.url, PAPERTIDE_CATEGORIES: "cs.CL,cs.CV,cs.LG" });
  await importPapers(ctx, WEEK_PAPERS);
  app = await digestServer(ctx);
  service = await createDigestService(ctx.deps, { scheduler: false });
});

after(async () => {
  await service.stop();
  await app.close();
  await sink.close();
  await ctx.cleanup();
});

const form = (fields: [string, string][]) => new URLSearchParams(fields).toString();
const FORM = { "content-type": "application/x-www-form-urlencoded" };
const pathOf = (url: string) => {
  assert.ok(url.startsWith(BASE_URL), `${url} should be on ${BASE_URL}`);
  return url.slice(BASE_URL.length);
};
const hrefs = (html: string) =>
  [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1].replaceAll("&amp;", "&"));

test("sign up, confirm, receive a digest, unsubscribe in one click, subscribe again", async () => {
  // 1. Sign up with the layout's form (an address with odd case and spaces).
  const signup = await app.inject({
    method: "POST",
    url: "/subscribe",
    headers: FORM,
    payload: form([
      ["email", "  Reader@Example.COM "],
      ["topics", "cs.LG"],
    ]),
  });
  assert.equal(signup.statusCode, 200, signup.body);
  assert.match(signup.body, /Check your inbox/);
  assert.match(signup.body, /Reader@example\.com/);

  // 2. The confirmation mail.
  assert.equal((await service.sender.drain()).sent, 1);
  assert.equal(sink.messages.length, 1);
  const confirmMail = sink.messages[0];
  assert.deepEqual(confirmMail.rcptTo, ["Reader@example.com"]);
  assert.equal(confirmMail.parsed.from?.value[0].address, "digest@papers.example.org");
  assert.match(confirmMail.parsed.subject ?? "", /Confirm your Papertide digest subscription/);
  assert.equal(
    confirmMail.parsed.headers.get("list-unsubscribe"),
    undefined,
    "a confirmation is not a list mail",
  );
  const confirmUrl = /(https:\/\/\S+\/subscribe\/confirm\/\S+)/.exec(confirmMail.parsed.text ?? "")?.[1];
  assert.ok(confirmUrl, confirmMail.parsed.text);
  assert.ok(hrefs(String(confirmMail.parsed.html)).includes(confirmUrl), "the HTML part links the same URL");

  // 3. The link shows a page (a GET confirms nothing: link scanners fetch every URL in a mail).
  const page = await app.inject({ method: "GET", url: pathOf(confirmUrl) });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Confirm subscription/);
  assert.match(page.body, /value="cs.LG" checked/);
  assert.equal((await getSubscriberByEmailKey(ctx.store.db, "reader@example.com"))?.status, "pending");

  // 4. Confirming with a changed choice of topics.
  const confirmed = await app.inject({
    method: "POST",
    url: pathOf(confirmUrl),
    headers: FORM,
    payload: form([
      ["frequency", "daily"],
      ["topics", "cs.LG"],
      ["topics", "cs.CV"],
    ]),
  });
  assert.equal(confirmed.statusCode, 200, confirmed.body);
  assert.match(confirmed.body, /You are subscribed/);
  const subscriber = await getSubscriberByEmailKey(ctx.store.db, "reader@example.com");
  assert.equal(subscriber?.status, "active");
  assert.deepEqual(subscriber?.topics, ["cs.CV", "cs.LG"]);
  // The link is used up.
  assert.equal((await app.inject({ method: "GET", url: pathOf(confirmUrl) })).statusCode, 410);

  // 5. Tuesday's daily digest (Monday 15 June's list), built and sent.
  const period = dailyPeriod("2026-06-16", 7);
  const built = await buildPeriod(ctx.deps, period, Date.parse(period.dueAt));
  assert.deepEqual(
    { subscribers: built.subscribers, enqueued: built.enqueued },
    { subscribers: 1, enqueued: 1 },
  );
  assert.equal((await service.sender.drain()).sent, 1);
  const digest = sink.messages[1];

  // Headers.
  assert.equal(
    digest.parsed.subject,
    "Papertide Daily · Mon 15 Jun 2026: α-VAE: Variational Autoencoders with O(n log n) Attention",
  );
  assert.deepEqual(digest.rcptTo, ["Reader@example.com"]);
  assert.equal(
    digest.messageId,
    digestMessageId(subscriber?.id ?? "", period.key, "digest@papers.example.org"),
  );
  const rawHeaders = digest.raw
    .toString("utf8")
    .split(/\r?\n\r?\n/)[0]
    .replace(/\r?\n[ \t]+/g, " ");
  const listUnsubscribe = /^List-Unsubscribe: <([^>]+)>$/im.exec(rawHeaders)?.[1] ?? "";
  assert.ok(listUnsubscribe.startsWith(`${BASE_URL}/unsubscribe/`), rawHeaders);
  assert.match(rawHeaders, /^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/im);
  assert.match(rawHeaders, /^List-Id: Papertide daily digest <daily\.digest\.papers\.example\.org>$/im);

  // The plain-text part: ranked titles (math degraded), authors, upvotes, links.
  const text = digest.parsed.text ?? "";
  const order = [
    "α-VAE: Variational",
    'Vision <Transformers> & "Friends"',
    "Language Models Count Tokens",
  ].map((t) => text.indexOf(t));
  assert.ok(
    order.every((i, k) => i >= 0 && (k === 0 || i > order[k - 1])),
    `ranked by upvotes:\n${text}`,
  );
  assert.doesNotMatch(text, /Robots in the Kitchen/, "cs.RO is not a chosen topic");
  assert.doesNotMatch(text, /Friday Paper on Speech/, "cs.CL alone is not a chosen topic");
  assert.match(text, /Also trending\n\n- Weekend Featured Paper on Graphs/);
  assert.match(
    text,
    /Read: https:\/\/papers\.example\.org\/papers\/2606\.10001\n {3}PDF: {2}https:\/\/arxiv\.org\/pdf\/2606\.10001/,
  );
  assert.match(text, /▲ 42 upvotes/);
  assert.match(text, /Ada Lovelace, Alan Turing/);
  assert.ok(text.includes(`Unsubscribe: ${listUnsubscribe}`));
  assert.doesNotMatch(text, /\$|\\mathcal|\\alpha/, "no TeX source left");

  // The HTML part: escaped data, inlined styles, responsive, the same links.
  const html = String(digest.parsed.html);
  assert.match(html, /Vision &lt;Transformers&gt; &amp; &quot;Friends&quot;/);
  assert.doesNotMatch(html, /<Transformers>/);
  assert.match(html, /<td class="pt-pad[^"]*" style="padding:/);
  assert.match(html, /@media only screen and \(max-width:620px\)/);
  const links = hrefs(html);
  for (const id of ["2606.10001", "2606.10002", "2606.10003", "2606.10007"]) {
    assert.ok(links.includes(`${BASE_URL}/papers/${id}`), `page link of ${id}`);
    assert.ok(links.includes(`https://arxiv.org/pdf/${id}`), `PDF link of ${id}`);
  }
  assert.ok(links.includes(listUnsubscribe));
  assert.ok(
    links.every((l) => l.startsWith("https://")),
    links.join("\n"),
  );
  assert.match(html, /Reader@example\.com/);

  // Building the same period again sends nothing more.
  assert.equal((await buildPeriod(ctx.deps, period, Date.parse(period.dueAt))).enqueued, 0);
  assert.equal((await service.sender.drain()).sent, 0);

  // 6. Unsubscribe: GET shows a confirmation page, the one-click POST unsubscribes.
  const unsubscribePage = await app.inject({ method: "GET", url: pathOf(listUnsubscribe) });
  assert.equal(unsubscribePage.statusCode, 200);
  assert.match(unsubscribePage.body, /Unsubscribe from the digest\?/);
  assert.equal(
    (await getSubscriberByEmailKey(ctx.store.db, "reader@example.com"))?.status,
    "active",
    "GET changes nothing",
  );
  const oneClick = await app.inject({
    method: "POST",
    url: pathOf(listUnsubscribe),
    headers: FORM,
    payload: "List-Unsubscribe=One-Click",
  });
  assert.equal(oneClick.statusCode, 200);
  assert.equal(oneClick.body, "Unsubscribed.\n");
  assert.equal((await getSubscriberByEmailKey(ctx.store.db, "reader@example.com"))?.status, "unsubscribed");
  // Mail providers may post multipart/form-data; a repeat is harmless.
  const boundary = "----pt";
  const multipart = await app.inject({
    method: "POST",
    url: pathOf(listUnsubscribe),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    payload: `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`,
  });
  assert.equal(multipart.statusCode, 200);

  // No digest for the next period.
  const next = dailyPeriod("2026-06-17", 7);
  assert.equal((await buildPeriod(ctx.deps, next, Date.parse(next.dueAt))).subscribers, 0);

  // 7. Subscribe again from the manage link of the digest.
  const manageUrl = /Change topics or frequency: (\S+)/.exec(text)?.[1] ?? "";
  const back = await app.inject({
    method: "POST",
    url: pathOf(manageUrl),
    headers: FORM,
    payload: form([
      ["action", "resubscribe"],
      ["frequency", "weekly"],
    ]),
  });
  assert.equal(back.statusCode, 200);
  assert.match(back.body, /subscribed again/);
  const again = await getSubscriberByEmailKey(ctx.store.db, "reader@example.com");
  assert.equal(again?.status, "active");
  assert.equal(again?.frequency, "weekly");
  assert.deepEqual(again?.topics, [], "an unchecked topic list means all topics");
});

test("altered or foreign tokens are refused", async () => {
  const s = await getSubscriberByEmailKey(ctx.store.db, "reader@example.com");
  assert.ok(s);
  const good = ctx.deps.signer.sign("unsubscribe", s.id);
  const flipped = good.slice(0, -1) + (good.endsWith("A") ? "B" : "A");
  for (const url of [
    `/unsubscribe/${flipped}`,
    `/unsubscribe/${ctx.deps.signer.sign("manage", s.id)}`, // right subscriber, wrong purpose
    `/unsubscribe/${s.id}`,
    "/unsubscribe/not-a-token",
    `/subscription/${good}`,
    `/subscribe/confirm/${good}`,
  ]) {
    const res = await app.inject({
      method: "POST",
      url,
      headers: FORM,
      payload: "List-Unsubscribe=One-Click",
    });
    assert.ok([404, 410].includes(res.statusCode), `${url} -> ${res.statusCode}`);
  }
  assert.equal((await getSubscriberByEmailKey(ctx.store.db, "reader@example.com"))?.status, "active");
});
