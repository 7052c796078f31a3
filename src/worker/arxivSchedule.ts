// When arXiv announces: Sunday to Thursday at 20:00 in New York (US Eastern, so 00:00 UTC in
// summer and 01:00 UTC in winter). The wall time is converted with Intl's time-zone data, so
// daylight-saving changes move the UTC instant as they do at arXiv, not a fixed offset.
// (arXiv skips a few holidays; a sync on such an evening finds nothing new, which is harmless.)

export const ARXIV_ZONE = "America/New_York";
const ANNOUNCE_HOUR = 20;
/** Sunday..Thursday, as Date#getUTCDay numbers the days. */
const ANNOUNCE_DAYS = new Set([0, 1, 2, 3, 4]);

const parts = new Intl.DateTimeFormat("en-US", {
  timeZone: ARXIV_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** The wall time in New York at `ms`, written as if it were UTC (for offset arithmetic). */
function wallAsUtc(ms: number): number {
  const p = Object.fromEntries(parts.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
}

/** The instant at which New York's clocks show `hour`:00 on the given calendar day. */
export function newYorkTime(year: number, month: number, day: number, hour: number): Date {
  const wall = Date.UTC(year, month - 1, day, hour);
  // The offset at a first guess, then at the corrected instant (the two differ only next to a
  // daylight-saving change).
  let t = wall - (wallAsUtc(wall) - wall);
  t = wall - (wallAsUtc(t) - t);
  return new Date(t);
}

/** The New York calendar day of an instant. */
function newYorkDay(ms: number): { year: number; month: number; day: number } {
  const d = new Date(wallAsUtc(ms));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function announcementOn(year: number, month: number, day: number): Date | null {
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return ANNOUNCE_DAYS.has(weekday) ? newYorkTime(year, month, day, ANNOUNCE_HOUR) : null;
}

/** The latest announcement at or before `now`. */
export function latestAnnouncement(now: Date): Date {
  const today = newYorkDay(now.getTime());
  for (let back = 0; back < 8; back++) {
    const d = new Date(Date.UTC(today.year, today.month - 1, today.day - back));
    const at = announcementOn(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
    if (at && at.getTime() <= now.getTime()) return at;
  }
  throw new Error("unreachable: arXiv announces on five days of every week");
}

/** The first announcement after `now`. */
export function nextAnnouncement(now: Date): Date {
  const today = newYorkDay(now.getTime());
  for (let ahead = 0; ahead < 8; ahead++) {
    const d = new Date(Date.UTC(today.year, today.month - 1, today.day + ahead));
    const at = announcementOn(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
    if (at && at.getTime() > now.getTime()) return at;
  }
  throw new Error("unreachable: arXiv announces on five days of every week");
}
