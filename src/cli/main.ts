// `papertide <command>`: the entry point of the CLI (and of `npm start`, which runs `serve`).
// Commands load on demand: `papertide import` should not pay for the web server, the mailer and
// the search engine at start-up (the full list is loaded only for `papertide --help`).
import { inspect } from "node:util";
import { ConfigError } from "../config/parse.ts";
import { CliError, type Command, EXIT } from "./command.ts";
import { forTerminal } from "./terminalText.ts";

const registry: Record<string, () => Promise<Command>> = {
  serve: async () => (await import("./commands/serve.ts")).serveCommand,
  import: async () => (await import("./commands/import.ts")).importCommand,
  sync: async () => (await import("./commands/sync.ts")).syncCommand,
  stats: async () => (await import("./commands/stats.ts")).statsCommand,
  search: async () => (await import("./commands/search.ts")).searchCommand,
  reindex: async () => (await import("./commands/reindex.ts")).reindexCommand,
  eval: async () => (await import("./commands/eval.ts")).evalCommand,
  digest: async () => (await import("./commands/digest.ts")).digestCommand,
  worker: async () => (await import("./commands/worker.ts")).workerCommand,
  admin: async () => (await import("../accounts/adminCommand.ts")).adminCommand,
  "migrate-data": async () => (await import("./commands/data.ts")).migrateDataCommand,
  backup: async () => (await import("./commands/data.ts")).backupCommand,
  restore: async () => (await import("./commands/data.ts")).restoreCommand,
};

async function usage(): Promise<string> {
  const commands = await Promise.all(Object.values(registry).map((load) => load()));
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "Papertide: self-hosted research-paper discovery.",
    "",
    "Usage: papertide <command> [options]",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Run `papertide <command> --help` for a command's options. Add --verbose to any command for",
    "stack traces on errors. Exit codes: 0 ok, 1 failure, 2 bad usage, 3 some records rejected.",
  ].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const verbose = argv.includes("--verbose");
  const args = argv.filter((a) => a !== "--verbose");
  const [name, ...rest] = args;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(await usage());
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === "--version" || name === "-v") {
    console.log("papertide 0.1.0");
    return EXIT.ok;
  }
  const load = Object.hasOwn(registry, name) ? registry[name] : undefined;
  if (!load) {
    console.error(`papertide: unknown command "${name}"\n\n${await usage()}`);
    return EXIT.usage;
  }
  const command = await load();
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(command.help);
    return EXIT.ok;
  }
  try {
    try {
      return await command.run(rest);
    } catch (e) {
      // A malformed setting is bad usage, reported like a bad flag: the message names the variable.
      if (e instanceof ConfigError) throw new CliError(e.message, EXIT.usage);
      throw e;
    }
  } catch (e) {
    // Messages may quote files, feeds and arguments: printed with control characters escaped.
    const message = forTerminal(String((e as Error)?.message ?? e), { keepNewlines: true });
    if (verbose) console.error(forTerminal(inspect(e), { keepNewlines: true }));
    else if (e instanceof CliError) console.error(`papertide ${name}: ${message}`);
    else console.error(`papertide ${name}: ${message}\n(run again with --verbose for details)`);
    if (e instanceof CliError && e.exitCode === EXIT.usage) console.error(`Try: papertide ${name} --help`);
    return e instanceof CliError ? e.exitCode : EXIT.failure;
  }
}

const code = await main(process.argv.slice(2));
// serve keeps the event loop alive on its own; everything else exits with its code.
if (code !== -1) process.exitCode = code;
