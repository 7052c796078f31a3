// TeX in titles and abstracts, rendered on the server by KaTeX. Text is split into plain and
// math segments; plain text is HTML-escaped, math goes through KaTeX with untrusted-input
// settings. The result is the only HTML the views inject unescaped.
import katex from "katex";
import { urlSpans } from "./paperLinks.ts";
import { safeHttpUrl } from "./safeUrl.ts";

export type MathSegment =
  | { kind: "text"; text: string }
  | { kind: "math"; tex: string; display: boolean; source: string };

/** HTML that is safe to inject: escaped text and KaTeX output only. */
export interface SafeHtml {
  readonly __html: string;
}

/** Longer formulas are shown as their source: KaTeX cost grows with input, and real ones are short. */
const MAX_TEX_LENGTH = 2000;
/** Past this many formulas in one text, the rest stay source text (bounds the work per text). */
const MAX_MATH_SEGMENTS = 200;
/** Macro expansions allowed per formula: stops `\def` bombs; real abstracts need a handful. */
const MAX_EXPAND = 500;
/** Largest size (em) a formula may ask for, e.g. with \rule or \kern. */
const MAX_SIZE_EM = 10;
/**
 * KaTeX's maxSize caps only positive sizes: a negative \kern, \hspace, \mskip, \raisebox or
 * \rule depth (even built by a macro) moves ink outside the formula's box, over the rest of the
 * page. So the rendered layout is checked: the negative horizontal spacing of a formula may add up
 * to this many em (\! is 0.17 em, so real formulas stay far below), ...
 */
const MAX_NEGATIVE_SPACE_EM = 3;
/** ... no other length may be more negative than this (depths, shifts; vlist offsets excepted) ... */
const MAX_NEGATIVE_LENGTH_EM = MAX_SIZE_EM;
/** ... and no length at all may exceed this (a tall matrix is about 1.2 em per row). */
const MAX_LENGTH_EM = 40;

const WHITESPACE = /\s/;
const DIGIT = /\d/;

/**
 * Splits text at `$...$`, `\(...\)` (inline) and `$$...$$`, `\[...\]` (display). A `$` only opens
 * inline math when followed by a non-space and only closes it when preceded by a non-space and not
 * followed by a digit (the pandoc rule), so prices like "$5 and $10" stay text. `\$` is a literal
 * dollar. Unclosed delimiters are text. Math never spans a blank line.
 */
export function splitMath(input: string): MathSegment[] {
  const segments: MathSegment[] = [];
  let textStart = 0;
  let mathCount = 0;
  let i = 0;
  const pushMath = (start: number, end: number, tex: string, display: boolean) => {
    if (start > textStart) segments.push({ kind: "text", text: input.slice(textStart, start) });
    segments.push({ kind: "math", tex, display, source: input.slice(start, end) });
    textStart = end;
    mathCount++;
  };
  while (i < input.length && mathCount < MAX_MATH_SEGMENTS) {
    const c = input[i];
    if (c === "\\") {
      const next = input[i + 1];
      if (next === "(" || next === "[") {
        const close = next === "(" ? "\\)" : "\\]";
        const end = findClose(input, i + 2, close);
        if (end > 0 && usable(input.slice(i + 2, end))) {
          pushMath(i, end + 2, input.slice(i + 2, end), next === "[");
          i = end + 2;
          continue;
        }
      }
      i += 2; // an escaped character (including \$) never delimits
      continue;
    }
    if (c === "$") {
      if (input[i + 1] === "$") {
        const end = findClose(input, i + 2, "$$");
        if (end > 0 && usable(input.slice(i + 2, end))) {
          pushMath(i, end + 2, input.slice(i + 2, end), true);
          i = end + 2;
        } else {
          i += 2;
        }
        continue;
      }
      const end = WHITESPACE.test(input[i + 1] ?? " ") ? -1 : findInlineDollarClose(input, i + 1);
      if (end > 0 && usable(input.slice(i + 1, end))) {
        pushMath(i, end + 1, input.slice(i + 1, end), false);
        i = end + 1;
        continue;
      }
    }
    i++;
  }
  if (textStart < input.length) segments.push({ kind: "text", text: input.slice(textStart) });
  return segments;
}

function usable(tex: string): boolean {
  return tex.trim().length > 0 && tex.length <= MAX_TEX_LENGTH;
}

