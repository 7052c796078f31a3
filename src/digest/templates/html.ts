// Escaping for the HTML mails. Everything that comes from data (titles, authors, abstracts,
// addresses) goes through escapeHtml; URLs go through attrUrl, which also refuses anything but
// http(s) so imported data can never smuggle a javascript: link into a mail.

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

export function attrUrl(url: string): string {
  return /^https?:\/\//i.test(url) ? escapeHtml(url) : "#";
}
