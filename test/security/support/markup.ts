// Tag-level checks of HTML the site serves: the page is split into its tags and attributes the
// way a browser's tokenizer would see them, so an escaped payload ("&lt;script&gt;") passes and
// an injected one (a <script> tag, an on* handler, a javascript: link) fails, wherever it lands
// (text, attribute, <title>, <textarea>).

export interface Tag {
  name: string;
  attrs: [string, string][];
  /** Where it starts in the page (for messages). */
  at: number;
}

const TAG =
  /<([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
const ATTR = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

export function tagsOf(html: string): Tag[] {
  const tags: Tag[] = [];
  for (const m of html.matchAll(TAG)) {
    const attrs: [string, string][] = [];
    for (const a of (m[2] ?? "").matchAll(ATTR)) {
      attrs.push([a[1].toLowerCase(), decodeEntities(a[2] ?? a[3] ?? a[4] ?? "")]);
    }
    tags.push({ name: m[1].toLowerCase(), attrs, at: m.index ?? 0 });
  }
  return tags;
}

const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  colon: ":",
  tab: "\t",
  newline: "\n",
  nbsp: "\u00a0",
};

/** The character references HTML (and XML) text may use, decoded. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);?/gi, (all, ref: string) => {
    if (ref[0] === "#") {
      const code =
        ref[1] === "x" || ref[1] === "X" ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    return NAMED[ref.toLowerCase()] ?? all;
  });
}

const URL_ATTRS = new Set(["href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc"]);

/** Problems that would let markup from a user run script: empty when the page is inert. */
export function scriptableMarkup(html: string): string[] {
  const problems: string[] = [];
  for (const t of tagsOf(html)) {
    const where = `<${t.name}> at ${t.at}: ${html.slice(t.at, t.at + 120)}`;
    const src = t.attrs.find(([k]) => k === "src")?.[1] ?? "";
    // The site's own scripts are files under /static/ (the CSP forbids inline script).
    if (t.name === "script" && !src.startsWith("/static/")) problems.push(`a script tag: ${where}`);
    if (["iframe", "object", "embed", "base", "frame"].includes(t.name))
      problems.push(`an embedding tag: ${where}`);
    if (t.name === "meta" && t.attrs.some(([k, v]) => k === "content" && /url\s*=\s*javascript/i.test(v)))
      problems.push(`a refresh to a script URL: ${where}`);
    for (const [k, v] of t.attrs) {
      if (k.startsWith("on")) problems.push(`an event handler attribute ${k}: ${where}`);
      if (URL_ATTRS.has(k)) {
        // Browsers drop control characters and white space inside the scheme.
        // biome-ignore lint/suspicious/noControlCharactersInRegex: dropping control characters is the point
        const scheme = v.replace(/[\u0000-\u0020\u007f-\u009f]/g, "").toLowerCase();
        if (/^(javascript|vbscript|data:text\/html)/.test(scheme) || (k === "srcdoc" && v))
          problems.push(`a script URL in ${k}: ${where}`);
      }
    }
  }
  return problems;
}
