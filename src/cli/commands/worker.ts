// papertide worker: the background work of an instance without the web server: digest builds,
// the mail sender, scheduled syncs (arXiv after each announcement, the daily-papers mirror),
// search expansions and similar papers. Any number of workers and servers may run on one database: every job is
// claimed through it (src/worker/leasedJob.ts), and a dead process's job is taken over.
import { loadConfig } from "../../config/load.ts";
import { createDigestDeps } from "../../digest/deps.ts";
import { OutboxSignal } from "../../mail/outboxSignal.ts";
import { systemClock } from "../../model/clock.ts";
import { SearchState } from "../../search/state.ts";
import { openStore } from "../../store/db.ts";
import { outboxCounts } from "../../store/outbox.ts";
import { type BackgroundWork, createBackgroundWork } from "../../worker/backgroundWork.ts";
import { type Command, EXIT, parseCommandArgs } from "../command.ts";
import { forTerminal } from "../terminalText.ts";

export const workerCommand: Command = {
  name: "worker",
  summary:
    "Run the background work: digests and mail, scheduled syncs, search expansions, similar papers (no web server)",
  help: `Usage: papertide worker [--once]

Builds each period's digests when they are due (daily on weekdays, weekly on Mondays, at
PAPERTIDE_DIGEST_HOUR UTC) and sends the outbox over SMTP (PAPERTIDE_SMTP_URL), or into
<data dir>/outbox/*.eml when no SMTP server is configured. Syncs arXiv for PAPERTIDE_CATEGORIES
after each announcement (Sunday-Thursday 20:00 US Eastern; PAPERTIDE_SYNC_ARXIV) and mirrors
PAPERTIDE_DAILY_PAPERS_URL when set. Computes search expansions for newly imported papers, and
the similar papers of the papers readers are most likely to open (the newest days' lists, the
community's recent picks).

Any number of workers (and servers) may run on one database: each job is claimed with a lease
(PAPERTIDE_JOB_LEASE_MS), and the job of a worker that dies, even by kill -9, is taken over by
another once its lease runs out, without sending a mail twice. Stops cleanly on SIGINT/SIGTERM.

Options:
  --once   build what is due, run the syncs that are due, send what can be sent now (waiting
           for mails a killed worker left half-sent), then exit; mails waiting for a retry stay
           queued (for cron)`,
  async run(argv) {
    const { values } = parseCommandArgs(argv, { once: { type: "boolean" } }, false);
    const config = loadConfig();
    const store = await openStore(config.databaseUrl);
    // Lines may quote remote answers (an SMTP server's reply): control characters escaped.
    const log = (line: string) => console.log(`${systemClock.now().toISOString()} ${forTerminal(line)}`);
    let work: BackgroundWork;
    try {
      // The worker's wiring: one clock, one outbox signal and one search index for all its jobs.
      const search = new SearchState(store.db, systemClock);
      const digest = await createDigestDeps(
        { config, store },
        { clock: systemClock, outbox: new OutboxSignal(), search },
      );
      work = await createBackgroundWork(
        { config, store },
        { digest, search, clock: systemClock },
        { schedules: true, expansions: !values.once, log },
      );
    } catch (e) {
      await store.close();
      throw e;
    }
    if (values.once) {
      try {
        for (const r of (await work.digests.scheduler?.tick()) ?? []) {
          log(`digest: built ${r.period}: ${r.enqueued} mails queued`);
        }
        await work.sync?.tick();
        const result = await work.digests.sender.drain({ waitForLeases: true });
        const left = await outboxCounts(store.db);
        log(
          `mail: ${result.sent} sent, ${result.retried} to retry, ${result.failed} failed, ${result.cancelled} cancelled; ${left.pending} pending`,
        );
        return EXIT.ok;
      } finally {
        await work.stop();
        await store.close();
      }
    }
    work.start();
    log(`worker: running as ${work.lease.owner} (Ctrl-C to stop)`);
    await new Promise<void>((resolve) => {
      for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => resolve());
    });
    log("worker: stopping after the mails in flight");
    await work.stop();
    await store.close();
    return EXIT.ok;
  },
};
