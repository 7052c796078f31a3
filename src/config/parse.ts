// The shared vocabulary of the settings loaders: one error type naming the variable and the
// value, and the few value shapes the environment holds (whole numbers, switches).

/** A setting that cannot be used: the message names the variable and the value given. */
export class ConfigError extends Error {}

/** The environment as the loaders read it: process.env at start, a plain object in tests. */
export type Env = Record<string, string | undefined>;

/** A whole number in [min, max]; `fallback` when unset or blank. */
export function wholeNumber(
  env: Env,
  name: string,
  fallback: number,
  min = 1,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    const range =
      max === Number.MAX_SAFE_INTEGER
        ? min === 1
          ? "a whole number above 0"
          : `a whole number >= ${min}`
        : `a whole number from ${min} to ${max}`;
    throw new ConfigError(`${name} must be ${range}, got "${raw}"`);
  }
  return n;
}

/** A yes/no switch: "0", "false", "no", "off" are no; anything else yes; `fallback` when unset. */
export function switchOn(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined) return fallback;
  return !["0", "false", "no", "off"].includes(raw.trim().toLowerCase());
}
