// Digest periods. Like arXiv's mailings, daily digests go out on weekdays: the mail of weekday D
// covers the list days since the previous weekday's mail, i.e. D-1 (Tuesday..Friday) or
// Friday..Sunday (Monday), so every list day (featured papers can land on weekends) is in exactly
// one daily digest. Weekly digests go out on Mondays and cover the previous ISO week.
// Mails are due at PAPERTIDE_DIGEST_HOUR (UTC) of their mail day: a day's upvotes have had a
// night to accumulate.
import { addDays, isoWeekOf, parseDay, weekPeriodOf } from "../lists/periods.ts";
import type { Frequency } from "../store/subscribers.ts";

export interface DigestPeriod {
  /** Unique per frequency and mail: "daily:2026-06-16", "weekly:2026-W24". */
  key: string;
  frequency: Frequency;
  /** The UTC day the mail goes out. */
  mailDay: string;
  /** Covered list days, inclusive. */
  from: string;
  to: string;
  /** ISO time the mail is due. */
  dueAt: string;
}

function weekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
}

export function isWeekday(day: string): boolean {
  const d = weekday(day);
  return d >= 1 && d <= 5;
}

function dueAt(day: string, hour: number): string {
  return `${day}T${String(hour).padStart(2, "0")}:00:00.000Z`;
}

/** The daily digest mailed on `mailDay` (must be Monday..Friday). */
export function dailyPeriod(mailDay: string, hour: number): DigestPeriod {
  if (!isWeekday(mailDay)) throw new Error(`daily digests go out on weekdays; ${mailDay} is not one`);
  const from = weekday(mailDay) === 1 ? addDays(mailDay, -3) : addDays(mailDay, -1);
  return {
    key: `daily:${mailDay}`,
    frequency: "daily",
    mailDay,
    from,
    to: addDays(mailDay, -1),
    dueAt: dueAt(mailDay, hour),
  };
}

/** The weekly digest mailed on Monday `mailDay`: the ISO week before it. */
export function weeklyPeriod(mailDay: string, hour: number): DigestPeriod {
  if (weekday(mailDay) !== 1) throw new Error(`weekly digests go out on Mondays; ${mailDay} is not one`);
  const week = weekPeriodOf(addDays(mailDay, -7));
  return {
    key: `weekly:${week.label}`,
    frequency: "weekly",
    mailDay,
    from: week.from,
    to: week.to,
    dueAt: dueAt(mailDay, hour),
  };
}

function isMailDay(frequency: Frequency, day: string): boolean {
  return frequency === "daily" ? isWeekday(day) : weekday(day) === 1;
}

export function periodFor(frequency: Frequency, mailDay: string, hour: number): DigestPeriod {
  return frequency === "daily" ? dailyPeriod(mailDay, hour) : weeklyPeriod(mailDay, hour);
}

/** The newest period already due at `nowMs`. */
export function latestDuePeriod(frequency: Frequency, nowMs: number, hour: number): DigestPeriod {
  let day = new Date(nowMs).toISOString().slice(0, 10);
  for (let i = 0; i < 15; i++, day = addDays(day, -1)) {
    if (!isMailDay(frequency, day)) continue;
    const p = periodFor(frequency, day, hour);
    if (Date.parse(p.dueAt) <= nowMs) return p;
  }
  throw new Error("unreachable: a mail day exists in every 15 days");
}

/** The first period not yet due at `nowMs`. */
export function nextPeriod(frequency: Frequency, nowMs: number, hour: number): DigestPeriod {
  let day = new Date(nowMs).toISOString().slice(0, 10);
  for (let i = 0; i < 15; i++, day = addDays(day, 1)) {
    if (!isMailDay(frequency, day)) continue;
    const p = periodFor(frequency, day, hour);
    if (Date.parse(p.dueAt) > nowMs) return p;
  }
  throw new Error("unreachable: a mail day exists in every 15 days");
}

/** The period whose mail goes out on the first mail day on or after `day`. */
export function periodOnOrAfter(frequency: Frequency, day: string, hour: number): DigestPeriod {
  if (!parseDay(day)) throw new Error(`not a day: ${day}`);
  let d = day;
  while (!isMailDay(frequency, d)) d = addDays(d, 1);
  return periodFor(frequency, d, hour);
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

function parts(day: string) {
  const d = new Date(`${day}T00:00:00Z`);
  return { dow: DAYS[d.getUTCDay()], d: d.getUTCDate(), m: MONTHS[d.getUTCMonth()], y: d.getUTCFullYear() };
}

/** "Mon 15 Jun 2026", "12–14 Jun 2026", "week 24 (8–14 Jun 2026)". */
export function periodLabel(p: Pick<DigestPeriod, "frequency" | "from" | "to">): string {
  const a = parts(p.from);
  const b = parts(p.to);
  const range =
    p.from === p.to
      ? `${a.dow} ${a.d} ${a.m} ${a.y}`
      : a.m === b.m && a.y === b.y
        ? `${a.d}–${b.d} ${b.m} ${b.y}`
        : a.y === b.y
          ? `${a.d} ${a.m} – ${b.d} ${b.m} ${b.y}`
          : `${a.d} ${a.m} ${a.y} – ${b.d} ${b.m} ${b.y}`;
  return p.frequency === "weekly" ? `week ${isoWeekOf(p.from).week} (${range})` : range;
}
