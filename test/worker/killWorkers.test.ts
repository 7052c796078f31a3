// Two `papertide worker` processes on one database; one is killed with SIGKILL while it holds a
// job, mid-sync, mid-digest and mid-pass of the similar-paper upkeep. The other takes the job over
// once the lease has run out (PAPERTIDE_JOB_LEASE_MS) and finishes it: every subscriber gets one
// mail, no paper is lost, the sync resumes from the page the dead worker had saved, and every
// similar-papers list is written once. Re-run on PostgreSQL by test/postgres/killWorkers.test.ts.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { after, describe, it } from "node:test";
import { sql } from "kysely";
import { createAppServices } from "../../src/app/services.ts";
import { loadConfig } from "../../src/config/load.ts";
import { latestDuePeriod } from "../../src/digest/periods.ts";
import {
  arxivRoute,
  fixture,
  pagedListRecords,
  type ReplayServer,
  startReplayServer,
} from "../../src/ingest/sync/replayServer.test-helper.ts";
import { addDays } from "../../src/lists/periods.ts";
import { systemClock } from "../../src/model/clock.ts";
import { getEngine } from "../../src/search/engine.ts";
import { staleRelated } from "../../src/search/related.ts";
import { hotPapers, UPKEEP_CHUNK } from "../../src/search/relatedUpkeep.ts";
import { countPapers } from "../../src/store/papers.ts";
import { ROOT } from "../support/cli.ts";
import { addActiveSubscribers, importPapers, type PaperSpec } from "../support/factories.ts";
import { type SmtpSink, startSmtpSink } from "../support/smtpSink.ts";
import { type TempStore, tempStore } from "../support/tempStore.ts";

const LEASE_MS = 1500;
const SECRET = "test-secret-test-secret-test-secret-42";

interface Worker {
  child: ChildProcess;
  output(): string;
  done: Promise<{ code: number | null; signal: string | null }>;
}

function startWorker(env: Record<string, string>): Worker {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "src/cli/main.ts"), "worker"], {
    cwd: ROOT,
    env: { ...process.env, PAPERTIDE_JOB_LEASE_MS: String(LEASE_MS), PAPERTIDE_SECRET: SECRET, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    out += d;
  });
  const done = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => out, done };
}

