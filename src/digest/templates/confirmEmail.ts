// The double opt-in mail: one link that leads to a page where the subscription is confirmed
// (with a button, so link scanners that fetch every URL in a mail cannot confirm it for us).
import type { Frequency } from "../../store/subscribers.ts";
import { topicsLabel } from "../topics.ts";
import { attrUrl, escapeHtml } from "./html.ts";
import { C, FONT, logoHtml, MAIL_HEAD } from "./palette.ts";

export interface ConfirmMailInput {
  siteName: string;
  siteUrl: string;
  email: string;
  confirmUrl: string;
  frequency: Frequency;
  topics: string[];
  validDays: number;
}

export function renderConfirmEmail(m: ConfirmMailInput): { subject: string; html: string; text: string } {
  const subject = `Confirm your ${m.siteName} digest subscription`;
  const what = `the ${m.frequency} digest of trending papers (${topicsLabel(m.topics)})`;
  const text = [
    `Someone, hopefully you, asked to send ${what} to ${m.email}.`,
    "",
    "To confirm (you can still change topics and frequency there), open:",
    m.confirmUrl,
    "",
    `The link works for ${m.validDays} days. If you did not ask for this, ignore this mail: nothing will be sent.`,
    "",
    `-- ${m.siteName}, ${m.siteUrl}`,
    "",
  ].join("\n");
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title>
${MAIL_HEAD}</head>
<body class="pt-bg" style="margin:0;padding:0;background:${C.bg};${FONT}">
<table role="presentation" class="pt-bg" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:${C.bg}"><tr><td align="center" style="padding:24px 8px">
<table role="presentation" class="pt-container pt-card" width="600" cellpadding="0" cellspacing="0" border="0" style="width:600px;max-width:100%;background:${C.card};border-radius:10px;${FONT}">
<tr><td class="pt-pad pt-body" style="padding:28px 32px;font-size:15px;line-height:23px;color:${C.body}">
${logoHtml(m.siteName, m.siteUrl)}
<h1 class="pt-text" style="margin:18px 0 14px;font-size:22px;line-height:28px;color:${C.text}">Confirm your subscription</h1>
<p style="margin:0 0 18px">Someone, hopefully you, asked to send ${escapeHtml(what)} to <strong>${escapeHtml(m.email)}</strong>.</p>
<p style="margin:0 0 18px"><a class="pt-button" href="${attrUrl(m.confirmUrl)}" style="display:inline-block;padding:11px 20px;background:${C.accent};color:${C.onAccent};border-radius:8px;text-decoration:none;font-weight:700">Confirm subscription</a></p>
<p class="pt-muted" style="margin:0 0 8px;font-size:13px;color:${C.muted}">Or open this link: <a class="pt-link" href="${attrUrl(m.confirmUrl)}" style="color:${C.link};word-break:break-all">${escapeHtml(m.confirmUrl)}</a></p>
<p class="pt-muted" style="margin:0;font-size:13px;color:${C.muted}">The link works for ${m.validDays} days. If you did not ask for this, ignore this mail: nothing will be sent.</p>
</td></tr></table></td></tr></table>
</body></html>
`;
  return { subject, html, text };
}
