// The shape every CLI command shares, and the errors that map to exit codes scripts can trust:
//   0 success · 1 failure · 2 bad usage · 3 finished, but some input records were rejected
import { type ParseArgsConfig, parseArgs } from "node:util";

export const EXIT = { ok: 0, failure: 1, usage: 2, partial: 3 } as const;

export interface Command {
  name: string;
  summary: string;
  /** Full --help text. */
  help: string;
  run(argv: string[]): Promise<number>;
}

/** An expected failure: printed as one line, no stack trace (unless --verbose). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
  ) {
    super(message);
  }
}

export class UsageError extends CliError {
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}

/** node:util parseArgs with usage errors turned into UsageError. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig["options"]>>(
  argv: string[],
  options: T,
  allowPositionals = true,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}
