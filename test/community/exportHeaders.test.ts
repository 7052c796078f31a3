// Collection exports name their file after the collection's stored slug; whatever that slug
// holds, the Content-Disposition header stays one well-formed attachment with a safe name.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type Harness, startHarness } from "../accounts/support/harness.ts";
import { addCollection } from "../support/factories.ts";

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

const WELL_FORMED = /^attachment; filename="[A-Za-z0-9._-]+"(; filename\*=UTF-8''[A-Za-z0-9%._~!$&+^`|-]+)?$/;

describe("export file names", () => {
  it("keep the header well-formed for any stored slug", async () => {
    const owner = await h.userWithBrowser({ handle: "exporter" });
    const slugs = ['evil"; filename="payload.exe', "läse-liste-日本", "a;b,c"];
    for (const [i, slug] of slugs.entries()) {
      const id = `col-export-${i}`;
      await addCollection(h.store.db, { id, userId: owner.id, slug, name: `List ${i}`, isPublic: true });
      for (const file of ["export.bib", "export.json"]) {
        const res = await h.browser().get(`/collections/${id}/${file}`);
        assert.equal(res.status, 200, `${slug} ${file}`);
        const header = res.headers.get("content-disposition") ?? "";
        assert.match(header, WELL_FORMED, `${slug} ${file}: ${header}`);
        assert.ok(header.includes(file.slice(file.indexOf("."))), header);
      }
    }
  });
});
