// Scheduled syncs against the recorded responses served locally: when each source is due, what a
// 503 and a failing source do, how the status is recorded, and that a source held by another
// process is left alone. Time is a moving test clock: the polite client's waits advance it.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type TempStore, tempStore } from "../../test/support/tempStore.ts";
import { PoliteClient } from "../ingest/sync/politeClient.ts";
import {
  fixture,
  oaiError,
  pagedListRecords,
  type ReplayServer,
  startReplayServer,
} from "../ingest/sync/replayServer.test-helper.ts";
import { fixedClock } from "../model/clock.ts";
import { SearchState } from "../search/state.ts";
import { entriesForPapers } from "../store/dailyEntries.ts";
import { takeLease } from "../store/jobLeases.ts";
import { setMeta } from "../store/meta.ts";
import { countPapers, getPaper } from "../store/papers.ts";
import { getSyncStatus, lastSyncStatus } from "../store/syncRuns.ts";
import { retryDelayMs, SyncScheduler } from "./syncScheduler.ts";

let now = Date.parse("2026-06-12T10:00:00Z"); // a Friday
const clock = fixedClock(() => new Date(now));
const at = (iso: string) => {
  now = Date.parse(iso);
};

let server: ReplayServer;
let store: TempStore;
const log: string[] = [];

const oaiPages = pagedListRecords(fixture("arxiv-oai/listrecords.xml"), 2);
const json = (body: string) => ({ body, headers: { "Content-Type": "application/json" } });

before(async () => {
  server = await startReplayServer((req) => {
    if (req.path === "/oai") {
      const token = req.query.get("resumptionToken");
      const page = oaiPages[(token ? Number(token.replace("page-", "")) : 1) - 1];
      return { body: page ?? oaiError("badResumptionToken", "unknown") };
    }
    if (req.path === "/rss/cs.AI") return { body: fixture("arxiv-rss/cs.AI-2017.xml") };
    if (req.path === "/api/daily_papers") {
      return json(req.query.get("date") === "2026-06-12" ? fixture("hf/daily_papers.json") : "[]");
    }
    return { status: 404, body: "not found" };
  });
  store = await tempStore();
});
after(async () => {
  await server?.close();
  await store?.cleanup();
});

function scheduler(owner = "worker-a", arxiv: "on" | "auto" = "on"): SyncScheduler {
  const client = () =>
    new PoliteClient({
      userAgent: "Papertide-test/1.0 (mailto:ops@example.org)",
      minIntervalMs: 0,
      backoffBaseMs: 1000,
      // Waiting moves the test clock instead of sleeping.
      sleep: async (ms) => {
        now += ms;
      },
      now: () => now,
    });
  return new SyncScheduler({
    config: {
      categories: ["cs.AI"],
      arxiv: {
        oaiUrl: `${server.url}/oai`,
        rssUrl: `${server.url}/rss`,
        apiUrl: `${server.url}/api/query`,
        minIntervalMs: 0,
      },
      sync: {
        arxiv,
        arxivDelayMs: 60 * 60_000,
        dailyPapersUrl: `${server.url}/api/daily_papers`,
        dailyPapersIntervalMs: 60 * 60_000,
      },
    },
    search: new SearchState(store.db, clock),
    clock,
    lease: { db: store.db, clock, owner, leaseMs: 60_000 },
    clients: { arxiv: client(), "daily-papers": client() },
    log: (line) => log.push(line),
  });
}

const requests = (path: string) => server.requests.filter((r) => r.path === path).length;

