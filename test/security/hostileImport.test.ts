// Hostile files through `papertide import`, as an operator would run it on a file from elsewhere:
// a truncated gzip, binary garbage, JSON records that are not objects, deeply nested JSON, XML
// entity bombs and external entities in the Atom and OAI formats, a line of megabytes. Each ends
// with a clear message or per-record rejections and a meaningful exit code, never a stack trace,
// and the papers imported before are still there, unchanged. Each import runs on its own copy of
// a database seeded with two papers, so the cases run side by side.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import zlib from "node:zlib";
import Database from "better-sqlite3";
import { SHARED } from "../support/shared.ts";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "papertide-hostile-import-"));
const seeded = path.join(dir, "seeded.db");
after(() => fs.rmSync(dir, { recursive: true, force: true }));

async function papertide(dbFile: string, ...args: string[]) {
  const child = spawn(process.execPath, [path.join(ROOT, "bin/papertide.js"), ...args], {
    env: { ...process.env, DATABASE_URL: `sqlite:${dbFile}`, PAPERTIDE_DATA_DIR: dir },
  });
  let out = "";
  let err = "";
  child.stdout.setEncoding("utf8").on("data", (c: string) => {
    out += c;
  });
  child.stderr.setEncoding("utf8").on("data", (c: string) => {
    err += c;
  });
  const [code] = (await once(child, "close")) as [number | null];
  return { code, out, err };
}

const record = (id: string, title: string) =>
  JSON.stringify({
    id,
    title,
    abstract: "An abstract.",
    authors: "A. B",
    categories: "cs.LG",
    versions: [{ version: "v1", created: "Mon, 6 Jan 2025 00:00:00 GMT" }],
  });

/** id -> title of every paper in a database file. */
function storedPapers(dbFile: string): Map<string, string> {
  const db = new Database(dbFile, { readonly: true });
  try {
    const rows = db.prepare("SELECT id, title, abstract FROM papers").all() as {
      id: string;
      title: string;
      abstract: string;
    }[];
    return new Map(rows.map((r) => [r.id, `${r.title}\n${r.abstract}`]));
  } finally {
    db.close();
  }
}

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

const STACK = /\n\s+at .+:\d+|node_modules|\.ts:\d+/;

let original: Map<string, string>;

before(async () => {
  const file = write("good.jsonl", `${record("2501.00001", "Alpha")}\n${record("2501.00002", "Beta")}\n`);
  const r = await papertide(seeded, "import", file, "--quiet");
  assert.equal(r.code, 0, r.err);
  original = storedPapers(seeded);
  assert.equal(original.size, 2);
});

let copies = 0;

/**
 * Imports `file` into a copy of the seeded database and checks what every hostile file must
 * leave behind: an exit code among `codes` (1 failed, 2 bad usage, 3 some records rejected; 0
 * only where the file is harmless once read safely), no stack trace, the two papers unchanged.
 */
async function importHostile(file: string, flags: string[] = [], codes = [1, 2, 3]) {
  const db = path.join(dir, `case-${++copies}.db`);
  fs.copyFileSync(seeded, db);
  const r = await papertide(db, "import", file, ...flags);
  const where = `${path.basename(file)} (exit ${r.code})\n${r.err.slice(0, 2000)}`;
  assert.ok(r.code !== null && codes.includes(r.code), `a meaningful exit code: ${where}`);
  assert.doesNotMatch(r.err, STACK, `no stack trace: ${where}`);
  assert.doesNotMatch(r.out, STACK, `no stack trace: ${where}`);
  const papers = storedPapers(db);
  for (const [id, text] of original) assert.equal(papers.get(id), text, `${id} is still stored unchanged`);
  return { ...r, papers };
}

const atomDoc = (title: string) =>
  fs
    .readFileSync(path.join(SHARED, "fixtures/arxiv-api/query-transformer.xml"), "utf8")
    .replace(/^<\?xml[^>]*>\s*/, "")
    .replace("<title>Mana:", `<title>${title} Mana:`);
