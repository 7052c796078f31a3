// Preloaded into a benchmarked child process (`node --import ./bench/support/reportPeakRss.ts`):
// on exit, writes the process's peak resident set size (bytes) to $BENCH_RSS_FILE.
import fs from "node:fs";

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on("exit", () => {
    fs.writeFileSync(file, String(process.resourceUsage().maxRSS * 1024));
  });
}
