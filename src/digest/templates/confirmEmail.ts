// The double opt-in mail: one link that leads to a page where the subscription is confirmed
// (with a button, so link scanners that fetch every URL in a mail cannot confirm it for us).
import type { Frequency } from "../../store/subscribers.ts";
import { topicsLabel } from "../topics.ts";
import { attrUrl, escapeHtml } from "./html.ts";

export interface ConfirmMailInput {
  siteName: string;
  siteUrl: string;
  email: string;
  confirmUrl: string;
  frequency: Frequency;
  topics: string[];
  validDays: number;
}

const FONT = "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

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
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:0;background:#f3f4f6;${FONT}">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f3f4f6"><tr><td align="center" style="padding:24px 8px">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:600px;max-width:100%;background:#ffffff;border-radius:10px;${FONT}">
<tr><td style="padding:28px 32px;font-size:15px;line-height:23px;color:#374151">
<p style="margin:0 0 4px;font-size:13px;color:#ea580c;font-weight:800;text-transform:uppercase;letter-spacing:0.06em">${escapeHtml(m.siteName)}</p>
<h1 style="margin:0 0 14px;font-size:22px;line-height:28px;color:#111827">Confirm your subscription</h1>
<p style="margin:0 0 18px">Someone, hopefully you, asked to send ${escapeHtml(what)} to <strong>${escapeHtml(m.email)}</strong>.</p>
<p style="margin:0 0 18px"><a href="${attrUrl(m.confirmUrl)}" style="display:inline-block;padding:11px 20px;background:#ea580c;color:#ffffff;border-radius:8px;text-decoration:none;font-weight:700">Confirm subscription</a></p>
<p style="margin:0 0 8px;font-size:13px;color:#6b7280">Or open this link: <a href="${attrUrl(m.confirmUrl)}" style="color:#1d4ed8;word-break:break-all">${escapeHtml(m.confirmUrl)}</a></p>
<p style="margin:0;font-size:13px;color:#6b7280">The link works for ${m.validDays} days. If you did not ask for this, ignore this mail: nothing will be sent.</p>
</td></tr></table></td></tr></table>
</body></html>
`;
  return { subject, html, text };
}
