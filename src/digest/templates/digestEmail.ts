// The digest mail, as a template with per-subscriber slots (see slots.ts). A single-column
// 600px table layout with every style inline (mail clients drop <style> and external CSS; the
// one media query only narrows the padding on phones where it is supported), and a plain-text
// part with the same content and links.
import { authorLine, type DigestPaper, type EditionContent } from "../edition.ts";
import type { DigestLinks } from "../links.ts";
import { periodLabel } from "../periods.ts";
import { topicsLabel } from "../topics.ts";
import { attrUrl, escapeHtml } from "./html.ts";
import { slotMarkers, type Template } from "./slots.ts";

export interface CompiledDigest {
  subject: string;
  html: Template;
  text: Template;
}

export interface DigestSite {
  siteName: string;
  links: DigestLinks;
}

const SUBJECT_TITLE_MAX = 90;

export function digestSubject(e: EditionContent, siteName: string): string {
  const top = e.top[0]?.title ?? "";
  const title = top.length > SUBJECT_TITLE_MAX ? `${top.slice(0, SUBJECT_TITLE_MAX - 1).trimEnd()}…` : top;
  const kind = e.period.frequency === "daily" ? "Daily" : "Weekly";
  return `${siteName} ${kind} · ${periodLabel(e.period)}: ${title}`;
}

export function renderDigest(e: EditionContent, site: DigestSite): CompiledDigest {
  const slots = slotMarkers();
  const subject = digestSubject(e, site.siteName);
  const html = slots.compile(digestHtml(e, site, subject, slots.marker));
  const text = slots.compile(digestText(e, site, slots.marker));
  return { subject, html, text };
}

type Marker = (name: "unsubscribeUrl" | "manageUrl" | "email") => string;

const FONT = "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const C = {
  bg: "#f3f4f6",
  card: "#ffffff",
  text: "#111827",
  muted: "#6b7280",
  body: "#374151",
  line: "#e5e7eb",
  link: "#1d4ed8",
  accent: "#ea580c",
};