/** Index of `close` after `from`, skipping escaped characters; -1 when absent or past a blank line. */
function findClose(s: string, from: number, close: string): number {
  for (let j = from; j < s.length; j++) {
    if (s.startsWith("\n\n", j)) return -1;
    if (s.startsWith(close, j)) return j;
    if (s[j] === "\\") j++;
  }
  return -1;
}

function findInlineDollarClose(s: string, from: number): number {
  for (let j = from; j < s.length; j++) {
    if (s.startsWith("\n\n", j)) return -1;
    const c = s[j];
    if (c === "\\") {
      j++;
      continue;
    }
    if (c === "$" && !WHITESPACE.test(s[j - 1]) && !DIGIT.test(s[j + 1] ?? "")) return j;
  }
  return -1;
}

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** TeX escapes that abstracts use in running text (44.49\%, R\&D, \$5). */
function unescapeTexText(s: string): string {
  return s.replace(/\\([$%&_#])/g, "$1");
}

// KaTeX output is a pure function of (tex, display); abstracts repeat across list pages, so a
// small cache saves most of the rendering work. Map order gives least-recently-inserted eviction.
const CACHE_LIMIT = 5000;
const cache = new Map<string, string>();

/**
 * KaTeX HTML for one formula, with its inline styles moved to data-ks (see moveStylesToData); a
 * formula whose layout is out of bounds (see layoutInBounds) is shown as its escaped source.
 */
export function renderTex(tex: string, display: boolean): string {
  const key = `${display ? "D" : "I"}${tex}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const rendered = moveStylesToData(
    katex.renderToString(tex, {
      displayMode: display,
      throwOnError: false,
      // Untrusted input: no \href, \url, \includegraphics, \htmlClass and the like.
      trust: false,
      strict: "ignore",
      maxExpand: MAX_EXPAND,
      maxSize: MAX_SIZE_EM,
      // A CSS variable so the error colour follows the light/dark theme.
      errorColor: "var(--math-error)",
      output: "htmlAndMathml",
    }),
  );
  // A formula KaTeX cannot parse is shown red, as written; the parser's message (which quotes the
  // input again) is not kept in a title attribute.
  const shown = rendered.replace(/(<span class="katex-error") title="[^"]*"/g, "$1");
  const html = layoutInBounds(shown)
    ? shown
    : `<span class="math-source">${escapeHtml(display ? `$$${tex}$$` : `$${tex}$`)}</span>`;
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, html);
  return html;
}

/**
 * KaTeX positions glyphs with style attributes, which the site's CSP (style-src 'self') blocks.
 * They become data-ks attributes that static/math.js applies through the CSSOM (which CSP allows).
 * KaTeX escapes `"` inside attribute values and text, so ` style="` only occurs as an attribute.
 */
export function moveStylesToData(html: string): string {
  return html.replace(/ style="([^"]*)"/g, ' data-ks="$1"');
}

const STYLE_ATTR = / data-ks="([^"]*)"/g;
const EM_LENGTH = /^(-?\d*\.?\d+)em$/;

/**
 * True when every length KaTeX wrote into the layout (data-ks styles) is within the bounds above.
 * Checking the output rather than the TeX catches sizes however they were spelled (units, macros).
 */
export function layoutInBounds(html: string): boolean {
  let negativeSpace = 0;
  for (const attr of html.matchAll(STYLE_ATTR)) {
    for (const decl of attr[1].split(";")) {
      const colon = decl.indexOf(":");
      if (colon < 0) continue;
      const m = EM_LENGTH.exec(decl.slice(colon + 1).trim());
      if (!m) continue;
      const em = Number(m[1]);
      const prop = decl.slice(0, colon).trim();
      if (Math.abs(em) > MAX_LENGTH_EM) return false;
      if (em >= 0 || prop === "top") continue; // vlist rows are placed with negative tops
      if (prop.startsWith("margin")) {
        negativeSpace -= em;
        if (negativeSpace > MAX_NEGATIVE_SPACE_EM) return false;
      } else if (em < -MAX_NEGATIVE_LENGTH_EM) {
        return false;
      }
    }
  }
  return true;
}

function segmentsToHtml(segments: MathSegment[], inlineOnly: boolean): string {
  return segments
    .map((s) =>
      s.kind === "text" ? escapeHtml(unescapeTexText(s.text)) : renderTex(s.tex, s.display && !inlineOnly),
    )
    .join("");
}

/** Text with its TeX rendered: everything that is not math is escaped. */
export function mathHtml(text: string): SafeHtml {
  return { __html: segmentsToHtml(splitMath(text), false) };
}

/**
 * Text with its TeX rendered and its links clickable (abstracts, arXiv comments): \url{X},
 * \href{X}{label} and bare http(s) or www. addresses outside math become links that pass on no
 * referrer trust (rel="nofollow noopener"); everything else is as mathHtml makes it.
 */
export function mathHtmlWithLinks(text: string): SafeHtml {
  return {
    __html: splitMath(text)
      .map((s) => (s.kind === "text" ? linkedTextHtml(s.text) : renderTex(s.tex, s.display)))
      .join(""),
  };
}

const TEX_LINK = /\\url\s*\{([^{}]*)\}|\\href\s*\{([^{}]*)\}\s*\{([^{}]*)\}/g;

function linkHtml(href: string, label: string): string {
  return `<a href="${escapeHtml(href)}" rel="nofollow noopener">${escapeHtml(label)}</a>`;
}

function linkedTextHtml(raw: string): string {
  let out = "";
  let at = 0;
  for (const m of raw.matchAll(TEX_LINK)) {
    out += bareLinksHtml(raw.slice(at, m.index));
    const target = unescapeTexText(m[1] ?? m[2]).trim();
    const label = unescapeTexText(m[1] ?? m[3]).trim() || target;
    // \href{GitHub}{https://…}: some abstracts swap the two.
    const href = webUrl(target) ?? (m[3] !== undefined ? webUrl(label) : null);
    out += href ? linkHtml(href, label) : escapeHtml(unescapeTexText(m[0]));
    at = m.index + m[0].length;
  }
  return out + bareLinksHtml(raw.slice(at));
}

function webUrl(s: string): string | null {
  return safeHttpUrl(/^www\./i.test(s) ? `https://${s}` : s);
}

function bareLinksHtml(raw: string): string {
  const text = unescapeTexText(raw);
  let out = "";
  let at = 0;
  for (const span of urlSpans(text)) {
    const href = safeHttpUrl(span.url);
    if (!href) continue;
    out += escapeHtml(text.slice(at, span.start)) + linkHtml(href, text.slice(span.start, span.end));
    at = span.end;
  }
  return out + escapeHtml(text.slice(at));
}

/**
 * The start of a text, about `maxChars` visible characters long, cut at a word boundary and never
 * inside a formula; display math is shown inline so previews stay compact.
 */
export function mathPreviewHtml(text: string, maxChars: number): SafeHtml {
  const kept: MathSegment[] = [];
  let used = 0;
  let cut = false;
  for (const s of splitMath(text)) {
    // A formula shows fewer characters than its source (\mathbb{R} is one glyph).
    const cost = s.kind === "text" ? s.text.length : Math.ceil(s.tex.length / 2);
    if (used + cost <= maxChars) {
      kept.push(s);
      used += cost;
      continue;
    }
    if (s.kind === "text") {
      const head = cutAtWord(s.text, maxChars - used);
      if (head) kept.push({ kind: "text", text: head });
    }
    cut = true;
    break;
  }
  if (cut) {
    const last = kept[kept.length - 1];
    if (last?.kind === "text") last.text = last.text.replace(/[\s,;:.(\-–—]+$/, "");
    kept.push({ kind: "text", text: "…" });
  }
  return { __html: segmentsToHtml(kept, true) };
}

function cutAtWord(s: string, max: number): string {
  if (max <= 0) return "";
  const head = s.slice(0, max + 1);
  const space = head.lastIndexOf(" ");
  return space > 0 ? head.slice(0, space) : head.slice(0, max);
}

/** Plain text for <title>, meta descriptions and aria labels: math shows as its TeX source. */
export function plainText(text: string): string {
  return splitMath(text)
    .map((s) => (s.kind === "text" ? unescapeTexText(s.text) : s.tex.trim()))
    .join("")
    .replace(/\s+/g, " ")
    .trim();
}

/** True when the text holds at least one formula. */
export function hasMath(text: string): boolean {
  return splitMath(text).some((s) => s.kind === "math");
}
