import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { tempStore } from "../../test/support/tempStore.ts";
import { fixedClock } from "../model/clock.ts";
import { activeLeases, takeLease } from "../store/jobLeases.ts";
import { runLeased } from "./leasedJob.ts";

describe("a leased job", async () => {
  const store = await tempStore();
  after(() => store.cleanup());
  let now = Date.parse("2026-06-12T10:00:00Z");
  const clock = fixedClock(() => new Date(now));
  const ctx = (owner: string, leaseMs = 60_000) => ({ db: store.db, clock, owner, leaseMs });

  it("runs when nobody holds it, and is given up when done", async () => {
    const outcome = await runLeased(ctx("a"), "job-1", async () => {
      assert.equal((await activeLeases(store.db, clock.now()))[0]?.owner, "a");
      return 42;
    });
    assert.deepEqual(outcome, { ran: true, value: 42 });
    assert.deepEqual(await activeLeases(store.db, clock.now()), []);
  });

  it("is given up when the work fails too, so another process may try", async () => {
    await assert.rejects(
      runLeased(ctx("a"), "job-2", async () => {
        throw new Error("boom");
      }),
      /boom/,
    );
    assert.deepEqual(await runLeased(ctx("b"), "job-2", async () => "b ran"), { ran: true, value: "b ran" });
  });

  it("does not run while another process holds it", async () => {
    await takeLease(store.db, "job-3", "b", clock.now(), new Date(now + 60_000));
    let ran = false;
    const outcome = await runLeased(ctx("a"), "job-3", async () => {
      ran = true;
    });
    assert.deepEqual(outcome, { ran: false });
    assert.equal(ran, false);
  });

  it("tells the work to stop when its lease was taken over (the process stalled past it)", async () => {
    const outcome = await runLeased(ctx("a", 300), "job-4", async (signal) => {
      // The process stalls: its lease runs out and another process takes the job.
      now += 301;
      assert.equal(await takeLease(store.db, "job-4", "b", clock.now(), new Date(now + 60_000)), true);
      // The next renewal (every third of the lease) finds the job gone. The renewal timer does
      // not hold the process open (a worker exits when its work is done), so this wait does.
      await new Promise<void>((resolve, reject) => {
        const never = setTimeout(() => reject(new Error("the lost lease was never signalled")), 5_000);
        signal.addEventListener(
          "abort",
          () => {
            clearTimeout(never);
            resolve();
          },
          { once: true },
        );
      });
      return signal.reason as Error;
    });
    assert.ok(outcome.ran);
    assert.match(outcome.value.message, /lost the lease on job-4/);
    // The new holder keeps it: the old one does not release what it no longer holds.
    assert.equal((await activeLeases(store.db, clock.now()))[0]?.owner, "b");
  });
});
