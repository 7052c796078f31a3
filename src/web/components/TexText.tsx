// Text that may hold TeX math. The HTML comes from math.ts: escaped text plus KaTeX output, the
// only markup the views inject unescaped.
import { mathHtml, mathPreviewHtml } from "../../text/math.ts";

export function TexText({ text, preview }: { text: string; preview?: number }) {
  return (
    <span class="tex" dangerouslySetInnerHTML={preview ? mathPreviewHtml(text, preview) : mathHtml(text)} />
  );
}
