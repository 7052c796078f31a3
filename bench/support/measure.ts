// Runs a command as a child process and reports its wall time and peak RSS.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface Measured {
  code: number | null;
  seconds: number;
  peakRssBytes: number;
  stdout: string;
  stderr: string;
}

const PRELOAD = path.resolve(path.dirname(new URL(import.meta.url).pathname), "reportPeakRss.ts");

/** `node --import tsx --import <rss reporter> ...args`, timed; killed (SIGKILL) after `maxSeconds` if given. */
export async function measureNode(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  opts: { maxSeconds?: number } = {},
): Promise<Measured> {
  const rssFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bench-rss-")), "rss");
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, ["--import", "tsx", "--import", PRELOAD, ...args], {
    env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => {
    stdout += d;
  });
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  const killer =
    opts.maxSeconds === undefined ? null : setTimeout(() => child.kill("SIGKILL"), opts.maxSeconds * 1000);
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (killer) clearTimeout(killer);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const peakRssBytes = fs.existsSync(rssFile) ? Number(fs.readFileSync(rssFile, "utf8")) : Number.NaN;
  return { code, seconds, peakRssBytes, stdout, stderr };
}

export function machineLine(): string {
  return `${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