/** Polls `check` every 20 ms until it returns a value, or fails after `ms`. */
async function waitFor<T>(what: string, check: () => Promise<T | null | undefined>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== null && v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The pid holding `job` now, from the lease's owner ("host/pid/random"). */
async function holderPid(store: TempStore, job: string): Promise<number | null> {
  const row = await store.db
    .selectFrom("job_leases")
    .select("owner")
    .where("job", "like", job)
    .where("lease_until", ">", new Date().toISOString())
    .executeTakeFirst();
  return row ? Number(row.owner.split("/")[1]) : null;
}

async function stopAll(workers: Worker[]): Promise<void> {
  for (const w of workers)
    if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGTERM");
  await Promise.all(workers.map((w) => w.done));
}

describe("two workers, one killed with SIGKILL while it holds a job", { timeout: 180_000 }, () => {
  const cleanups: (() => Promise<void>)[] = [];
  after(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => {});
  });

  it("mid-sync: the other worker resumes the harvest from the saved page; no paper is lost", async () => {
    const store = await tempStore("papertide-kill-sync-");
    cleanups.push(() => store.cleanup());
    const pages = pagedListRecords(fixture("arxiv-oai/listrecords.xml"), 1);
    const server: ReplayServer = await startReplayServer(
      arxivRoute({ oaiPages: pages, listings: { "cs.AI": fixture("arxiv-rss/cs.AI-2017.xml") } }),
    );
    cleanups.push(() => server.close());
    // The first page is answered; the answer to the second never comes in time, so whoever holds
    // the sync is caught waiting for it, with page 1 imported and its token saved.
    server.script("/oai", { body: pages[0] as string }, { body: pages[1] as string, delayMs: 15_000 });
    const env = {
      DATABASE_URL: store.url,
      PAPERTIDE_DATA_DIR: store.dir,
      PAPERTIDE_SYNC_ARXIV: "on",
      PAPERTIDE_CATEGORIES: "cs.AI",
      PAPERTIDE_USER_AGENT: "Papertide-e2e/1.0 (mailto:ops@example.org)",
      PAPERTIDE_ARXIV_OAI_URL: `${server.url}/oai`,
      PAPERTIDE_ARXIV_RSS_URL: `${server.url}/rss`,
      PAPERTIDE_ARXIV_API_URL: `${server.url}/api/query`,
      PAPERTIDE_ARXIV_MIN_INTERVAL_MS: "5",
    };
    const workers = [startWorker(env), startWorker(env)];
    cleanups.push(() => stopAll(workers));

    await waitFor("the second OAI page to be asked for", async () =>
      server.requests.filter((r) => r.path === "/oai").length >= 2 ? true : null,
    );
    const pid = await waitFor("the sync's lease", () => holderPid(store, "sync:arxiv"));
    const victim = workers.find((w) => w.child.pid === pid);
    assert.ok(victim, `the lease is held by one of the workers (pid ${pid})`);
    victim.child.kill("SIGKILL");
    assert.equal((await victim.done).signal, "SIGKILL");
    const survivor = workers.find((w) => w !== victim) as Worker;

    const done = await waitFor("the sync to finish", async () => {
      const row = await store.db
        .selectFrom("sync_sources")
        .selectAll()
        .where("source", "=", "arxiv")
        .executeTakeFirst();
      return row?.last_success_at ? row : null;
    });
    assert.match(done.last_summary ?? "", /listings cs\.AI 2017-08-1[01] 15/);
    assert.equal(done.failures, 0);
    // The survivor asked for page 2 again (from the saved token), never for page 1 again.
    const oai = server.requests.filter((r) => r.path === "/oai");
    assert.equal(oai.filter((r) => !r.query.get("resumptionToken")).length, 1, "page 1 was read once");
    assert.equal(oai.filter((r) => r.query.get("resumptionToken") === "page-2").length, 2);
    assert.equal(oai.length, pages.length + 1);
    // Every paper of the listing is there.
    assert.equal(await countPapers(store.db), 15);
    // The survivor's run read the last page only: the first was imported by the dead worker.
    assert.equal(pages.length, 2);
    assert.match(survivor.output(), /sync: arxiv: 1 OAI page, /);
    await stopAll([survivor]);
  });

  it("mid-digest: the other worker builds the period again; every subscriber gets exactly one mail", async () => {
    const SUBSCRIBERS = 400;
    const sink: SmtpSink = await startSmtpSink({
      beforeAccept: async () => {
        await new Promise((r) => setTimeout(r, 2));
      },
    });
    cleanups.push(() => sink.close());
    const store = await tempStore("papertide-kill-digest-");
    cleanups.push(() => store.cleanup());
    const env = {
      DATABASE_URL: store.url,
      PAPERTIDE_DATA_DIR: store.dir,
      PAPERTIDE_BASE_URL: "https://papers.example.org",
      PAPERTIDE_MAIL_FROM: "Papertide <digest@papers.example.org>",
      PAPERTIDE_SMTP_URL: sink.url,
      PAPERTIDE_SMTP_MAX_CONNECTIONS: "4",
      PAPERTIDE_SYNC_ARXIV: "off",
      // Digests due at midnight UTC and built up to four days late: whatever day the test runs,
      // the newest daily period is due and may still be built.
      PAPERTIDE_DIGEST_HOUR: "0",
      PAPERTIDE_DIGEST_MAX_LATE_HOURS: "96",
    };
    const period = latestDuePeriod("daily", Date.now(), 0);
    const config = { ...loadConfig({ ...env, PAPERTIDE_DEMO: "0" }), databaseUrl: store.url };
    const services = await createAppServices({ config, store });
    cleanups.push(() => services.close());
    const papers: PaperSpec[] = [];
    for (let day = period.from; day <= period.to; day = addDays(day, 1)) {
      for (let i = 0; i < 6; i++) {
        papers.push({
          id: `2606.${String(papers.length + 10001).slice(1)}`,
          title: `Paper ${papers.length} of ${day}`,
          day,
          categories: ["cs.LG"],
          upvotes: 10 - i,
        });
      }
    }
    await importPapers({ services }, papers);
    await addActiveSubscribers(
      { store },
      Array.from({ length: SUBSCRIBERS }, (_, i) => `reader${i}@example.org`),
    );

    const workers = [startWorker(env), startWorker(env)];
    cleanups.push(() => stopAll(workers));
    const pid = await waitFor("a digest build's lease", () => holderPid(store, "digest:daily:%"), 60_000);
    const victim = workers.find((w) => w.child.pid === pid);
    assert.ok(victim, `the build is held by one of the workers (pid ${pid})`);
    victim.child.kill("SIGKILL");
    assert.equal((await victim.done).signal, "SIGKILL");
    const run = await store.db
      .selectFrom("digest_runs")
      .selectAll()
      .where("period", "=", period.key)
      .executeTakeFirst();
    assert.equal(run?.finished_at ?? null, null, "killed before the build finished");
    const survivor = workers.find((w) => w !== victim) as Worker;

    await waitFor(
      "every mail to be sent",
      async () => {
        const sent = await store.db
          .selectFrom("outbox")
          .select(sql<number>`count(*)`.as("n"))
          .where("status", "=", "sent")
          .executeTakeFirstOrThrow();
        return Number(sent.n) === SUBSCRIBERS ? true : null;
      },
      120_000,
    );
    const finished = await store.db
      .selectFrom("digest_runs")
      .selectAll()
      .where("period", "=", period.key)
      .executeTakeFirstOrThrow();
    assert.ok(finished.finished_at, "the survivor finished the build");
    assert.equal(Number(finished.enqueued), SUBSCRIBERS);
    assert.match(survivor.output(), new RegExp(`digest: built ${period.key}`));
    const recipients = sink.messages.map((m) => m.rcptTo[0]);
    assert.equal(new Set(recipients).size, SUBSCRIBERS, "every subscriber got a mail");
    assert.equal(recipients.length, SUBSCRIBERS, "and nobody got two");
    await stopAll([survivor]);
  });

  it("mid-pass of the similar-paper upkeep: the other worker finishes the pass; no list is written twice", async () => {
    const store = await tempStore("papertide-kill-related-");
    cleanups.push(() => store.cleanup());
    const env = { DATABASE_URL: store.url, PAPERTIDE_DATA_DIR: store.dir, PAPERTIDE_SYNC_ARXIV: "off" };
    const config = { ...loadConfig({ ...env, PAPERTIDE_DEMO: "0" }), databaseUrl: store.url };
    const services = await createAppServices({ config, store });
    cleanups.push(() => services.close());
    // The two newest days, 700 papers each, are the pass's papers; 600 older ones nobody opens.
    const topics = [
      "graph networks",
      "diffusion models",
      "protein folding",
      "speech recognition",
      "robot control",
    ];
    const papers: PaperSpec[] = [];
    const day = (i: number) => (i < 600 ? `2026-05-0${1 + (i % 6)}` : i < 1300 ? "2026-06-09" : "2026-06-10");
    for (let i = 0; i < 2000; i++) {
      papers.push({
        id: `2606.${String(i + 100001).slice(1)}`,
        title: `Paper ${i} on ${topics[i % topics.length]} with ${topics[(i * 7) % topics.length]}`,
        day: day(i),
        categories: ["cs.LG"],
      });
    }
    await importPapers({ services }, papers);
    const deps = { store, search: services.search, categories: config.categories, clock: systemClock };
    const hot = await hotPapers(deps);
    assert.equal(hot.length, 1400);
    // Every write of a list, by either process, is noted by a trigger.
    if (store.dialect === "postgres") {
      await sql`CREATE TABLE related_writes (paper_id TEXT NOT NULL, seq BIGINT NOT NULL)`.execute(store.db);
      await sql`CREATE FUNCTION note_related_write() RETURNS trigger AS $$
        BEGIN INSERT INTO related_writes VALUES (NEW.paper_id, NEW.seq); RETURN NEW; END $$ LANGUAGE plpgsql`.execute(
        store.db,
      );
      await sql`CREATE TRIGGER related_written AFTER INSERT OR UPDATE ON search_related
        FOR EACH ROW EXECUTE FUNCTION note_related_write()`.execute(store.db);
    } else {
      await sql`CREATE TABLE related_writes (paper_id TEXT NOT NULL, seq INTEGER NOT NULL)`.execute(store.db);
      for (const event of ["INSERT", "UPDATE"]) {
        await sql
          .raw(
            `CREATE TRIGGER related_${event.toLowerCase()} AFTER ${event} ON search_related
             BEGIN INSERT INTO related_writes VALUES (NEW.paper_id, NEW.seq); END`,
          )
          .execute(store.db);
      }
    }
    const lists = async () =>
      Number(
        (
          await store.db
            .selectFrom("search_related")
            .select(sql<number>`count(*)`.as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );

    const workers = [startWorker(env), startWorker(env)];
    cleanups.push(() => stopAll(workers));
    // Killed past its first chunks, with several chunks left.
    const pid = await waitFor("the upkeep's lease, mid-pass", async () => {
      const holder = await holderPid(store, "search:related");
      if (holder === null) return null;
      const n = await lists();
      return n > 2 * UPKEEP_CHUNK && n < hot.length - 5 * UPKEEP_CHUNK ? holder : null;
    });
    const victim = workers.find((w) => w.child.pid === pid);
    assert.ok(victim, `the upkeep is held by one of the workers (pid ${pid})`);
    victim.child.kill("SIGKILL");
    assert.equal((await victim.done).signal, "SIGKILL");
    const atKill = await lists();
    assert.ok(atKill < hot.length, "killed before the pass was over");
    const survivor = workers.find((w) => w !== victim) as Worker;

    await waitFor(
      "every hot paper's list to be current",
      async () =>
        (await staleRelated(store.db, await getEngine(services.search), hot)).length === 0 ? true : null,
      120_000,
    );
    const passLines = () => [
      ...survivor.output().matchAll(/search: similar papers: (\d+) lists brought up to date/g),
    ];
    await waitFor("the survivor to log its pass", async () => (passLines().length > 0 ? true : null));
    const survivorLists = passLines().reduce((n, m) => n + Number(m[1]), 0);
    assert.ok(
      survivorLists >= hot.length - atKill,
      `the survivor wrote ${survivorLists} lists, ${atKill} were there`,
    );
    // One write per list: no two processes worked on one chunk, and the lists the dead worker had
    // saved were not computed again. Papers nobody opens got none.
    const writes = (
      await sql<{ paper_id: string; n: number }>`
        SELECT paper_id, count(*) AS n FROM related_writes GROUP BY paper_id`.execute(store.db)
    ).rows;
    assert.equal(writes.length, hot.length);
    assert.deepEqual(
      writes.filter((w) => Number(w.n) !== 1),
      [],
    );
    assert.equal(await lists(), hot.length);
    await stopAll([survivor]);
  });
});
