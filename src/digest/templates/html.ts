// Escaping for the HTML mails. Everything that comes from data (titles, authors, abstracts,
// addresses) goes through escapeHtml; URLs go through attrUrl, which also refuses anything but
// http(s) so imported data can never smuggle a javascript: link into a mail.

import { escapeHtml } from "../../text/math.ts";

export { escapeHtml };

export function attrUrl(url: string): string {
  return /^https?:\/\//i.test(url) ? escapeHtml(url) : "#";
}
