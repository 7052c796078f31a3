import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { attachmentDisposition } from "./contentDisposition.ts";

/** A Content-Disposition value of one attachment with a quoted ASCII name and an optional filename*. */
const WELL_FORMED = /^attachment; filename="[A-Za-z0-9._-]+"(; filename\*=UTF-8''[A-Za-z0-9%._~!$&+^`|-]+)?$/;

describe("attachmentDisposition", () => {
  it("keeps a plain name as it is", () => {
    assert.equal(attachmentDisposition("reading-list.bib"), 'attachment; filename="reading-list.bib"');
  });

  it("never lets a name end the parameter or the header", () => {
    for (const name of [
      'evil"; filename="payload.exe.bib',
      "a;b,c.bib",
      "line\r\nSet-Cookie: x=1.json",
      "back\\slash.bib",
      "Läseliste – 日本語.json",
      "\u202eflip.bib",
      "../../etc/passwd",
      "",
    ]) {
      const header = attachmentDisposition(name);
      assert.match(header, WELL_FORMED, JSON.stringify(name));
      // Every character fits a header (Latin-1 printable at most: here ASCII only).
      assert.ok(
        [...header].every((c) => c >= " " && c <= "~"),
        header,
      );
    }
  });

  it("keeps the exact name in filename* as UTF-8", () => {
    const header = attachmentDisposition("Läseliste.json");
    assert.equal(header, `attachment; filename="Laseliste.json"; filename*=UTF-8''L%C3%A4seliste.json`);
  });
});
