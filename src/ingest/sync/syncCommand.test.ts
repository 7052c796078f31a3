// `papertide sync arxiv` end to end: real processes, real database files, arXiv replaced by the
// replay server. The processes start together (most of their time is start-up) and each test
// awaits its own.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { openStore } from "../../store/db.ts";
import { countPapers, getPaper } from "../../store/papers.ts";
import {
  arxivRoute,
  fixture,
  pagedListRecords,
  type ReplayServer,
  startReplayServer,
} from "./replayServer.test-helper.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

interface Run {
  code: number | null;
  out: string;
  err: string;
}

let server: ReplayServer;
let dir: string;
let runs: Record<"oai" | "listing" | "badDay" | "hammer", Promise<Run>>;

before(async () => {
  server = await startReplayServer(
    arxivRoute({
      oaiPages: pagedListRecords(fixture("arxiv-oai/listrecords.xml"), 1),
      listings: { "cs.AI": fixture("arxiv-rss/cs.AI-2017.xml") },
    }),
  );
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "papertide-sync-"));
  runs = {
    oai: papertide("oai", ["--categories", "cs.DM,hep-th", "--from", "2015-01-01", "--no-listing"]),
    listing: papertide("listing", ["--categories", "cs.AI"]),
    badDay: papertide("badDay", ["--from", "2026-02-30"]),
    hammer: papertide("hammer", [], { PAPERTIDE_ARXIV_OAI_URL: "https://oaipmh.arxiv.org/oai" }),
  };
});
after(async () => {
  await Promise.allSettled(Object.values(runs ?? {}));
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const dbUrl = (name: string) => `sqlite:${path.join(dir, `${name}.db`)}`;
/** Each run names itself in its User-Agent, so the server's log tells whose requests it saw. */
const userAgent = (name: string) => `Papertide-e2e-${name}/1.0 (mailto:ops@example.org)`;

function papertide(name: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "sync", "arxiv", ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: dbUrl(name),
      PAPERTIDE_DATA_DIR: dir,
      PAPERTIDE_USER_AGENT: userAgent(name),
      PAPERTIDE_ARXIV_OAI_URL: `${server.url}/oai`,
      PAPERTIDE_ARXIV_RSS_URL: `${server.url}/rss`,
      PAPERTIDE_ARXIV_API_URL: `${server.url}/api/query`,
      PAPERTIDE_ARXIV_MIN_INTERVAL_MS: "5",
      ...env,
    },
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => {
    out += d;
  });
  child.stderr.on("data", (d) => {
    err += d;
  });
  // Async on purpose: the replay server lives in this process and must keep answering.
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, out, err })));
}

function requestsOf(name: string) {
  return server.requests.filter((r) => r.headers["user-agent"] === userAgent(name));
}

async function storedPapers(name: string, id: string) {
  const store = await openStore(dbUrl(name));
  try {
    return { count: await countPapers(store.db), paper: await getPaper(store.db, id) };
  } finally {
    await store.close();
  }
}

test("sync arxiv harvests every OAI page of each set, then prints a summary", async () => {
  const run = await runs.oai;
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, /synced cs, physics:hep-th: 4 pages; read 4, new 2, .*skipped 2/);
  assert.equal(requestsOf("oai").length, 4);
  assert.ok(requestsOf("oai").every((r) => r.path === "/oai"));
  const { count, paper } = await storedPapers("oai", "hep-th/9504118");
  assert.equal(count, 2);
  assert.deepEqual(paper?.categories, ["hep-th"]);
});

test("sync arxiv imports the category's listing, giving new papers their announcement day", async () => {
  const run = await runs.listing;
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, /listings cs\.AI 2017-08-1[01] 15/);
  assert.deepEqual(
    requestsOf("listing").map((r) => r.path),
    ["/oai", "/oai", "/rss/cs.AI"],
  );
  const { count, paper } = await storedPapers("listing", "1708.03019");
  assert.equal(count, 15);
  assert.match(paper?.announcedOn ?? "", /^2017-08-1[01]$/);
});

test("a bad date and a too-short interval against arXiv itself are refused before any request", async () => {
  const [badDay, hammer] = await Promise.all([runs.badDay, runs.hammer]);
  assert.equal(badDay.code, 2);
  assert.match(badDay.err, /--from wants a day as YYYY-MM-DD, got "2026-02-30"/);
  assert.equal(hammer.code, 2);
  assert.match(hammer.err, /below arXiv's 3000 ms/);
  assert.equal(requestsOf("badDay").length + requestsOf("hammer").length, 0);
});
