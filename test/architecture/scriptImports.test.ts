// The scripts run outside the test runner (`npm run screenshots`) load test/support modules to
// start the demo site. Those modules must not register node:test hooks or tests when imported:
// the process would then end with a test report (TAP) on its output.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SCRIPT = path.join(ROOT, "scripts", "screenshots.ts");

/** The project modules a script imports (its relative imports), as absolute paths. */
function localImports(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const specs = [...text.matchAll(/^import\s[^;]*?from\s+"(\.{1,2}\/[^"]+)";/gms)].map((m) => m[1]);
  return specs.map((s) => path.resolve(path.dirname(file), s));
}

test("the modules scripts/screenshots.ts imports load without starting a test run", {
  timeout: 120_000,
}, () => {
  const modules = localImports(SCRIPT);
  assert.ok(
    modules.some((m) => m.includes(`${path.sep}test${path.sep}support${path.sep}`)),
    `found its test/support imports: ${modules.join(", ")}`,
  );
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Not a child of this test run, and on the default (SQLite) stores, as `npm run screenshots` is.
  delete env.NODE_TEST_CONTEXT;
  delete env.PAPERTIDE_TEST_DATABASE;
  const program = modules.map((m) => `await import(${JSON.stringify(pathToFileURL(m).href)});`).join("\n");
  const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "--eval", program], {
    cwd: ROOT,
    env,
    encoding: "utf8",
  });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, "", "nothing printed, in particular no test report");
});
