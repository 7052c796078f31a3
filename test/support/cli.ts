// Runs the `papertide` command as a user would (bin/papertide.js in a child process) on a
// throwaway SQLite database in a temporary folder, removed when the test file ends.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after } from "node:test";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface CliRun {
  code: number | null;
  out: string;
  err: string;
}

/** A folder and a database of the test file's own; `papertide(...args)` runs a command on them. */
export function cliSandbox(prefix: string, db = "cli.db") {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const env = { ...process.env, DATABASE_URL: `sqlite:${path.join(dir, db)}`, PAPERTIDE_DATA_DIR: dir };
  const papertide = (...args: string[]): CliRun => {
    const r = spawnSync(process.execPath, [path.join(ROOT, "bin/papertide.js"), ...args], {
      env,
      encoding: "utf8",
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  return { dir, env, papertide };
}
