// The site's look in mail: the colours of src/web/static/app.css (its blue accent, light and
// dark), the logo, and what makes a mail readable in dark mode. Mail clients drop external CSS,
// block remote images and most drop SVG and data: images, so the logo is drawn with a table
// cell (the blue tile and the site's wave, as text), every colour is inline, and the one <style>
// block only repaints the colour roles (pt-bg, pt-text…) for clients that honour
// prefers-color-scheme; clients that invert colours themselves get colours that invert well.
import { attrUrl, escapeHtml } from "./html.ts";

export const FONT =
  "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

/** Light: app.css :root (accent #3451d1, text-2 and text-3 for body and muted text). */
export const C = {
  bg: "#f6f7fb",
  card: "#ffffff",
  text: "#111827",
  muted: "#5a6577",
  body: "#404b5e",
  line: "#e2e7ef",
  link: "#3451d1",
  accent: "#3451d1",
  onAccent: "#ffffff",
} as const;

/** Dark: app.css's dark palette. */
const DARK = {
  bg: "#0b0f1a",
  card: "#121827",
  text: "#e8ecf4",
  muted: "#939eb1",
  body: "#b4bdcc",
  line: "#232d41",
  link: "#8ea2ff",
  accent: "#8ea2ff",
} as const;

/** What goes in <head>: both schemes declared, the dark repaint, the narrow-screen padding. */
export const MAIL_HEAD = `<meta name="color-scheme" content="light dark"><meta name="supported-color-schemes" content="light dark">
<style>:root{color-scheme:light dark;supported-color-schemes:light dark}@media only screen and (max-width:620px){.pt-container{width:100%!important}.pt-pad{padding-left:16px!important;padding-right:16px!important}}@media (prefers-color-scheme:dark){.pt-bg{background:${DARK.bg}!important}.pt-card{background:${DARK.card}!important}.pt-text{color:${DARK.text}!important}.pt-body{color:${DARK.body}!important}.pt-muted{color:${DARK.muted}!important}.pt-link{color:${DARK.link}!important}.pt-accent{color:${DARK.accent}!important}.pt-line{border-color:${DARK.line}!important}.pt-button{background:${DARK.accent}!important;color:${DARK.bg}!important}}</style>`;

/**
 * The site's mark and name, linking home: a blue rounded tile with the wave of the logo
 * (favicon.svg) as a character, so it shows without images in every client.
 */
export function logoHtml(siteName: string, home: string): string {
  return `<table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr>
<td class="pt-logo" width="30" height="30" align="center" valign="middle" aria-hidden="true" style="width:30px;height:30px;background:${C.accent};border-radius:9px;color:${C.onAccent};font-size:22px;line-height:30px;font-weight:700;mso-line-height-rule:exactly">&#8776;</td>
<td style="padding-left:10px;font-size:18px;line-height:30px;font-weight:800;letter-spacing:-0.01em"><a class="pt-text" href="${attrUrl(home)}" style="color:${C.text};text-decoration:none">${escapeHtml(siteName)}</a></td>
</tr></table>`;
}
