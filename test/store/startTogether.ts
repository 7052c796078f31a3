// Preloaded (`--import`) by the child processes of concurrentStart.test.ts: loads the CLI's
// modules, tells the parent it is ready and waits for its go, so the children reach the
// migrations within milliseconds of each other instead of staggered by their start-up time.
if (process.send) {
  await import("../../src/cli/commands/stats.ts");
  await import("pg");
  const go = new Promise((resolve) => process.once("message", resolve));
  process.send("ready");
  await go;
  process.disconnect();
}
