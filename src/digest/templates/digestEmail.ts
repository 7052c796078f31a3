// The digest mail, as a template with per-subscriber slots (see slots.ts). A single-column
// 600px table layout with every style inline (mail clients drop <style> and external CSS; the
// one media query only narrows the padding on phones where it is supported), and a plain-text
// part with the same content and links.
import { authorLine, type DigestPaper, type EditionContent } from "../edition.ts";
import type { DigestLinks } from "../links.ts";
import { periodLabel } from "../periods.ts";
import type { AlertSection, AlertsContent, DigestPick, PersonalContent } from "../personal.ts";
import { topicsLabel } from "../topics.ts";
import { attrUrl, escapeHtml } from "./html.ts";
import { C, FONT, logoHtml, MAIL_HEAD } from "./palette.ts";
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

export function digestSubject(
  e: EditionContent,
  siteName: string,
  personal?: PersonalContent | null,
): string {
  const top = e.top[0]?.title ?? personal?.picks[0]?.title ?? personal?.alerts[0]?.papers[0]?.title ?? "";
  const title = top.length > SUBJECT_TITLE_MAX ? `${top.slice(0, SUBJECT_TITLE_MAX - 1).trimEnd()}…` : top;
  const kind = e.period.frequency === "daily" ? "Daily" : "Weekly";
  return `${siteName} ${kind} · ${periodLabel(e.period)}: ${title}`;
}

/** `personal`: the sections of a subscription that belongs to an account (picks, saved searches). */
export function renderDigest(
  e: EditionContent,
  site: DigestSite,
  personal: PersonalContent | null = null,
): CompiledDigest {
  const slots = slotMarkers();
  const subject = digestSubject(e, site.siteName, personal);
  const html = slots.compile(digestHtml(e, site, subject, slots.marker, personal));
  const text = slots.compile(digestText(e, site, slots.marker, personal));
  return { subject, html, text };
}

