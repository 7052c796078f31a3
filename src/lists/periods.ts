// Calendar periods of the feed: a day (YYYY-MM-DD), an ISO week (YYYY-Www) or a month (YYYY-MM),
// each turned into an inclusive range of UTC days.

export type PeriodKind = "day" | "week" | "month";

export interface Period {
  kind: PeriodKind;
  /** The canonical label: 2026-06-12, 2026-W24 or 2026-06. */
  label: string;
  /** First and last day, inclusive, YYYY-MM-DD. */
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;

export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function utc(y: number, m: number, d: number): Date {
  return new Date(Date.UTC(y, m - 1, d));
}

export function addDays(day: string, n: number): string {
  return isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS));
}

/** Validates a real calendar day, e.g. rejects 2026-02-30. */
export function parseDay(s: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const d = utc(+m[1], +m[2], +m[3]);
  return isoDay(d) === s ? s : null;
}

export function dayPeriod(day: string): Period {
  return { kind: "day", label: day, from: day, to: day };
}

/** Monday of ISO week 1 of a year (the week holding January 4th). */
function isoWeekOneMonday(year: number): Date {
  const jan4 = utc(year, 1, 4);
  return new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * DAY_MS);
}

export function parseWeek(s: string): Period | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(s);
  if (!m) return null;
  const year = +m[1];
  const week = +m[2];
  const weeksInYear = isoWeekOf(isoDay(utc(year, 12, 28))).week;
  if (week < 1 || week > weeksInYear) return null;
  const monday = new Date(isoWeekOneMonday(year).getTime() + (week - 1) * 7 * DAY_MS);
  return { kind: "week", label: s, from: isoDay(monday), to: addDays(isoDay(monday), 6) };
}

/** The ISO week a day falls in. */
export function isoWeekOf(day: string): { year: number; week: number; label: string } {
  const d = new Date(`${day}T00:00:00Z`);
  const thursday = new Date(d.getTime() + (3 - ((d.getUTCDay() + 6) % 7)) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - isoWeekOneMonday(year).getTime()) / (7 * DAY_MS)) + 1;
  return { year, week, label: `${year}-W${String(week).padStart(2, "0")}` };
}

export function parseMonth(s: string): Period | null {
  const m = /^(\d{4})-(\d{2})$/.exec(s);
  if (!m || +m[2] < 1 || +m[2] > 12) return null;
  const first = utc(+m[1], +m[2], 1);
  const last = utc(+m[1], +m[2] + 1, 0);
  return { kind: "month", label: s, from: isoDay(first), to: isoDay(last) };
}

export function weekPeriodOf(day: string): Period {
  return parseWeek(isoWeekOf(day).label) as Period;
}

export function monthPeriodOf(day: string): Period {
  return parseMonth(day.slice(0, 7)) as Period;
}

/** The period before/after this one, of the same kind. */
export function shiftPeriod(p: Period, dir: -1 | 1): Period {
  if (p.kind === "day") return dayPeriod(addDays(p.from, dir));
  if (p.kind === "week") return weekPeriodOf(addDays(p.from, 7 * dir));
  const [y, m] = p.label.split("-").map(Number);
  const d = utc(y, m + dir, 1);
  return monthPeriodOf(isoDay(d));
}
