// Request budgets as the environment writes them: "600" (per minute), "600/minute", "20/second",
// "10000/hour" or "off".
import { ConfigError } from "./parse.ts";

/** A request budget: `max` requests per `timeWindowMs`. */
export interface RateLimit {
  max: number;
  timeWindowMs: number;
}

const WINDOWS: Record<string, number> = { second: 1000, minute: 60_000, hour: 3_600_000 };
const UNIT_ALIASES: Record<string, string> = {
  s: "second",
  sec: "second",
  m: "minute",
  min: "minute",
  h: "hour",
};

/** "600" (per minute), "600/minute", "20/second", "10000/hour" or "off" (null: no limit). */
export function parseRateLimit(raw: string, name: string): RateLimit | null {
  const text = raw.trim().toLowerCase();
  if (["off", "0", "none", "false"].includes(text)) return null;
  const m = /^(\d+)\s*(?:\/\s*([a-z]+))?$/.exec(text);
  const unit = m?.[2] ? (UNIT_ALIASES[m[2]] ?? m[2]) : "minute";
  if (!m || !(unit in WINDOWS) || Number(m[1]) < 1) {
    throw new ConfigError(`${name} must be like "600", "600/minute", "20/second" or "off", got "${raw}"`);
  }
  return { max: Number(m[1]), timeWindowMs: WINDOWS[unit] };
}
