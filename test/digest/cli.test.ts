// `papertide digest preview|status` and `papertide worker --once` through the real CLI binary,
// each a child process given the test database in its own environment.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { buildPeriod } from "../../src/digest/periodBuilder.ts";
import { dailyPeriod } from "../../src/digest/periods.ts";
import { addActiveSubscribers, importPapers } from "../support/factories.ts";
import { BASE_URL, type DigestTestContext, digestContext, WEEK_PAPERS } from "./support/fixtures.ts";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
let ctx: DigestTestContext;
/** The children's environment: the test's settings, and no SMTP server (mail goes to files). */
let env: NodeJS.ProcessEnv;

before(async () => {
  ctx = await digestContext();
  await importPapers(ctx, WEEK_PAPERS);
  await addActiveSubscribers(ctx, ["cli@example.org"], { topics: ["cs.LG"] });
  env = {
    ...process.env,
    DATABASE_URL: ctx.store.url,
    PAPERTIDE_DATA_DIR: ctx.store.dir,
    PAPERTIDE_BASE_URL: BASE_URL,
    PAPERTIDE_SECRET: "test-secret-test-secret-test-secret-42",
    PAPERTIDE_MAIL_FROM: "Papertide <digest@papers.example.org>",
    // The worker would sync arXiv on this non-demo database; this file is about mail.
    PAPERTIDE_SYNC_ARXIV: "off",
  };
  delete env.PAPERTIDE_SMTP_URL;
});
after(() => ctx.cleanup());

/** The command failed with this exit code and said why on standard error. */
function assertFails(r: { code: number | null; err: string }, code: number, message: RegExp): void {
  assert.equal(r.code, code, r.err);
  assert.match(r.err, message);
}

/** `papertide <args>`: exit code, standard output (trailing newline dropped) and error. */
function run(args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "src/cli/main.ts"), ...args], {
    env,
    encoding: "utf8",
  });
  return { code: r.status, out: r.stdout.replace(/\n$/, ""), err: r.stderr };
}

test("digest preview prints the next digest, tokens hidden; --html writes the exact HTML part", async () => {
  const html = path.join(ctx.store.dir, "preview.html");
  const { code, out } = run([
    "digest",
    "preview",
    "--email",
    "CLI@example.org",
    "--date",
    "2026-06-16",
    "--html",
    html,
  ]);
  assert.equal(code, 0, out);
  assert.match(out, /^Period: {4}daily:2026-06-16 \(Mon 15 Jun 2026\), due 2026-06-16T07:00:00\.000Z$/m);
  assert.match(
    out,
    /^Subject: {3}Papertide Daily · Mon 15 Jun 2026: α-VAE: Variational Autoencoders with O\(n log n\) Attention$/m,
  );
  assert.match(out, /^List-Unsubscribe: <https:\/\/papers\.example\.org\/unsubscribe\/<token>>$/m);
  assert.match(out, /^Unsubscribe: https:\/\/papers\.example\.org\/unsubscribe\/<token>$/m);
  assert.match(out, /1\. α-VAE/);
  assert.match(out, /2\. Language Models Count Tokens/);
  assert.doesNotMatch(out, /Vision <Transformers>/, "cs.CV is not this subscriber's topic");
  const written = fs.readFileSync(html, "utf8");
  assert.match(written, /^<!doctype html>/);
  assert.match(
    written,
    /href="https:\/\/papers\.example\.org\/unsubscribe\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+"/,
    "the file has the real link",
  );
  // Nothing was stored or queued.
  assert.equal((await ctx.store.db.selectFrom("outbox").selectAll().execute()).length, 0);
});

test("digest preview explains an empty period and refuses unknown addresses", async () => {
  const empty = run(["digest", "preview", "--email", "cli@example.org"]);
  assert.equal(empty.code, 0);
  assert.match(empty.out, /No digest for cli@example\.org .* newest list day is 2026-06-16; try --date/);
  assertFails(
    run(["digest", "preview", "--email", "nobody@example.org"]),
    1,
    /nobody@example\.org has not subscribed/,
  );
  assertFails(run(["digest", "preview"]), 2, /--email ADDRESS is required/);
  assertFails(
    run(["digest", "preview", "--email", "x@example.org", "--date", "2026-02-30"]),
    2,
    /--date must be a day/,
  );
});

test("worker --once sends what is queued (to the development folder here) and digest status reports it", async () => {
  const period = dailyPeriod("2026-06-16", 7);
  assert.equal((await buildPeriod(ctx.deps, period, Date.parse(period.dueAt))).enqueued, 1);
  const worker = run(["worker", "--once"]);
  assert.equal(worker.code, 0, worker.out);
  assert.match(worker.out, /mail: 1 sent, 0 to retry, 0 failed, 0 cancelled; 0 pending/);
  assert.doesNotMatch(worker.out, /test-secret/);
  const emls = fs.readdirSync(path.join(ctx.store.dir, "outbox")).filter((f) => f.endsWith(".eml"));
  assert.equal(emls.length, 1);
  const status = run(["digest", "status", "--json"]);
  const report = JSON.parse(status.out);
  assert.equal(report.subscribers.active, 1);
  assert.equal(report.outbox.sent, 1);
  const builds = report.builds as { period: string; enqueued: number; finishedAt: string | null }[];
  assert.ok(builds.some((b) => b.period === "daily:2026-06-16" && b.enqueued === 1));
  // The worker's scheduler also built today's due periods: nothing is listed in them, no mail.
  const today = builds.filter((b) => b.period !== "daily:2026-06-16");
  assert.ok(today.length >= 1 && today.every((b) => b.enqueued === 0 && b.finishedAt), JSON.stringify(today));
});

test("through the real CLI: exit codes", () => {
  const cli = (args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "src/cli/main.ts"), ...args], {
      env,
      encoding: "utf8",
    });
  const ok = cli(["digest", "preview", "--email", "cli@example.org", "--date", "2026-06-16"]);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /Subject: {3}Papertide Daily/);
  const missing = cli(["digest", "preview", "--email", "nobody@example.org"]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /papertide digest: nobody@example\.org has not subscribed/);
  assert.equal(cli(["digest", "bogus"]).status, 2);
});
