// The Markdown subset of comments: paragraphs, *emphasis*, **strong**, `code`, fenced code
// blocks, [links](https://...) (http and https only), "- " and "1. " lists, "> " quotes, and
// math ($...$, $$...$$) rendered by the site's KaTeX helper.
//
// Safe by construction: the text is parsed into a tree whose leaves are plain strings, and HTML
// is produced only by renderMarkdown below, which escapes every string it writes and emits a
// fixed set of tags. No HTML from the input is ever passed through, so there is nothing to
// sanitize afterwards.
import { escapeHtml, renderTex, splitMath } from "./math.ts";
import { safeHttpUrl } from "./safeUrl.ts";

export type Inline =
  | { t: "text"; v: string }
  | { t: "code"; v: string }
  | { t: "math"; tex: string; display: boolean }
  | { t: "em" | "strong"; children: Inline[] }
  | { t: "link"; href: string; children: Inline[] };

export type Block =
  | { t: "p"; inline: Inline[] }
  | { t: "ul" | "ol"; items: Inline[][] }
  | { t: "quote"; blocks: Block[] }
  | { t: "pre"; v: string };

export const MAX_COMMENT_LENGTH = 10_000;
const MAX_QUOTE_DEPTH = 5;

const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const ORDERED = /^\s{0,3}\d{1,9}[.)]\s+(.*)$/;
const QUOTE = /^\s{0,3}>\s?(.*)$/;
const FENCE = /^\s{0,3}```/;

export function parseMarkdown(src: string, depth = 0): Block[] {
  const lines = src.replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === "") {
      i++;
      continue;
    }
    if (FENCE.test(line)) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !FENCE.test(lines[i])) body.push(lines[i++]);
      i++; // the closing fence (or the end)
      blocks.push({ t: "pre", v: body.join("\n") });
      continue;
    }
    if (QUOTE.test(line) && depth < MAX_QUOTE_DEPTH) {
      const body: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i]))
        body.push((QUOTE.exec(lines[i++]) as RegExpExecArray)[1]);
      blocks.push({ t: "quote", blocks: parseMarkdown(body.join("\n"), depth + 1) });
      continue;
    }
    const list = BULLET.test(line) ? BULLET : ORDERED.test(line) ? ORDERED : null;
    if (list) {
      const items: Inline[][] = [];
      while (i < lines.length && list.test(lines[i])) {
        let text = (list.exec(lines[i]) as RegExpExecArray)[1];
        i++;
        // Indented lines continue the item.
        while (i < lines.length && /^\s{2,}\S/.test(lines[i]) && !list.test(lines[i]))
          text += `\n${lines[i++].trim()}`;
        items.push(parseInline(text));
      }
      blocks.push({ t: list === BULLET ? "ul" : "ol", items });
      continue;
    }
    // The first line always belongs to the paragraph (e.g. a quote marker past the depth limit),
    // so every turn of the loop consumes input.
    const para: string[] = [lines[i++]];
    while (
      i < lines.length &&
      lines[i].trim() !== "" &&
      !FENCE.test(lines[i]) &&
      !QUOTE.test(lines[i]) &&
      !BULLET.test(lines[i]) &&
      !ORDERED.test(lines[i])
    ) {
      para.push(lines[i++]);
    }
    blocks.push({ t: "p", inline: parseInline(para.join("\n")) });
  }
  return blocks;
}

/** Code spans first (nothing inside them is markup), then math, then links and emphasis. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  const code = /`([^`\n]+)`/g;
  let last = 0;
  for (const m of text.matchAll(code)) {
    out.push(...mathAndText(text.slice(last, m.index)));
    out.push({ t: "code", v: m[1] });
    last = (m.index as number) + m[0].length;
  }
  out.push(...mathAndText(text.slice(last)));
  return out;
}

function mathAndText(text: string): Inline[] {
  if (!text) return [];
  return splitMath(text).flatMap((s): Inline[] =>
    s.kind === "math" ? [{ t: "math", tex: s.tex, display: s.display }] : linksAndEmphasis(s.text),
  );
}

const LINK = /\[([^\]\n]{1,300})\]\(([^()\s]{1,2000})\)/;
const STRONG = /\*\*([^*\n](?:[^\n]*?[^*\n])?)\*\*/;
const EM = /(?<![\w*])([*_])([^\s*_](?:[^\n]*?[^\s*_])?)\1(?![\w*])/;

function linksAndEmphasis(text: string): Inline[] {
  if (!text) return [];
  // The earliest construct wins; text before it is plain, the rest is parsed again.
  const candidates = [
    { re: LINK, kind: "link" as const },
    { re: STRONG, kind: "strong" as const },
    { re: EM, kind: "em" as const },
  ]
    .map((c) => ({ ...c, m: c.re.exec(text) }))
    .filter((c): c is typeof c & { m: RegExpExecArray } => c.m !== null)
    .sort((a, b) => a.m.index - b.m.index);
  const first = candidates[0];
  if (!first) return [{ t: "text", v: text }];
  const { m } = first;
  const before: Inline[] = m.index > 0 ? [{ t: "text", v: text.slice(0, m.index) }] : [];
  const after = linksAndEmphasis(text.slice(m.index + m[0].length));
  if (first.kind === "link") {
    const href = safeHttpUrl(m[2]);
    // Only http(s) targets become links; anything else (javascript:, data:) stays as text.
    const node: Inline[] = href
      ? [{ t: "link", href, children: linksAndEmphasis(m[1]) }]
      : [{ t: "text", v: m[0] }];
    return [...before, ...node, ...after];
  }
  const inner = first.kind === "strong" ? m[1] : m[2];
  return [...before, { t: first.kind, children: linksAndEmphasis(inner) }, ...after];
}

function inlineHtml(nodes: Inline[]): string {
  return nodes.map(inlineNodeHtml).join("");
}

function inlineNodeHtml(n: Inline): string {
  switch (n.t) {
    case "text":
      return escapeHtml(n.v).replace(/\n/g, "<br>");
    case "code":
      return `<code>${escapeHtml(n.v)}</code>`;
    case "math":
      return renderTex(n.tex, n.display);
    case "em":
      return `<em>${inlineHtml(n.children)}</em>`;
    case "strong":
      return `<strong>${inlineHtml(n.children)}</strong>`;
    case "link":
      return `<a href="${escapeHtml(n.href)}" rel="nofollow noopener ugc">${inlineHtml(n.children)}</a>`;
  }
}

function blocksHtml(blocks: Block[]): string {
  return blocks.map(blockHtml).join("");
}

function blockHtml(b: Block): string {
  switch (b.t) {
    case "p":
      return `<p>${inlineHtml(b.inline)}</p>`;
    case "ul":
    case "ol":
      return `<${b.t}>${b.items.map((it) => `<li>${inlineHtml(it)}</li>`).join("")}</${b.t}>`;
    case "quote":
      return `<blockquote>${blocksHtml(b.blocks)}</blockquote>`;
    case "pre":
      return `<pre><code>${escapeHtml(b.v)}</code></pre>`;
  }
}

/** Comment source -> HTML that is safe to inject (see the header). */
export function renderMarkdown(src: string): { __html: string } {
  return { __html: blocksHtml(parseMarkdown(src.slice(0, MAX_COMMENT_LENGTH))) };
}
