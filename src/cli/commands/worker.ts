// papertide worker: the digest scheduler and the mail sender, without the web server. Run it
// next to `papertide serve` (it is safe to run both: sends are claimed atomically) or instead of
// the server's own scheduler (PAPERTIDE_SCHEDULER=0 on serve).
import { loadConfig } from "../../config/load.ts";
import { createDigestDeps } from "../../digest/deps.ts";
import { createDigestService } from "../../digest/service.ts";
import { OutboxSignal } from "../../mail/outboxSignal.ts";
import { systemClock } from "../../model/clock.ts";
import { SearchState } from "../../search/state.ts";
import { openStore } from "../../store/db.ts";
import { outboxCounts } from "../../store/outbox.ts";
import { type Command, EXIT, parseCommandArgs } from "../command.ts";
import { forTerminal } from "../terminalText.ts";

export const workerCommand: Command = {
  name: "worker",
  summary: "Build and send the email digests (scheduler and mail sender, no web server)",
  help: `Usage: papertide worker [--once]

Builds each period's digests when they are due (daily on weekdays, weekly on Mondays, at
PAPERTIDE_DIGEST_HOUR UTC) and sends the outbox over SMTP (PAPERTIDE_SMTP_URL), or into
<data dir>/outbox/*.eml when no SMTP server is configured. Stops cleanly on SIGINT/SIGTERM;
after a crash or kill -9, the next start finishes what was in flight without sending twice.

Options:
  --once   build what is due, send what can be sent now (waiting for mails a killed worker
           left half-sent), then exit; mails waiting for a retry stay queued (for cron)`,
  async run(argv) {
    const { values } = parseCommandArgs(argv, { once: { type: "boolean" } }, false);
    const config = loadConfig();
    const store = await openStore(config.databaseUrl);
    // Lines may quote remote answers (an SMTP server's reply): control characters escaped.
    const log = (line: string) => console.log(`${systemClock.now().toISOString()} ${forTerminal(line)}`);
    let service: Awaited<ReturnType<typeof createDigestService>>;
    try {
      // The worker's wiring: one clock, one outbox signal and one search index for its scheduler
      // and sender.
      const deps = await createDigestDeps(
        { config, store },
        { clock: systemClock, outbox: new OutboxSignal(), search: new SearchState(store.db) },
      );
      service = await createDigestService(deps, { log, scheduler: true });
    } catch (e) {
      await store.close();
      throw e;
    }
    if (values.once) {
      try {
        for (const r of (await service.scheduler?.tick()) ?? []) {
          log(`digest: built ${r.period}: ${r.enqueued} mails queued`);
        }
        const result = await service.sender.drain({ waitForLeases: true });
        const left = await outboxCounts(store.db);
        log(
          `mail: ${result.sent} sent, ${result.retried} to retry, ${result.failed} failed, ${result.cancelled} cancelled; ${left.pending} pending`,
        );
        return EXIT.ok;
      } finally {
        await service.stop();
        await store.close();
      }
    }
    service.start();
    log("worker: running (Ctrl-C to stop)");
    await new Promise<void>((resolve) => {
      for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => resolve());
    });
    log("worker: stopping after the mails in flight");
    await service.stop();
    await store.close();
    return EXIT.ok;
  },
};
