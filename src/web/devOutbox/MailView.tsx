// One mail of the development outbox, decoded (mailparser): its headers, the text part with its
// links clickable, and the HTML part in a sandboxed frame that loads it from its own address
// (/dev/outbox/<id>/html, served under a CSP of its own: no scripts, no requests, no forms).
import type { ParsedMail } from "mailparser";
import { safeHttpUrl } from "../../text/safeUrl.ts";
import { Layout, type Site } from "../components/Layout.tsx";

/** URLs in a text part; a sentence's final punctuation is not part of one. */
const URL_IN_TEXT = /https?:\/\/[^\s<>"]+/g;

export function LinkedText({ text }: { text: string }) {
  const parts: (string | { href: string; label: string })[] = [];
  let at = 0;
  for (const m of text.matchAll(URL_IN_TEXT)) {
    const raw = m[0].replace(/[.,;:!?)]+$/, "");
    const href = safeHttpUrl(raw);
    if (!href) continue;
    parts.push(text.slice(at, m.index), { href, label: raw });
    at = m.index + raw.length;
  }
  parts.push(text.slice(at));
  return (
    <pre class="mail-text">
      {parts.map((p) => (typeof p === "string" ? p : <a href={p.href}>{p.label}</a>))}
    </pre>
  );
}

const addresses = (a: ParsedMail["to"]): string =>
  a === undefined ? "" : Array.isArray(a) ? a.map((x) => x.text).join(", ") : a.text;

export function MailView({ site, id, mail }: { site: Site; id: string; mail: ParsedMail }) {
  const subject = mail.subject ?? "(no subject)";
  return (
    <Layout meta={{ title: subject, path: `/dev/outbox/${id}`, noindex: true }} site={site}>
      <div class="container">
        <p>
          <a href="/dev/outbox">← Development outbox</a>
        </p>
        <h1 class="mail-subject">{subject}</h1>
        <dl class="facts mail-headers">
          <div class="fact">
            <dt>From</dt>
            <dd>{addresses(mail.from)}</dd>
          </div>
          <div class="fact">
            <dt>To</dt>
            <dd>{addresses(mail.to)}</dd>
          </div>
          <div class="fact">
            <dt>Date</dt>
            <dd>{mail.date ? mail.date.toISOString().replace("T", " ").slice(0, 19) : ""}</dd>
          </div>
          <div class="fact">
            <dt>Message-ID</dt>
            <dd>{mail.messageId ?? ""}</dd>
          </div>
        </dl>
        <p>
          <a href={`/dev/outbox/${id}.eml`}>Source (.eml)</a>
        </p>
        {mail.html ? (
          <section aria-labelledby="mail-html">
            <h2 id="mail-html">HTML part</h2>
            {/* No allow-scripts, no allow-same-origin: the mail runs nothing and reads nothing of the site. */}
            <iframe
              class="mail-frame"
              title={`HTML part of “${subject}”`}
              src={`/dev/outbox/${id}/html`}
              sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation"
              referrerpolicy="no-referrer"
            />
          </section>
        ) : null}
        <section aria-labelledby="mail-text">
          <h2 id="mail-text">Text part</h2>
          {mail.text ? <LinkedText text={mail.text} /> : <p>This mail has no text part.</p>}
        </section>
      </div>
    </Layout>
  );
}
