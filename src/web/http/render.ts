// Turns a page component into a complete HTML document and sends it.
import type { FastifyReply } from "fastify";
import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { katexCssUrl } from "./assets.ts";

/** What KaTeX's output starts with (src/text/math.ts); escaped text can never contain it. */
const KATEX_OUTPUT = '<span class="katex">';
const FIRST_STYLESHEET = '<link rel="stylesheet"';

export function renderDocument(page: VNode): string {
  return `<!doctype html>${withMathStyles(renderToString(page))}`;
}

/**
 * KaTeX's stylesheet (24 KB, and through it the fonts) blocks the first paint, so it is linked
 * only from pages that show a formula. Whether one does is known once the page is rendered, so
 * the link is added then, before the site's own stylesheets (which adjust KaTeX's).
 */
function withMathStyles(html: string): string {
  if (!html.includes(KATEX_OUTPUT)) return html;
  return html.replace(
    FIRST_STYLESHEET,
    `<link rel="stylesheet" href="${katexCssUrl()}"/>${FIRST_STYLESHEET}`,
  );
}

export function sendPage(reply: FastifyReply, status: number, page: VNode): FastifyReply {
  return reply.code(status).type("text/html; charset=utf-8").send(renderDocument(page));
}
