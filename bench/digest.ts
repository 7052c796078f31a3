// npm run bench:digest — email digests at scale, on the 74,728-paper sample:
//   1. build one period's digests for 100,000 synthetic subscribers (random topic subsets):
//      the scheduler's real path (one ranked pool, one edition per distinct topic set, 100,000
//      outbox rows), then render every subscriber's personal copy as the sender would
//      (unsubscribe and manage links differ per subscriber); prints digests/s and peak RSS;
//   2. send 10,000 of them through the real sender (Nodemailer pool) to a local SMTP sink
//      (smtp-server on 127.0.0.1, in a child process so it does not share our CPU); prints mails/s.
// Target (issue 5): all 100,000 built in under 5 minutes.
// The sample carries no upvotes, so the bench gives papers of its last month deterministic
// pseudo-random upvotes (otherwise every ranking would be a tie broken by date).
// Personal digests: the first BENCH_PERSONAL subscribers (default: all of them) belong to synthetic
// accounts with "Picked for you" on, two upvoted and one saved paper of the last month each, and
// one saved search (half in the digest, half alert-only), so the build runs the For-you ranker
// (a model trained per reader) and the alert search for them. The per-reader cost is printed
// with what it would mean for all of them when only some are personal (BENCH_PERSONAL=1000 is
// the quick run).
// BENCH_SUBSCRIBERS and BENCH_SEND change the sizes.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../src/config/load.ts";
import { createDigestDeps } from "../src/digest/deps.ts";
import { createAlertsRenderer, createDigestRenderer } from "../src/digest/digestRenderer.ts";
import { buildPeriod } from "../src/digest/periodBuilder.ts";
import { dailyPeriod } from "../src/digest/periods.ts";
import { latestDay } from "../src/lists/listing.ts";
import { addDays } from "../src/lists/periods.ts";
import { createMailer } from "../src/mail/mailer.ts";
import { OutboxSender } from "../src/mail/outboxSender.ts";
import { OutboxSignal } from "../src/mail/outboxSignal.ts";
import { systemClock } from "../src/model/clock.ts";
import { prng as rng } from "../src/search/random.ts";
import { SearchState } from "../src/search/state.ts";
import { openStore } from "../src/store/db.ts";
import type { OutboxItem, OutboxKind } from "../src/store/outbox.ts";
import { topicsJson } from "../src/store/subscribers.ts";
import { machineLine, measureNode } from "./support/measure.ts";

if (process.argv.includes("--sink")) {
  await runSink();
} else {
  await main();
}

