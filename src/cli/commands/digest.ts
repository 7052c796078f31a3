// papertide digest preview|status: look at what the digests will send, without sending.
import fs from "node:fs";
import { loadConfig } from "../../config/load.ts";
import { createDigestDeps } from "../../digest/deps.ts";
import { previewDigest } from "../../digest/digestPreview.ts";
import { periodLabel } from "../../digest/periods.ts";
import { redactTokens } from "../../digest/tokens.ts";
import { parseDay } from "../../lists/periods.ts";
import { OutboxSignal } from "../../mail/outboxSignal.ts";
import { describeMailSettings } from "../../mail/settings.ts";
import { systemClock } from "../../model/clock.ts";
import { SearchState } from "../../search/state.ts";
import { openStore } from "../../store/db.ts";
import { recentRuns } from "../../store/digestRuns.ts";
import { outboxCounts } from "../../store/outbox.ts";
import { personalCounts } from "../../store/savedSearches.ts";
import { countSubscribersByStatus } from "../../store/subscribers.ts";
import { CliError, type Command, EXIT, parseCommandArgs, UsageError } from "../command.ts";
import { forTerminal } from "../terminalText.ts";

const HELP = `Usage: papertide digest <preview|status> [options]

  preview --email ADDRESS [--date YYYY-MM-DD] [--html FILE]
      Builds the next digest this subscriber would get, exactly as the scheduler would, and
      prints its subject, headers and text part (link tokens shown as <token>). Nothing is
      stored or sent. --date previews the digest mailed on that day (or the next mail day after
      it) instead of the next one: useful on an instance whose newest papers are older.
      --html FILE writes the HTML part to FILE (the exact mail, with working links).

  status [--json]
      Subscribers by status, the outbox by status and the latest digest builds.

Digests are sent by \`papertide serve\` (unless PAPERTIDE_SCHEDULER=0) or \`papertide worker\`.`;

export const digestCommand: Command = {
  name: "digest",
  summary: "Preview a subscriber's next email digest, or show the digest and outbox status",
  help: HELP,
  async run(argv) {
    const [sub, ...rest] = argv;
    if (sub === "preview") return preview(rest);
    if (sub === "status") return status(rest);
    throw new UsageError(
      sub ? `unknown subcommand "${sub}" (preview or status)` : "give a subcommand: preview or status",
    );
  },
};

async function preview(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    argv,
    { email: { type: "string" }, date: { type: "string" }, html: { type: "string" } },
    false,
  );
  if (!values.email) throw new UsageError("--email ADDRESS is required");
  if (values.date && !parseDay(values.date))
    throw new UsageError(`--date must be a day like 2026-06-15, got "${values.date}"`);
  const cfg = loadConfig();
  const store = await openStore(cfg.databaseUrl);
  try {
    // A preview records nothing and sends nothing: no sender listens to this signal.
    const deps = await createDigestDeps(
      { config: cfg, store },
      { clock: systemClock, outbox: new OutboxSignal(), search: new SearchState(store.db) },
    );
    const outcome = await previewDigest(deps, values.email, { day: values.date });
    if (!outcome.ok) {
      if (outcome.reason !== "empty") throw new CliError(outcome.message);
      const hint = outcome.latestDay
        ? ` The newest list day is ${outcome.latestDay}; try --date with a day after it.`
        : "";
      console.log(
        `No digest for ${outcome.subscriber.email} (${outcome.period.key}): ${outcome.message}.${hint}`,
      );
      return EXIT.ok;
    }
    const { message, period, subscriber } = outcome;
    if (subscriber.status !== "active")
      console.log(`(note: this subscription is ${subscriber.status}; the scheduler would not send it)`);
    console.log(`Period:    ${period.key} (${periodLabel(period)}), due ${period.dueAt}`);
    console.log(`Transport: ${describeMailSettings(deps.mail)}`);
    console.log(`From:      ${deps.mail.from}`);
    console.log(`To:        ${message.to}`);
    console.log(`Subject:   ${forTerminal(message.subject)}`);
    console.log(`Message-ID: ${message.messageId}`);
    for (const [k, v] of Object.entries(message.headers ?? {})) {
      console.log(`${k}: ${forTerminal(redactTokens(v))}`);
    }
    console.log("");
    // The digest quotes imported titles and abstracts: printed with control characters escaped.
    console.log(forTerminal(redactTokens(message.text), { keepNewlines: true }));
    if (values.html) {
      fs.writeFileSync(values.html, message.html ?? "", { mode: 0o600 });
      console.log(`HTML part written to ${values.html}`);
    }
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

async function status(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, { json: { type: "boolean" } }, false);
  const cfg = loadConfig();
  const store = await openStore(cfg.databaseUrl);
  try {
    const report = {
      subscribers: await countSubscribersByStatus(store.db),
      outbox: await outboxCounts(store.db),
      personal: await personalCounts(store.db),
      builds: await recentRuns(store.db, 10),
    };
    if (values.json) {
      console.log(JSON.stringify(report, null, 2));
      return EXIT.ok;
    }
    const fmt = (o: Record<string, number>) =>
      Object.entries(o)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ") || "none";
    console.log(`subscribers  ${fmt(report.subscribers)}`);
    console.log(`outbox       ${fmt(report.outbox)}`);
    console.log(
      `personal     ${report.personal.picks} with "Picked for you", ${report.personal.savedSearches} saved searches (${report.personal.alertOnly} alert-only)`,
    );
    console.log("builds");
    for (const b of report.builds) {
      console.log(
        `  ${b.period.padEnd(22)} ${b.finishedAt ? `finished ${b.finishedAt}` : `started ${b.startedAt} (unfinished)`}  ${b.editions} editions, ${b.enqueued} mails`,
      );
    }
    if (report.builds.length === 0) console.log("  none yet");
    return EXIT.ok;
  } finally {
    await store.close();
  }
}
