import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { tempStore } from "../../test/support/tempStore.ts";
import { loadServerSecret } from "../digest/serverSecret.ts";
import { setCursorReader } from "../ingest/sync/arxivHarvester.ts";
import { fixedClock } from "../model/clock.ts";
import { anyValue, getMeta, setMeta } from "./meta.ts";
import { StoredPayloadError } from "./storedPayload.ts";

const at = new Date("2026-06-12T00:00:00Z");

describe("meta values are checked when read back", async () => {
  const store = await tempStore();
  after(() => store.cleanup());

  it("gives back a value of the reader's shape, and null for a missing key", async () => {
    const cursor = {
      set: "cs",
      categories: ["cs.LG"],
      from: "2026-06-01",
      until: null,
      startedOn: "2026-06-12",
      resumptionToken: "page-2",
      pagesDone: 1,
      harvestedUntil: null,
    };
    await setMeta(store.db, "cursor", cursor, at);
    assert.deepEqual(await getMeta(store.db, "cursor", setCursorReader), cursor);
    assert.equal(await getMeta(store.db, "absent", anyValue), null);
  });

  it("names the key of a value that is not JSON or not of the reader's shape", async () => {
    await setMeta(store.db, "bad-cursor", { set: "cs", categories: "cs.LG" }, at);
    await assert.rejects(
      getMeta(store.db, "bad-cursor", setCursorReader),
      (e: Error) =>
        e instanceof StoredPayloadError &&
        e.message === 'meta "bad-cursor": value is not an OAI-PMH harvest cursor',
    );
    await store.db
      .insertInto("meta")
      .values({ key: "broken", value: "{not json", updated_at: at.toISOString() })
      .execute();
    await assert.rejects(getMeta(store.db, "broken", anyValue), /meta "broken": value is not JSON/);
  });

  it("refuses a stored link-signing secret that is not one", async () => {
    const first = await loadServerSecret(store.db, null, fixedClock(at));
    assert.ok(first.length >= 32);
    await store.db
      .updateTable("meta")
      .set({ value: JSON.stringify("short") })
      .where("key", "=", "server_secret")
      .execute();
    await assert.rejects(loadServerSecret(store.db, null, fixedClock(at)), StoredPayloadError);
  });
});