async function main(): Promise<void> {
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
  const sample = path.resolve(process.argv[2] ?? path.join(root, "../shared/data/arxiv-sample.jsonl.gz"));
  const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 100_000);
  const SEND = Number(process.env.BENCH_SEND ?? 10_000);
  const PERSONAL = Math.min(SUBSCRIBERS, Number(process.env.BENCH_PERSONAL ?? SUBSCRIBERS));
  if (!fs.existsSync(sample)) {
    console.error(`bench:digest: sample not found at ${sample} (pass its path as the first argument)`);
    process.exit(1);
  }
  console.log(`bench:digest — ${machineLine()}`);
  console.log(
    `command: npm run bench:digest  (file: ${sample}, ${SUBSCRIBERS} subscribers of which ${PERSONAL} personal, ${SEND} sent)`,
  );

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-digest-"));
  try {
    const env = {
      ...process.env,
      PAPERTIDE_DATA_DIR: dir,
      PAPERTIDE_CATEGORIES: "*",
      PAPERTIDE_BASE_URL: "https://papertide.example.org",
      PAPERTIDE_MAIL_FROM: "Papertide <digest@papertide.example.org>",
      PAPERTIDE_SECRET: "bench-secret-bench-secret-bench-secret",
    };
    const config = { ...loadConfig(env), databaseUrl: `sqlite:${path.join(dir, "bench.db")}` };

    // ---- set-up (not measured as digest work) ----
    // The import runs in its own process (the real CLI), so this process's peak RSS is the
    // digest work's alone.
    let t = performance.now();
    const imported = await measureNode([path.join(root, "src/cli/main.ts"), "import", sample, "--quiet"], {
      DATABASE_URL: config.databaseUrl,
    });
    if (imported.code !== 0) throw new Error(`import failed:\n${imported.stderr}`);
    console.log(`set-up: ${imported.stdout.trim().split("\n").pop()} in ${secs(t)} s (papertide import)`);
    const store = await openStore(config.databaseUrl);
    const sqlite = store.sqlite as NonNullable<typeof store.sqlite>;
    const last = (await latestDay(store.db, [])) as string;
    const random = rng(42);
    const upvote = sqlite.prepare("UPDATE papers SET upvotes = ? WHERE id = ?");
    const recent = sqlite
      .prepare("SELECT id FROM papers WHERE list_day >= ? ORDER BY id")
      .all(addDays(last, -30)) as { id: string }[];
    sqlite.transaction(() => {
      for (const { id } of recent) if (random() < 0.35) upvote.run(Math.floor(1 + 200 * random() ** 3), id);
    })();
    const top = (
      sqlite
        .prepare(
          "SELECT category, count(*) n FROM paper_categories GROUP BY category ORDER BY n DESC LIMIT 12",
        )
        .all() as { category: string }[]
    ).map((r) => r.category);
    t = performance.now();
    const insert = sqlite.prepare(
      "INSERT INTO subscribers (id, email, email_key, status, frequency, topics, created_at, updated_at, confirmed_at) VALUES (?, ?, ?, 'active', 'daily', ?, ?, ?, ?)",
    );
    const now = new Date().toISOString();
    const topicSets = new Set<string>();
    sqlite.transaction(() => {
      for (let i = 0; i < SUBSCRIBERS; i++) {
        // 20% everything; the rest 1 to 3 of the sample's 12 biggest categories.
        const topics = random() < 0.2 ? [] : pick(top, 1 + Math.floor(random() * 3), random);
        const json = topicsJson(topics);
        topicSets.add(json);
        const email = `reader${i}@example.org`;
        insert.run(`sub${String(i).padStart(8, "0")}`, email, email, json, now, now, now);
      }
    })();
    console.log(
      `set-up: ${SUBSCRIBERS} subscribers with ${topicSets.size} distinct topic sets in ${secs(t)} s; ${recent.length} papers of the last 30 days, about a third given upvotes`,
    );
    // Alerts see a normal day: everything was ingested two days ago but the newest list's papers,
    // which arrived after the alerts' last run (an hour ago), so each saved search runs and
    // finds that day's matches.
    const hour = 3_600_000;
    const arrivedAt = new Date(Date.now() - 10 * 60_000).toISOString();
    const lastRun = new Date(Date.now() - hour).toISOString();
    sqlite.prepare("UPDATE papers SET created_at = ?").run(new Date(Date.now() - 48 * hour).toISOString());
    const arrivals = sqlite
      .prepare("UPDATE papers SET created_at = ? WHERE list_day = ?")
      .run(arrivedAt, last).changes;
    t = performance.now();
    seedReaders(sqlite, PERSONAL, recent, random, now, lastRun);
    console.log(
      `set-up: ${PERSONAL} of them linked to accounts (picks on, 2 upvotes + 1 save + 1 saved search each) in ${secs(t)} s; ${arrivals} papers (the list of ${last}) arrived since the searches' last run`,
    );

    // ---- 1. build ----
    const deps = await createDigestDeps(
      { config, store },
      { clock: systemClock, outbox: new OutboxSignal(), search: new SearchState(store.db) },
    );
    const mailDay = nextWeekday(last);
    const period = dailyPeriod(mailDay, 7);
    const clock = Date.parse(period.dueAt);
    const rssBefore = process.memoryUsage().rss;
    const tBuild = performance.now();
    const built = await buildPeriod(deps, period, clock);
    const buildS = (performance.now() - tBuild) / 1000;
    console.log(
      `build:  ${period.key} (list of ${period.from}): ${built.subscribers} subscribers, ${built.editions} editions, ${built.enqueued} outbox rows, ${built.empty} with nothing in their topics — ${buildS.toFixed(1)} s`,
    );
    const perReader = built.personal ? built.personalMs / built.personal : 0;
    const sharedS = buildS - built.personalMs / 1000;
    const picked = Number(
      (sqlite.prepare("SELECT count(*) n FROM digest_sent_papers").get() as { n: number }).n,
    );
    const alerted = sqlite
      .prepare("SELECT count(*) n, count(DISTINCT search_id) s FROM saved_search_hits")
      .get() as { n: number; s: number };
    const alertRows = Number(
      (sqlite.prepare("SELECT count(*) n FROM outbox WHERE kind = 'alerts'").get() as { n: number }).n,
    );
    console.log(
      `alerts: ${alerted.s} saved searches found new papers (${alerted.n} alerted in all); ${alertRows} alert-only mails queued, the rest in the digests`,
    );
    console.log(
      `personal: ${built.personal} readers' picks and saved searches in ${(built.personalMs / 1000).toFixed(1)} s = ${perReader.toFixed(1)} ms per reader (${Math.round(1000 / Math.max(perReader, 1e-9))} personal digests/s, one core); ${picked} papers picked and recorded; the rest of the build (editions, writing the outbox rows and what they carry) ${sharedS.toFixed(1)} s`,
    );
    if (built.personal > 0 && built.personal < SUBSCRIBERS) {
      const allS = sharedS + (SUBSCRIBERS * perReader) / 1000;
      console.log(
        `ceiling: if all ${SUBSCRIBERS} subscribers were personal, the build would take about ${(allS / 60).toFixed(1)} min at this rate (target 5 min: ${allS < 300 ? "met" : "NOT met"})`,
      );
    }
    const render = createDigestRenderer(deps);
    const renderAlerts = createAlertsRenderer(deps);
    const tRender = performance.now();
    let rendered = 0;
    let digests = 0;
    let bytes = 0;
    let afterId = "";
    for (;;) {
      const rows = await store.db
        .selectFrom("outbox")
        .selectAll()
        .where("id", ">", afterId)
        .orderBy("id")
        .limit(2000)
        .execute();
      if (rows.length === 0) break;
      afterId = rows[rows.length - 1].id;
      for (const r of rows) {
        const out = await (r.kind === "alerts" ? renderAlerts : render)(toItem(r));
        if ("message" in out) {
          rendered++;
          if (r.kind !== "alerts") digests++;
          bytes += (out.message.html?.length ?? 0) + out.message.text.length;
        }
      }
    }
    const renderS = (performance.now() - tRender) / 1000;
    const totalS = buildS + renderS;
    const peak = process.resourceUsage().maxRSS * 1024;
    console.log(
      `render: ${rendered} per-subscriber mails (${digests} digests, ${rendered - digests} alert-only mails; ${(bytes / rendered / 1024).toFixed(1)} KiB of HTML+text each) — ${renderS.toFixed(1)} s`,
    );
    console.log(
      `digests: ${digests} digests (and ${rendered - digests} alert-only mails) built in ${totalS.toFixed(1)} s = ${Math.round(digests / totalS)} digests/s; peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB (${(rssBefore / 2 ** 20).toFixed(0)} MiB before the build)`,
    );
    console.log(
      `target: all ${SUBSCRIBERS} built in under 5 minutes -> ${totalS < 300 && digests + built.empty === SUBSCRIBERS ? "MET" : "NOT MET"} (${totalS.toFixed(1)} s)`,
    );

    // ---- 2. send ----
    const sink = await startSinkProcess();
    try {
      sqlite
        .prepare(
          "UPDATE outbox SET status = 'cancelled' WHERE id NOT IN (SELECT id FROM outbox ORDER BY id LIMIT ?)",
        )
        .run(SEND);
      const smtp = { ...config.mail, transport: "smtp" as const, smtpUrl: `smtp://127.0.0.1:${sink.port}` };
      const mailer = createMailer(smtp);
      const sender = new OutboxSender({
        store,
        mailer,
        renderers: { digest: render, alerts: createAlertsRenderer(deps) },
        concurrency: smtp.maxConnections,
      });
      const tSend = performance.now();
      const result = await sender.drain();
      const sendS = (performance.now() - tSend) / 1000;
      await mailer.close();
      const received = await sink.count();
      console.log(
        `send:   ${result.sent} mails over SMTP (pool of ${smtp.maxConnections}) in ${sendS.toFixed(1)} s = ${Math.round(result.sent / sendS)} mails/s; the sink accepted ${received}; failed ${result.failed}, retried ${result.retried}`,
      );
    } finally {
      sink.stop();
    }
    console.log(
      `peak RSS of the whole run: ${((process.resourceUsage().maxRSS * 1024) / 2 ** 20).toFixed(0)} MiB`,
    );
    await store.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Accounts for the first `n` subscribers (same address), each with two upvoted and one saved paper
 * of the last month and one saved search; their subscriptions get "Picked for you" with trending.
 */
function seedReaders(
  sqlite: NonNullable<Awaited<ReturnType<typeof openStore>>["sqlite"]>,
  n: number,
  recent: { id: string }[],
  random: () => number,
  now: string,
  lastRun: string,
): void {
  const user = sqlite.prepare(
    "INSERT INTO users (id, email, email_key, handle, handle_key, password_hash, email_verified_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'x', ?, ?, ?)",
  );
  const vote = sqlite.prepare("INSERT OR IGNORE INTO votes (user_id, paper_id, created_at) VALUES (?, ?, ?)");
  const collection = sqlite.prepare(
    "INSERT INTO collections (id, user_id, name, is_public, created_at, updated_at, slug) VALUES (?, ?, 'Saved', 0, ?, ?, ?)",
  );
  const item = sqlite.prepare(
    "INSERT INTO collection_items (collection_id, paper_id, created_at) VALUES (?, ?, ?)",
  );
  const search = sqlite.prepare(
    "INSERT INTO saved_searches (id, user_id, query, delivery, last_run_at, created_at) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const link = sqlite.prepare("UPDATE subscribers SET user_id = ?, picks = 'with' WHERE id = ?");
  const paper = () => recent[Math.floor(random() * recent.length)].id;
  const SEARCHES = [
    "graph neural networks",
    "diffusion models",
    "large language models reasoning",
    "reinforcement learning from human feedback",
    "quantum error correction",
    "speech recognition",
    "protein structure",
    "category:cs.CV segmentation",
  ];

  sqlite.transaction(() => {
    for (let i = 0; i < n; i++) {
      const id = `user${String(i).padStart(8, "0")}`;
      const email = `reader${i}@example.org`;
      user.run(id, email, email, `reader${i}`, `reader${i}`, now, now, now);
      vote.run(id, paper(), now);
      vote.run(id, paper(), now);
      collection.run(`col-${id}`, id, now, now, `saved-${id}`);
      item.run(`col-${id}`, paper(), now);
      search.run(`s-${id}`, id, SEARCHES[i % SEARCHES.length], i % 2 ? "alert" : "digest", lastRun, now);
      link.run(id, `sub${String(i).padStart(8, "0")}`);
    }
  })();
}

function toItem(r: Record<string, unknown>): OutboxItem {
  return {
    id: r.id as string,
    subscriberId: r.subscriber_id as string,
    period: r.period as string,
    kind: r.kind as OutboxKind,
    recipient: r.recipient as string,
    editionId: r.edition_id as string,
    payload: r.payload as string | null,
    messageId: r.message_id as string,
    status: "sending",
    attempts: 1,
    nextAttemptAt: r.next_attempt_at as string,
    leaseUntil: null,
    claimId: null,
    lastError: null,
    createdAt: r.created_at as string,
    sentAt: null,
  };
}

function secs(t: number): string {
  return ((performance.now() - t) / 1000).toFixed(1);
}

function nextWeekday(day: string): string {
  let d = addDays(day, 1);
  while ([0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())) d = addDays(d, 1);
  return d;
}

function pick<T>(xs: T[], n: number, random: () => number): T[] {
  const copy = [...xs];
  const out: T[] = [];
  while (out.length < n && copy.length) out.push(copy.splice(Math.floor(random() * copy.length), 1)[0]);
  return out;
}

/** The SMTP sink, as a child process: accepts everything, counts, parses nothing. */
async function startSinkProcess(): Promise<{ port: number; count(): Promise<number>; stop(): void }> {
  const child = spawn(process.execPath, ["--import", "tsx", new URL(import.meta.url).pathname, "--sink"], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  let buffer = "";
  const waiters: ((line: string) => void)[] = [];
  child.stdout.on("data", (d) => {
    buffer += d;
    let nl = buffer.indexOf("\n");
    while (nl >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      waiters.shift()?.(line);
      nl = buffer.indexOf("\n");
    }
  });
  const next = () => new Promise<string>((resolve) => waiters.push(resolve));
  const port = Number((await next()).replace("ready ", ""));
  return {
    port,
    async count() {
      const reply = next();
      child.stdin.write("count\n");
      return Number(await reply);
    },
    stop() {
      child.kill("SIGTERM");
    },
  };
}

async function runSink(): Promise<void> {
  const { SMTPServer } = await import("smtp-server");
  let accepted = 0;
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, _session, cb) {
      stream.on("data", () => {});
      stream.on("end", () => {
        accepted++;
        cb();
      });
    },
  });
  server.listen(0, "127.0.0.1", () => {
    const address = server.server.address();
    process.stdout.write(`ready ${typeof address === "object" && address ? address.port : 0}\n`);
  });
  process.stdin.on("data", () => process.stdout.write(`${accepted}\n`));
  process.on("SIGTERM", () => process.exit(0));
}
