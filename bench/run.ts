// npm run bench [name ...] — runs the named benchmarks one after the other (all of them when no
// name is given), each in its own process so one's memory does not inflate the next one's peak
// RSS. Arguments after `--` go to every benchmark: `npm run bench search -- --help`.
import { spawnSync } from "node:child_process";
import path from "node:path";

const BENCHES: Record<string, string> = {
  import: "import.ts",
  http: "http.ts",
  search: "search.ts",
  digest: "digest.ts",
  recommend: "recommend.ts",
};

const argv = process.argv.slice(2);
const dash = argv.indexOf("--");
const names = dash >= 0 ? argv.slice(0, dash) : argv;
const passThrough = dash >= 0 ? argv.slice(dash + 1) : [];

if (names.includes("--help") || names.includes("-h")) {
  console.log(`usage: npm run bench [${Object.keys(BENCHES).join("|")} ...] [-- args]`);
  process.exit(0);
}
const unknown = names.filter((n) => !(n in BENCHES));
if (unknown.length > 0) {
  console.error(`unknown benchmark: ${unknown.join(", ")} (known: ${Object.keys(BENCHES).join(", ")})`);
  process.exit(2);
}

const dir = path.dirname(new URL(import.meta.url).pathname);
let failed = 0;
for (const name of names.length > 0 ? names : Object.keys(BENCHES)) {
  console.log(`\n== bench ${name}`);
  const run = spawnSync(
    process.execPath,
    ["--import", "tsx", path.join(dir, BENCHES[name]), ...passThrough],
    {
      stdio: "inherit",
    },
  );
  if (run.status !== 0) {
    console.error(`bench ${name} failed (exit ${run.status ?? run.signal})`);
    failed++;
  }
}
process.exit(failed > 0 ? 1 : 0);