/** The mail of saved searches delivered on their own ("alert-only"). */
export function renderAlerts(a: AlertsContent, site: DigestSite): CompiledDigest {
  const slots = slotMarkers();
  const n = a.alerts.reduce((sum, s) => sum + s.papers.length + s.more, 0);
  const first = a.alerts[0];
  const subject = `${site.siteName} alert: ${n} new ${n === 1 ? "paper" : "papers"} for “${clip(first?.query ?? "", 60)}”${a.alerts.length > 1 ? ` and ${a.alerts.length - 1} more ${a.alerts.length === 2 ? "search" : "searches"}` : ""}`;
  const { links } = site;
  const body = a.alerts.map((s) => alertSectionHtml(s, links)).join("\n");
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title>
${MAIL_HEAD}</head>
<body class="pt-bg" style="margin:0;padding:0;background:${C.bg};${FONT}">
<table role="presentation" class="pt-bg" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:${C.bg}"><tr><td align="center" style="padding:24px 8px">
<table role="presentation" class="pt-container pt-card" width="600" cellpadding="0" cellspacing="0" border="0" style="width:600px;max-width:600px;background:${C.card};border-radius:10px;${FONT}">
<tr><td class="pt-pad" style="padding:26px 32px 18px">
${logoHtml(site.siteName, links.home())}
<p class="pt-accent" style="margin:14px 0 0;font-size:13px;line-height:18px;color:${C.accent};text-transform:uppercase;letter-spacing:0.06em;font-weight:700">Search alert</p>
<h1 class="pt-text" style="margin:8px 0 0;font-size:22px;line-height:28px;color:${C.text}">New papers for your saved searches</h1>
</td></tr>
${body}
${footerHtml(`You receive this alert for searches you saved on ${escapeHtml(site.siteName)}, at ${slots.marker("email")}.`, links, slots.marker)}
</table></td></tr></table>
</body></html>
`;
  const text = [
    `${site.siteName} · Search alert`,
    "New papers for your saved searches",
    "",
    a.alerts.map((s) => alertSectionText(s, links)).join("\n\n"),
    "",
    "-- ",
    `You receive this alert for searches you saved on ${site.siteName}, at ${slots.marker("email")}.`,
    `Your saved searches: ${links.account()}`,
    `Stop alert mails (your digest stays): ${slots.marker("unsubscribeUrl")}`,
    "",
  ].join("\n");
  return { subject, html: slots.compile(html), text: slots.compile(text) };
}

/** With no top papers (nothing new in the topics), a personal digest is only picks and alerts. */
function digestHeading(e: EditionContent): string {
  const label = e.period.frequency === "daily" ? periodLabel(e.period) : `the ${periodLabel(e.period)}`;
  return e.top.length === 0 ? `Your papers for ${label}` : `Top papers of ${label}`;
}

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s;
}

function sectionHeadHtml(title: string, note?: string): string {
  return `<tr><td class="pt-pad pt-line" style="padding:26px 32px 6px;border-top:1px solid ${C.line}"><h1 class="pt-text" style="margin:0;font-size:16px;line-height:22px;color:${C.text}">${escapeHtml(title)}</h1>${note ? `<p class="pt-muted" style="margin:4px 0 0;font-size:13px;line-height:18px;color:${C.muted}">${note}</p>` : ""}</td></tr>`;
}

function picksHtml(picks: DigestPick[], links: DigestLinks): string {
  if (picks.length === 0) return "";
  return `${sectionHeadHtml("Picked for you", "From the authors you follow and what you saved and upvoted; each paper is picked for you once.")}
${picks.map((p) => paperHtml(p, null, links, becauseLine(p))).join("\n")}`;
}

function becauseLine(p: DigestPick): string | null {
  if (p.followedAuthor) return `New from ${p.followedAuthor}, whom you follow`;
  if (!p.because) return null;
  const verb = p.because.source === "saved" ? "saved" : p.because.source === "upvoted" ? "upvoted" : "picked";
  return `Because you ${verb} “${p.because.title}”`;
}

function alertSectionHtml(s: AlertSection, links: DigestLinks): string {
  const n = s.papers.length + s.more;
  const more =
    s.more > 0
      ? `<tr><td class="pt-pad" style="padding:10px 32px 18px;font-size:14px;line-height:20px"><a class="pt-link" href="${attrUrl(links.search(s.query))}" style="color:${C.link};font-weight:600">${s.more} more on ${escapeHtml(hostOf(links.home()))}</a></td></tr>`
      : "";
  return `${sectionHeadHtml(`New for “${s.query}”`, `${n} new ${n === 1 ? "paper" : "papers"} · <a class="pt-link" href="${attrUrl(links.search(s.query))}" style="color:${C.link}">see the search</a>`)}
${s.papers.map((p) => paperHtml(p, null, links)).join("\n")}
${more}`;
}

function alertSectionText(s: AlertSection, links: DigestLinks): string {
  const n = s.papers.length + s.more;
  return [
    `New for “${s.query}” (${n} new ${n === 1 ? "paper" : "papers"})`,
    "",
    s.papers.map((p) => paperText(p, null, links)).join("\n\n"),
    ...(s.more > 0 ? ["", `${s.more} more: ${links.search(s.query)}`] : []),
  ].join("\n");
}

function footerHtml(line: string, links: DigestLinks, slot: Marker): string {
  return `<tr><td class="pt-pad pt-line pt-muted" style="padding:22px 32px 26px;border-top:1px solid ${C.line};font-size:13px;line-height:20px;color:${C.muted}">
<p style="margin:0">${line}</p>
<p style="margin:8px 0 0"><a class="pt-link" href="${attrUrl(links.account())}" style="color:${C.link}">Your saved searches</a> &nbsp;&middot;&nbsp; <a class="pt-link" href="${slot("unsubscribeUrl")}" style="color:${C.link}">Stop alert mails</a></p>
</td></tr>`;
}

type Marker = (name: "unsubscribeUrl" | "manageUrl" | "email") => string;

function paperHtml(
  p: DigestPaper,
  rank: number | null,
  links: DigestLinks,
  because: string | null = null,
): string {
  const page = attrUrl(links.paper(p.id));
  const meta = [
    `<span class="pt-accent" style="color:${C.accent};font-weight:700">▲ ${p.upvotes}</span>`,
    ...(p.category ? [escapeHtml(p.category)] : []),
    escapeHtml(p.id),
  ].join(" &middot; ");
  return `<tr><td class="pt-pad pt-line" style="padding:18px 32px;border-top:1px solid ${C.line}">
<p class="pt-muted" style="margin:0 0 6px;font-size:13px;line-height:18px;color:${C.muted}">${rank !== null ? `<strong class="pt-text" style="color:${C.text}">#${rank}</strong> &middot; ` : ""}${meta}</p>
<h2 style="margin:0;font-size:18px;line-height:24px;font-weight:700"><a class="pt-text" href="${page}" style="color:${C.text};text-decoration:none">${escapeHtml(p.title)}</a></h2>
<p class="pt-muted" style="margin:6px 0 0;font-size:14px;line-height:20px;color:${C.muted}">${escapeHtml(authorLine(p))}</p>${because ? `\n<p class="pt-accent" style="margin:6px 0 0;font-size:13px;line-height:18px;color:${C.accent}">${escapeHtml(because)}</p>` : ""}
<p class="pt-body" style="margin:8px 0 0;font-size:14px;line-height:21px;color:${C.body};overflow:hidden;display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical">${escapeHtml(p.excerpt)}</p>
<p style="margin:10px 0 0;font-size:14px;line-height:20px"><a class="pt-link" href="${page}" style="color:${C.link};text-decoration:none;font-weight:600">Read on ${escapeHtml(hostOf(links.home()))}</a> &nbsp;&middot;&nbsp; <a class="pt-link" href="${attrUrl(links.pdf(p.id))}" style="color:${C.link};text-decoration:none;font-weight:600">PDF</a></p>
</td></tr>`;
}

function digestHtml(
  e: EditionContent,
  site: DigestSite,
  subject: string,
  slot: Marker,
  personal: PersonalContent | null,
): string {
  const { links } = site;
  const kind = e.period.frequency === "daily" ? "Daily digest" : "Weekly digest";
  const heading = digestHeading(e);
  const preheader = e.top
    .slice(0, 3)
    .map((p) => p.title)
    .join(" · ");
  const trending =
    e.trending.length === 0 || personal?.trending === false
      ? ""
      : `<tr><td class="pt-pad pt-line" style="padding:26px 32px 6px;border-top:1px solid ${C.line}"><h1 class="pt-text" style="margin:0;font-size:16px;line-height:22px;color:${C.text}">Also trending</h1></td></tr>
${e.trending.map((p) => paperHtml(p, null, links)).join("\n")}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="x-apple-disable-message-reformatting"><title>${escapeHtml(subject)}</title>
${MAIL_HEAD}</head>
<body class="pt-bg" style="margin:0;padding:0;background:${C.bg};${FONT}">
<div style="display:none;max-height:0;overflow:hidden;mso-hide:all">${escapeHtml(preheader)}</div>
<table role="presentation" class="pt-bg" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:${C.bg}"><tr><td align="center" style="padding:24px 8px">
<table role="presentation" class="pt-container pt-card" width="600" cellpadding="0" cellspacing="0" border="0" style="width:600px;max-width:600px;background:${C.card};border-radius:10px;${FONT}">
<tr><td class="pt-pad" style="padding:26px 32px 18px">
${logoHtml(site.siteName, links.home())}
<p class="pt-accent" style="margin:14px 0 0;font-size:13px;line-height:18px;color:${C.accent};text-transform:uppercase;letter-spacing:0.06em;font-weight:700">${kind}</p>
<h1 class="pt-text" style="margin:8px 0 0;font-size:22px;line-height:28px;color:${C.text}">${escapeHtml(heading)}</h1>
<p class="pt-muted" style="margin:6px 0 0;font-size:14px;line-height:20px;color:${C.muted}">${escapeHtml(topicsLabel(e.topics))} &middot; ranked by community upvotes</p>
</td></tr>
${e.top.map((p, i) => paperHtml(p, i + 1, links)).join("\n")}
${personal ? picksHtml(personal.picks, links) : ""}
${trending}
${personal ? personal.alerts.map((a) => alertSectionHtml(a, links)).join("\n") : ""}
<tr><td class="pt-pad pt-line pt-muted" style="padding:22px 32px 26px;border-top:1px solid ${C.line};font-size:13px;line-height:20px;color:${C.muted}">
<p style="margin:0">You receive the ${e.period.frequency} ${escapeHtml(site.siteName)} digest (${escapeHtml(topicsLabel(e.topics))}) at ${slot("email")}.</p>
<p style="margin:8px 0 0"><a class="pt-link" href="${slot("manageUrl")}" style="color:${C.link}">Change topics or frequency</a> &nbsp;&middot;&nbsp; <a class="pt-link" href="${slot("unsubscribeUrl")}" style="color:${C.link}">Unsubscribe</a></p>
</td></tr>
</table></td></tr></table>
</body></html>
`;
}

function paperText(
  p: DigestPaper,
  rank: number | null,
  links: DigestLinks,
  because: string | null = null,
): string {
  return [
    `${rank !== null ? `${rank}. ` : "- "}${p.title}`,
    `   ${authorLine(p)}`,
    ...(because ? [`   ${because}`] : []),
    `   ▲ ${p.upvotes} upvotes${p.category ? ` · ${p.category}` : ""} · ${p.id}`,
    `   ${p.excerpt}`,
    `   Read: ${links.paper(p.id)}`,
    `   PDF:  ${links.pdf(p.id)}`,
  ].join("\n");
}

function digestText(
  e: EditionContent,
  site: DigestSite,
  slot: Marker,
  personal: PersonalContent | null,
): string {
  const { links } = site;
  const heading = digestHeading(e);
  const lines = [
    `${site.siteName} · ${e.period.frequency === "daily" ? "Daily" : "Weekly"} digest`,
    heading,
    `${topicsLabel(e.topics)} · ranked by community upvotes`,
    "",
    e.top.map((p, i) => paperText(p, i + 1, links)).join("\n\n"),
  ];
  if (personal && personal.picks.length > 0)
    lines.push(
      "",
      "Picked for you",
      "",
      personal.picks.map((p) => paperText(p, null, links, becauseLine(p))).join("\n\n"),
    );
  if (e.trending.length > 0 && personal?.trending !== false)
    lines.push("", "Also trending", "", e.trending.map((p) => paperText(p, null, links)).join("\n\n"));
  for (const a of personal?.alerts ?? []) lines.push("", alertSectionText(a, links));
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
