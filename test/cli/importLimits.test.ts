// `papertide import` on hostile files, as a script sees it: a gzip bomb is a clear one-line
// failure that keeps what came before it; the stream limits are settings.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { gzipSync } from "node:zlib";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "papertide-limits-cli-"));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function papertide(db: string, extraEnv: Record<string, string>, ...args: string[]) {
  const env = {
    ...process.env,
    DATABASE_URL: `sqlite:${path.join(dir, db)}`,
    PAPERTIDE_DATA_DIR: dir,
    ...extraEnv,
  };
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin/papertide.js"), ...args], {
    env,
    encoding: "utf8",
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const paper = (n: number) =>
  JSON.stringify({
    id: `2501.${String(n).padStart(5, "0")}`,
    title: `Paper ${n}`,
    abstract: "A.",
    authors: "A. Author",
    categories: "cs.LG",
    versions: [{ version: "v1", created: "Mon, 6 Jan 2025 00:00:00 GMT" }],
  });

test("a gzip bomb ends the import with a clear error, exit 1, and the papers before it stored", () => {
  const mib = gzipSync(Buffer.alloc(1 << 20, " "), { level: 9 });
  const parts = [gzipSync(`${paper(1)}\n${paper(2)}\n{"id":"2501.00003","title":"`)];
  for (let i = 0; i < 600; i++) parts.push(mib);
  parts.push(gzipSync(`"}\n${paper(4)}\n`));
  const file = path.join(dir, "bomb.jsonl.gz");
  fs.writeFileSync(file, Buffer.concat(parts));
  const r = papertide("bomb.db", {}, "import", file);
  assert.equal(r.code, 1, r.err);
  assert.doesNotMatch(r.err, /\n\s+at |RangeError/);
  assert.match(r.err, /bomb\.jsonl\.gz: decompressed [\d,]+ bytes from [\d,]+ compressed, more than 50 to 1/);
  assert.match(r.err, /stopped; before it: read 2, new 2, .* \(those are stored\)/);
  const stats = papertide("bomb.db", {}, "stats", "--json");
  assert.equal(JSON.parse(stats.out).papers, 2);
});

test("the line limit is a setting; a bad value is a usage error", () => {
  const file = path.join(dir, "long.jsonl");
  fs.writeFileSync(file, `${paper(1)}\n${paper(2).replace("A.", "A".repeat(5_000))}\n${paper(3)}\n`);
  const r = papertide("long.db", { PAPERTIDE_IMPORT_MAX_LINE_BYTES: "1000" }, "import", file);
  assert.equal(r.code, 3, r.err);
  assert.match(r.out, /read 3, new 2, updated 0, unchanged 0, rejected 1/);
  assert.match(r.err, /long\.jsonl:2 \(2501\.00002\): line is 5,\d{3} bytes, over the limit of 1,000 bytes/);
  const bad = papertide("long.db", { PAPERTIDE_IMPORT_MAX_LINE_BYTES: "lots" }, "import", file);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /PAPERTIDE_IMPORT_MAX_LINE_BYTES must be a whole number above 0, got "lots"/);
});
