import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { tempStore } from "../../test/support/tempStore.ts";
import { activeLeases, pruneLeases, releaseLease, takeLease } from "./jobLeases.ts";
import { getSyncStatus, lastSyncStatus, recordSyncFailure, recordSyncSuccess } from "./syncRuns.ts";

const t0 = new Date("2026-06-12T10:00:00Z");
const plus = (ms: number) => new Date(t0.getTime() + ms);

describe("job leases", async () => {
  const store = await tempStore();
  after(() => store.cleanup());

  it("give a job to one owner at a time, until the lease runs out", async () => {
    assert.equal(await takeLease(store.db, "digest:daily:2026-06-12", "a", t0, plus(60_000)), true);
    assert.equal(await takeLease(store.db, "digest:daily:2026-06-12", "b", plus(1_000), plus(61_000)), false);
    // The holder renews; the claim time stays the first one.
    assert.equal(await takeLease(store.db, "digest:daily:2026-06-12", "a", plus(30_000), plus(90_000)), true);
    assert.equal(
      await takeLease(store.db, "digest:daily:2026-06-12", "b", plus(89_000), plus(149_000)),
      false,
    );
    const [held] = await activeLeases(store.db, plus(89_000));
    assert.deepEqual(held, {
      job: "digest:daily:2026-06-12",
      owner: "a",
      leaseUntil: plus(90_000).toISOString(),
      claimedAt: t0.toISOString(),
    });
    // "a" stops renewing (killed): once its lease has passed, "b" takes over, and "a" cannot renew.
    assert.equal(
      await takeLease(store.db, "digest:daily:2026-06-12", "b", plus(90_000), plus(150_000)),
      true,
    );
    assert.equal(
      await takeLease(store.db, "digest:daily:2026-06-12", "a", plus(91_000), plus(151_000)),
      false,
    );
    assert.equal((await activeLeases(store.db, plus(91_000)))[0]?.owner, "b");
  });

  it("are released by their holder only, and pruned once long expired", async () => {
    assert.equal(await takeLease(store.db, "sync:arxiv", "a", t0, plus(60_000)), true);
    await releaseLease(store.db, "sync:arxiv", "b");
    assert.equal(await takeLease(store.db, "sync:arxiv", "b", plus(1), plus(60_000)), false);
    await releaseLease(store.db, "sync:arxiv", "a");
    assert.equal(await takeLease(store.db, "sync:arxiv", "b", plus(2), plus(60_000)), true);
    assert.equal(await pruneLeases(store.db, plus(10 * 60_000)), 2);
    assert.deepEqual(await activeLeases(store.db, t0), []);
  });

  it("let exactly one of many simultaneous claimers win", async () => {
    const owners = Array.from({ length: 8 }, (_, i) => `w${i}`);
    const won = await Promise.all(owners.map((o) => takeLease(store.db, "race", o, t0, plus(60_000))));
    assert.equal(won.filter(Boolean).length, 1);
  });
});

describe("sync status", async () => {
  const store = await tempStore();
  after(() => store.cleanup());

  it("keeps the last success, the last error, failures in a row and the lag", async () => {
    assert.deepEqual(await lastSyncStatus(store.db, t0), []);
    const retryAt = (n: number) => plus(n * 60_000);
    assert.equal(await recordSyncFailure(store.db, "arxiv", t0, "HTTP 503", retryAt), 1);
    assert.equal(await recordSyncFailure(store.db, "arxiv", plus(60_000), "HTTP 503 again", retryAt), 2);
    let s = await getSyncStatus(store.db, "arxiv", plus(60_000));
    assert.equal(s?.failures, 2);
    assert.equal(s?.lastError, "HTTP 503 again");
    assert.equal(s?.nextAttemptAt, plus(120_000).toISOString());
    assert.equal(s?.lagSeconds, null);
    await recordSyncSuccess(store.db, "arxiv", plus(120_000), "new 3");
    s = await getSyncStatus(store.db, "arxiv", plus(420_000));
    assert.equal(s?.failures, 0);
    assert.equal(s?.lastSuccessAt, plus(120_000).toISOString());
    assert.equal(s?.lastError, "HTTP 503 again", "the last error stays visible after a recovery");
    assert.equal(s?.lagSeconds, 300);
    assert.equal(s?.nextAttemptAt, null);
    await recordSyncSuccess(store.db, "daily-papers", t0, "featured 30");
    assert.deepEqual(
      (await lastSyncStatus(store.db, plus(420_000))).map((x) => x.source),
      ["arxiv", "daily-papers"],
    );
  });
});
