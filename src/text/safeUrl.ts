// Which links from imported or user text may become an href: pages, mail and comments share it.

/** Only http(s) links from imported data become hrefs (never javascript: or data:). */
export function safeHttpUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw.trim());
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}
