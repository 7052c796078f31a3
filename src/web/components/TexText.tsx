// Text that may hold TeX math. The HTML comes from math.ts: escaped text plus KaTeX output, the
// only markup the views inject unescaped.
import { mathHtml, mathHtmlWithLinks, mathPreviewHtml } from "../../text/math.ts";

/** `links`: URLs in the text become links (abstracts and comments on a paper's page). */
export function TexText({ text, preview, links }: { text: string; preview?: number; links?: boolean }) {
  const html = preview ? mathPreviewHtml(text, preview) : links ? mathHtmlWithLinks(text) : mathHtml(text);
  return <span class="tex" dangerouslySetInnerHTML={html} />;
}