describe("scheduled syncs", () => {
  it("run both sources on a fresh instance; a 503 is waited out, a failing source is recorded and retried later", async () => {
    // arXiv's OAI-PMH fails every attempt of this run (the client retries 4 times); the
    // daily-papers API first says 503 Retry-After, then answers.
    server.script(
      "/oai",
      ...Array.from({ length: 5 }, () => ({ status: 500, body: "Internal Server Error" })),
    );
    server.script("/api/daily_papers", { status: 503, headers: { "Retry-After": "30" }, body: "busy" });
    const before = now;
    const results = await scheduler().tick();
    assert.deepEqual(
      results.map((r) => [r.source, r.outcome]),
      [
        ["arxiv", "failed"],
        ["daily-papers", "done"],
      ],
    );
    assert.equal(requests("/oai"), 5);
    assert.ok(now - before >= 30_000, "the Retry-After was obeyed (on the test clock)");

    const arxiv = await getSyncStatus(store.db, "arxiv", clock.now());
    assert.equal(arxiv?.failures, 1);
    assert.match(arxiv?.lastError ?? "", /HTTP 500.*gave up after 4 retries/);
    assert.equal(arxiv?.lastSuccessAt, null);
    assert.ok(
      log.some((l) => /^sync: arxiv failed \(1 in a row\): .*HTTP 500/.test(l)),
      log.join("\n"),
    );

    // Three days were mirrored (the first time), one of them with the day's 30 featured papers,
    // their upvotes and who submitted them.
    assert.equal(requests("/api/daily_papers"), 4);
    const daily = await getSyncStatus(store.db, "daily-papers", clock.now());
    assert.match(daily?.lastSummary ?? "", /mirrored 3 days \(2026-06-12 30\).*featured 30/);
    assert.equal((await getPaper(store.db, "2606.12730"))?.upvotes, 5);
    const [entry] = await entriesForPapers(store.db, ["2606.12730"]);
    assert.deepEqual([entry?.day, entry?.featuredBy], ["2026-06-12", "RKocielnik"]);
  });

  it("back off after a failure, then recover and clear the failure count (the last error stays visible)", async () => {
    const failedAt = Date.parse((await getSyncStatus(store.db, "arxiv", clock.now()))?.lastErrorAt ?? "");
    at(new Date(failedAt + retryDelayMs(1) - 1000).toISOString());
    assert.deepEqual(await scheduler().tick(), []);
    assert.equal(requests("/oai"), 5, "no request before the backoff is over");

    at(new Date(failedAt + retryDelayMs(1)).toISOString());
    const [r] = await scheduler().tick();
    assert.deepEqual([r?.source, r?.outcome], ["arxiv", "done"]);
    const s = await getSyncStatus(store.db, "arxiv", clock.now());
    assert.equal(s?.failures, 0);
    assert.equal(s?.lastSuccessAt, clock.now().toISOString());
    assert.match(s?.lastError ?? "", /HTTP 500/);
    assert.match(s?.lastSummary ?? "", /listings cs\.AI 2017-08-1[01] 15/);
    assert.ok((await countPapers(store.db)) >= 45, "the daily papers and the cs.AI listing are stored");
  });

  it("sync arXiv once after each announcement (Sunday-Thursday 20:00 New York) plus the delay", async () => {
    const oai = requests("/oai");
    // Saturday, and Sunday evening before the delay after its 20:00 announcement: nothing new.
    for (const t of ["2026-06-13T12:00:00Z", "2026-06-15T00:59:00Z"]) {
      at(t);
      const ran = await scheduler().tick();
      assert.ok(!ran.some((x) => x.source === "arxiv"), `not due at ${t}`);
    }
    assert.equal(requests("/oai"), oai);
    at("2026-06-15T01:00:00Z"); // Sunday 20:00 EDT + 60 min
    assert.ok((await scheduler().tick()).some((x) => x.source === "arxiv" && x.outcome === "done"));
    assert.ok(requests("/oai") > oai);
    // Once per announcement.
    at("2026-06-15T03:00:00Z");
    const again = requests("/oai");
    assert.ok(!(await scheduler().tick()).some((x) => x.source === "arxiv"));
    assert.equal(requests("/oai"), again);
  });

  it("mirror the daily papers every interval", async () => {
    const last = Date.parse(
      (await getSyncStatus(store.db, "daily-papers", clock.now()))?.lastSuccessAt ?? "",
    );
    at(new Date(last + 59 * 60_000).toISOString());
    assert.deepEqual(await scheduler().tick(), []);
    at(new Date(last + 60 * 60_000).toISOString());
    assert.deepEqual(
      (await scheduler().tick()).map((x) => x.source),
      ["daily-papers"],
    );
  });

  it("leave a source to the process holding its lease", async () => {
    at("2026-06-16T01:00:00Z"); // Monday's announcement + 60 min: arXiv is due
    assert.equal(
      await takeLease(store.db, "sync:arxiv", "worker-b", clock.now(), new Date(now + 60_000)),
      true,
    );
    const oai = requests("/oai");
    const ran = await scheduler("worker-a").tick();
    assert.deepEqual(
      ran.filter((x) => x.source === "arxiv").map((x) => x.outcome),
      ["busy"],
    );
    assert.equal(requests("/oai"), oai);
    // worker-b died: once its lease has run out, worker-a syncs.
    at("2026-06-16T01:01:00Z");
    assert.ok((await scheduler("worker-a").tick()).some((x) => x.source === "arxiv" && x.outcome === "done"));
  });

  it("keep arXiv off on the demo dataset unless asked, and report every source", async () => {
    await setMeta(store.db, "demo_loaded_at", "2026-06-01T00:00:00.000Z", clock.now());
    at("2026-06-17T01:00:00Z");
    const ran = await scheduler("worker-a", "auto").tick();
    assert.ok(!ran.some((x) => x.source === "arxiv"));
    assert.ok(
      log.some((l) => /arxiv is not synced on schedule: this database holds the demo dataset/.test(l)),
    );
    const status = await lastSyncStatus(store.db, clock.now());
    assert.deepEqual(
      status.map((s) => s.source),
      ["arxiv", "daily-papers"],
    );
    assert.ok(status.every((s) => s.lagSeconds !== null && s.lagSeconds >= 0));
  });
});