function paperHtml(p: DigestPaper, rank: number | null, links: DigestLinks): string {
  const page = attrUrl(links.paper(p.id));
  const meta = [
    `<span style="color:${C.accent};font-weight:700">▲ ${p.upvotes}</span>`,
    ...(p.category ? [escapeHtml(p.category)] : []),
    escapeHtml(p.id),
  ].join(" &middot; ");
  return `<tr><td class="pt-pad" style="padding:18px 32px;border-top:1px solid ${C.line}">
<p style="margin:0 0 6px;font-size:13px;line-height:18px;color:${C.muted}">${rank !== null ? `<strong style="color:${C.text}">#${rank}</strong> &middot; ` : ""}${meta}</p>
<h2 style="margin:0;font-size:18px;line-height:24px;font-weight:700"><a href="${page}" style="color:${C.text};text-decoration:none">${escapeHtml(p.title)}</a></h2>
<p style="margin:6px 0 0;font-size:14px;line-height:20px;color:${C.muted}">${escapeHtml(authorLine(p))}</p>
<p style="margin:8px 0 0;font-size:14px;line-height:21px;color:${C.body};overflow:hidden;display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical">${escapeHtml(p.excerpt)}</p>
<p style="margin:10px 0 0;font-size:14px;line-height:20px"><a href="${page}" style="color:${C.link};text-decoration:none;font-weight:600">Read on ${escapeHtml(hostOf(links.home()))}</a> &nbsp;&middot;&nbsp; <a href="${attrUrl(links.pdf(p.id))}" style="color:${C.link};text-decoration:none;font-weight:600">PDF</a></p>
</td></tr>`;
}

function digestHtml(e: EditionContent, site: DigestSite, subject: string, slot: Marker): string {
  const { links } = site;
  const kind = e.period.frequency === "daily" ? "Daily digest" : "Weekly digest";
  const heading =
    e.period.frequency === "daily"
      ? `Top papers of ${periodLabel(e.period)}`
      : `Top papers of the ${periodLabel(e.period)}`;
  const preheader = e.top
    .slice(0, 3)
    .map((p) => p.title)
    .join(" · ");
  const trending =
    e.trending.length === 0
      ? ""
      : `<tr><td class="pt-pad" style="padding:26px 32px 6px;border-top:1px solid ${C.line}"><h1 style="margin:0;font-size:16px;line-height:22px;color:${C.text}">Also trending</h1></td></tr>
${e.trending.map((p) => paperHtml(p, null, links)).join("\n")}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="x-apple-disable-message-reformatting"><title>${escapeHtml(subject)}</title>
<style>@media only screen and (max-width:620px){.pt-container{width:100%!important}.pt-pad{padding-left:16px!important;padding-right:16px!important}}</style></head>
<body style="margin:0;padding:0;background:${C.bg};${FONT}">
<div style="display:none;max-height:0;overflow:hidden;mso-hide:all">${escapeHtml(preheader)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:${C.bg}"><tr><td align="center" style="padding:24px 8px">
<table role="presentation" class="pt-container" width="600" cellpadding="0" cellspacing="0" border="0" style="width:600px;max-width:600px;background:${C.card};border-radius:10px;${FONT}">
<tr><td class="pt-pad" style="padding:26px 32px 18px">
<p style="margin:0;font-size:13px;line-height:18px;color:${C.muted};text-transform:uppercase;letter-spacing:0.06em"><a href="${attrUrl(links.home())}" style="color:${C.accent};text-decoration:none;font-weight:800">${escapeHtml(site.siteName)}</a> &middot; ${kind}</p>
<h1 style="margin:8px 0 0;font-size:22px;line-height:28px;color:${C.text}">${escapeHtml(heading)}</h1>
<p style="margin:6px 0 0;font-size:14px;line-height:20px;color:${C.muted}">${escapeHtml(topicsLabel(e.topics))} &middot; ranked by community upvotes</p>
</td></tr>
${e.top.map((p, i) => paperHtml(p, i + 1, links)).join("\n")}
${trending}
<tr><td class="pt-pad" style="padding:22px 32px 26px;border-top:1px solid ${C.line};font-size:13px;line-height:20px;color:${C.muted}">
<p style="margin:0">You receive the ${e.period.frequency} ${escapeHtml(site.siteName)} digest (${escapeHtml(topicsLabel(e.topics))}) at ${slot("email")}.</p>
<p style="margin:8px 0 0"><a href="${slot("manageUrl")}" style="color:${C.link}">Change topics or frequency</a> &nbsp;&middot;&nbsp; <a href="${slot("unsubscribeUrl")}" style="color:${C.link}">Unsubscribe</a></p>
</td></tr>
</table></td></tr></table>
</body></html>
`;
}

function paperText(p: DigestPaper, rank: number | null, links: DigestLinks): string {
  return [
    `${rank !== null ? `${rank}. ` : "- "}${p.title}`,
    `   ${authorLine(p)}`,
    `   ▲ ${p.upvotes} upvotes${p.category ? ` · ${p.category}` : ""} · ${p.id}`,
    `   ${p.excerpt}`,
    `   Read: ${links.paper(p.id)}`,
    `   PDF:  ${links.pdf(p.id)}`,
  ].join("\n");
}

function digestText(e: EditionContent, site: DigestSite, slot: Marker): string {
  const { links } = site;
  const heading =
    e.period.frequency === "daily"
      ? `Top papers of ${periodLabel(e.period)}`
      : `Top papers of the ${periodLabel(e.period)}`;
  const lines = [
    `${site.siteName} · ${e.period.frequency === "daily" ? "Daily" : "Weekly"} digest`,
    heading,
    `${topicsLabel(e.topics)} · ranked by community upvotes`,
    "",
    e.top.map((p, i) => paperText(p, i + 1, links)).join("\n\n"),
  ];
  if (e.trending.length > 0)
    lines.push("", "Also trending", "", e.trending.map((p) => paperText(p, null, links)).join("\n\n"));
  lines.push(
    "",
    "-- ",
    `You receive the ${e.period.frequency} ${site.siteName} digest (${topicsLabel(e.topics)}) at ${slot("email")}.`,
    `Change topics or frequency: ${slot("manageUrl")}`,
    `Unsubscribe: ${slot("unsubscribeUrl")}`,
    "",
  );
  return lines.join("\n");
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
