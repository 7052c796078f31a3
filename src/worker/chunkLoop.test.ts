// The shared chunk loop of the background work: chunks back to back while they find work, an idle
// wait once one finds none, the end of each run reported once, failures reported and retried, and
// a stop that waits for the chunk in flight.
import assert from "node:assert/strict";
import { test } from "node:test";
import { startChunkLoop } from "./chunkLoop.ts";

async function until(what: string, ok: () => boolean): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (ok()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  assert.fail(`timed out waiting until ${what}`);
}

test("chunks run back to back while they find work; each run's end is told once; then it idles", async () => {
  const work = [3, 2, 1, 0, 0, 0];
  const events: string[] = [];
  const stop = startChunkLoop({
    firstMs: 0,
    idleMs: 60_000,
    chunk: async () => {
      const n = work.shift() ?? 0;
      events.push(`chunk ${n}`);
      return n;
    },
    onRunEnd: () => events.push("end"),
  });
  await until("the run ends", () => events.includes("end"));
  // Idle for a minute now: no further chunk within 100 ms.
  await new Promise((r) => setTimeout(r, 100));
  await stop();
  assert.deepEqual(events, ["chunk 3", "chunk 2", "chunk 1", "chunk 0", "end"]);
});

test("a failed chunk is reported and tried again after the idle wait; the loop goes on", async () => {
  let calls = 0;
  const errors: string[] = [];
  const stop = startChunkLoop({
    firstMs: 0,
    idleMs: 10,
    chunk: async () => {
      calls++;
      if (calls === 1) throw new Error("database is locked");
      return calls === 2 ? 1 : 0;
    },
    onError: (e) => errors.push(e.message),
  });
  await until("three chunks ran", () => calls >= 3);
  await stop();
  assert.deepEqual(errors, ["database is locked"]);
});

test("a chunk held by another process counts as no work; stop waits for the chunk in flight and ends its run", async () => {
  const events: string[] = [];
  let release: (() => void) | null = null;
  let held = true;
  const stop = startChunkLoop({
    firstMs: 0,
    idleMs: 10,
    exclusive: async (work) => (held ? null : work()),
    chunk: async () => {
      events.push("chunk");
      await new Promise<void>((r) => {
        release = r;
      });
      return 5;
    },
    onRunEnd: () => events.push("end"),
  });
  await until("the loop idled while the work was held", () => events.filter((e) => e === "end").length >= 2);
  assert.ok(!events.includes("chunk"));
  held = false;
  await until("a chunk started", () => release !== null);
  const stopping = stop();
  let stopped = false;
  void stopping.then(() => {
    stopped = true;
  });
  await new Promise((r) => setTimeout(r, 30));
  assert.equal(stopped, false, "stop waits for the chunk in flight");
  (release as unknown as () => void)();
  await stopping;
  assert.deepEqual(events.slice(-2), ["chunk", "end"], "the interrupted run is told as ended");
});