const oaiDoc = (title: string) =>
  fs
    .readFileSync(path.join(SHARED, "fixtures/arxiv-oai/listrecords.xml"), "utf8")
    .replace(/^<\?xml[^>]*>\s*/, "")
    .replace("<title>A Kochen", `<title>${title} A Kochen`);

describe("hostile import files", { concurrency: true }, () => {
  it("a truncated gzip: a clear message, exit 1, the records before the cut kept", async () => {
    const lines = Array.from({ length: 2000 }, (_, k) =>
      record(`2502.${String(k + 1).padStart(5, "0")}`, `Paper ${k}`),
    );
    const gz = zlib.gzipSync(`${lines.join("\n")}\n`);
    const file = write("cut.jsonl.gz", gz.subarray(0, Math.floor(gz.length / 2)));
    const r = await importHostile(file, ["--format", "arxiv-snapshot"]);
    assert.equal(r.code, 1);
    assert.match(r.err, /truncat|unexpected end|incomplete|corrupt/i);
  });

  it("binary garbage: the format cannot be told (exit 2); forced, every line is rejected (exit 3); behind a gzip header, refused (exit 1)", async () => {
    const garbage = Buffer.from(Array.from({ length: 64 * 1024 }, (_, k) => (k * 7919 + 13) % 256));
    const file = write("garbage.bin", garbage);
    const gzipped = write(
      "garbage.jsonl.gz",
      Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), garbage]),
    );
    const [unknown, forced, asGzip] = await Promise.all([
      importHostile(file),
      importHostile(file, ["--format", "arxiv-snapshot"]),
      importHostile(gzipped, ["--format", "arxiv-snapshot"]),
    ]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /cannot tell the format/);
    assert.equal(forced.code, 3);
    assert.match(forced.err, /garbage\.bin:1: not valid JSON/);
    assert.equal(forced.papers.size, original.size, "no paper made of garbage");
    assert.equal(asGzip.code, 1);
    assert.match(asGzip.err, /gzip|compress|header|corrupt|invalid/i);
    assert.equal(asGzip.papers.size, original.size);
  });

  it("JSON records that are lists, numbers, strings or null are rejected one by one (exit 3)", async () => {
    const lines = ["[1,2,3]", "42", "null", '"a string"', "true", "{}", record("2503.00001", "Gamma")];
    const r = await importHostile(write("shapes.jsonl", `${lines.join("\n")}\n`), [
      "--format",
      "arxiv-snapshot",
    ]);
    assert.equal(r.code, 3);
    assert.match(r.out, /read 7, new 1, updated 0, unchanged 0, rejected 6/);
    for (const line of [1, 2, 3, 4, 5, 6]) assert.match(r.err, new RegExp(`shapes\\.jsonl:${line}: `));
    assert.equal(r.papers.get("2503.00001"), "Gamma\nAn abstract.");
  });

  it("deeply nested JSON is rejected as a record (JSONL) or as a document (daily-papers), and the import goes on", async () => {
    const deepList = `${"[".repeat(200_000)}${"]".repeat(200_000)}`;
    const deepId = `{"id":${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}}`;
    const lines = [deepList, deepId, record("2503.00002", "Delta")];
    const [jsonl, doc] = await Promise.all([
      importHostile(write("deep.jsonl", `${lines.join("\n")}\n`), ["--format", "arxiv-snapshot"]),
      importHostile(write("deep.json", `[{"paper":${deepId}}]`), ["--format", "daily-papers"]),
    ]);
    assert.equal(jsonl.code, 3);
    assert.match(jsonl.err, /deep\.jsonl:1: not a JSON object/);
    assert.match(jsonl.err, /deep\.jsonl:2: missing or invalid arXiv id \(?an object/);
    assert.equal(jsonl.papers.get("2503.00002"), "Delta\nAn abstract.");
    assert.equal(doc.code, 3);
    assert.match(doc.err, /deep\.json\[0\]: missing or invalid paper\.id an object/);
  });

  it("XML entity bombs in the Atom and OAI formats are refused or left unexpanded, quickly", async () => {
    // Billion laughs: ten levels of ten references each (10^10 "lol"s if expanded).
    const laughs = Array.from({ length: 10 }, (_, k) => `<!ENTITY lol${k + 1} "${`&lol${k};`.repeat(10)}">`);
    const billion = (root: string, doc: string) =>
      `<?xml version="1.0"?>\n<!DOCTYPE ${root} [\n<!ENTITY lol0 "lol">\n${laughs.join("\n")}\n]>\n${doc}`;
    // Quadratic blow-up: one flat entity of 900 characters referenced 50,000 times (45 MB).
    const quadratic = (root: string, doc: string) =>
      `<?xml version="1.0"?>\n<!DOCTYPE ${root} [<!ENTITY big "${"x".repeat(900)}">]>\n${doc}`;
    const many = "&big;".repeat(50_000);
    const cases: [string, string, string, number[]][] = [
      // Nested references are never expanded: the file imports with the reference as text.
      ["laughs-atom.xml", billion("feed", atomDoc("&lol10;")), "arxiv-api", [0, 1, 3]],
      ["laughs-oai.xml", billion("OAI-PMH", oaiDoc("&lol10;")), "arxiv-oai", [0, 1, 3]],
      // Flat expansion is capped: the document (or its record) is refused and says why.
      ["quadratic-oai.xml", quadratic("OAI-PMH", oaiDoc(many)), "arxiv-oai", [1, 3]],
    ];
    const started = Date.now();
    const results = await Promise.all(
      cases.map(([name, content, format, codes]) =>
        importHostile(write(name, content), ["--format", format], codes),
      ),
    );
    assert.ok(Date.now() - started < 30_000, "the bombs are read without expanding");
    results.forEach((r, k) => {
      const name = cases[k][0];
      if (r.code !== 0) assert.match(r.err, /entit|expan/i, `${name}: the message names the entities`);
      for (const text of r.papers.values()) assert.doesNotMatch(text, /lollol|x{1000}/, `${name} expanded`);
    });
  });

  it("an external entity in the Atom and OAI formats is never read from disk", async () => {
    const secret = write("secret.txt", "TOP-SECRET-CONTENT");
    const xxe = (root: string, doc: string) =>
      `<?xml version="1.0"?>\n<!DOCTYPE ${root} [<!ENTITY xxe SYSTEM "file://${secret}">]>\n${doc}`;
    const results = await Promise.all([
      importHostile(
        write("xxe-atom.xml", xxe("feed", atomDoc("&xxe;"))),
        ["--format", "arxiv-api"],
        [0, 1, 3],
      ),
      importHostile(
        write("xxe-oai.xml", xxe("OAI-PMH", oaiDoc("&xxe;"))),
        ["--format", "arxiv-oai"],
        [0, 1, 3],
      ),
    ]);
    for (const r of results)
      for (const text of r.papers.values())
        assert.doesNotMatch(text, /TOP-SECRET/, "a file's content reached a paper");
  });

  it("a line of megabytes is skipped with its line number (exit 3), the lines around it are imported", async () => {
    const huge = record("2504.00001", "x".repeat(6 * 1024 * 1024));
    const lines = [record("2504.00002", "Before"), huge, record("2504.00003", "After")];
    const r = await importHostile(write("huge.jsonl", `${lines.join("\n")}\n`), [
      "--format",
      "arxiv-snapshot",
    ]);
    assert.equal(r.code, 3);
    assert.match(r.err, /huge\.jsonl:2\b.*over the limit/);
    assert.equal(r.papers.get("2504.00002"), "Before\nAn abstract.");
    assert.equal(r.papers.get("2504.00003"), "After\nAn abstract.");
    assert.equal(r.papers.has("2504.00001"), false);
  });
});
