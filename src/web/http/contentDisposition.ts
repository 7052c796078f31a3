// Content-Disposition for downloads (RFC 6266): the file name comes from stored data (a
// collection's slug), so it is never pasted into the header as it is. The plain `filename` is
// reduced to letters, digits, ".", "-" and "_" (no quote, semicolon or control character can end
// the parameter or the header); the exact name, when it differs, goes in `filename*` as
// percent-encoded UTF-8, which every current browser prefers.

const SAFE_NAME = /[^A-Za-z0-9._-]+/g;
const MAX_NAME = 100;

export function attachmentDisposition(filename: string, fallback = "download"): string {
  // Control characters dropped (they have no place in a file name).
  const exact = Array.from(filename)
    .filter((c) => c >= " " && c !== "\u007f")
    .join("")
    .slice(0, MAX_NAME);
  const plain =
    exact
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(SAFE_NAME, "-")
      .replace(/^[-.]+/, "") || fallback;
  const header = `attachment; filename="${plain}"`;
  return exact === plain || exact === "" ? header : `${header}; filename*=UTF-8''${encodeRfc5987(exact)}`;
}

/** RFC 5987 value characters: percent-encoded UTF-8 except attr-char. */
function encodeRfc5987(s: string): string {
  return encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
