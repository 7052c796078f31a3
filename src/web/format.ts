// Human-readable dates, counts and author lists for the pages. Feed days are UTC calendar days,
// so every date is formatted in UTC (a reader in another zone still sees the list's own date).

import type { Period } from "../lists/periods.ts";
import { count } from "../text/numbers.ts";

const LONG_DAY = new Intl.DateTimeFormat("en-US", {
  timeZone: "UTC",
  weekday: "long",
  year: "numeric",
  month: "long",
  day: "numeric",
});
const SHORT_DAY = new Intl.DateTimeFormat("en-US", {
  timeZone: "UTC",
  year: "numeric",
  month: "short",
  day: "numeric",
});
const DAY_NO_YEAR = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", month: "short", day: "numeric" });
const MONTH = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", year: "numeric", month: "long" });
const SHORT_MONTH = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", year: "numeric", month: "short" });

function utcDate(dayOrIso: string): Date {
  return new Date(dayOrIso.length === 10 ? `${dayOrIso}T00:00:00Z` : dayOrIso);
}

/** "Friday, June 12, 2026" */
export function longDay(day: string): string {
  return LONG_DAY.format(utcDate(day));
}

/** "Jun 12, 2026" (accepts a day or an ISO timestamp) */
export function shortDay(dayOrIso: string): string {
  return SHORT_DAY.format(utcDate(dayOrIso));
}

/** "Jun 12" */
export function dayWithoutYear(day: string): string {
  return DAY_NO_YEAR.format(utcDate(day));
}

/** "June 2026" for a month period, "Jun 2026" when short. */
export function monthName(period: Period, short = false): string {
  return (short ? SHORT_MONTH : MONTH).format(utcDate(period.from));
}

/** "Week 24" */
export function weekName(period: Period): string {
  return `Week ${Number(period.label.slice(6))}`;
}

/** "Jun 8 – Jun 14, 2026", or with both years when the week spans New Year. */
export function dayRange(from: string, to: string): string {
  return from.slice(0, 4) === to.slice(0, 4)
    ? `${dayWithoutYear(from)} – ${shortDay(to)}`
    : `${shortDay(from)} – ${shortDay(to)}`;
}

export { count };

/** "1 paper", "250 papers" */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** The first `shown` authors and how many more there are. */
export function authorSummary(authors: string[], shown = 3): { names: string[]; more: number } {
  // Showing "+ 1 more" saves no space over the name itself.
  const take = authors.length === shown + 1 ? authors.length : shown;
  return { names: authors.slice(0, take), more: Math.max(0, authors.length - take) };
}
