import assert from "node:assert/strict";
import { test } from "node:test";
import {
  dailyPeriod,
  latestDuePeriod,
  nextPeriod,
  periodLabel,
  periodOnOrAfter,
  weeklyPeriod,
} from "./periods.ts";

test("daily digests go out on weekdays; Monday's covers Friday to Sunday", () => {
  assert.deepEqual(dailyPeriod("2026-06-16", 7), {
    key: "daily:2026-06-16",
    frequency: "daily",
    mailDay: "2026-06-16",
    from: "2026-06-15",
    to: "2026-06-15",
    dueAt: "2026-06-16T07:00:00.000Z",
  });
  const monday = dailyPeriod("2026-06-15", 7);
  assert.deepEqual([monday.from, monday.to], ["2026-06-12", "2026-06-14"]);
  assert.throws(() => dailyPeriod("2026-06-13", 7), /weekdays/);
});

test("every day is covered by exactly one daily digest", () => {
  const covered = new Map<string, string>();
  for (let d = Date.parse("2026-06-01"); d < Date.parse("2026-08-01"); d += 86_400_000) {
    const day = new Date(d).toISOString().slice(0, 10);
    const dow = new Date(d).getUTCDay();
    if (dow === 0 || dow === 6) continue;
    const p = dailyPeriod(day, 7);
    for (let x = Date.parse(p.from); x <= Date.parse(p.to); x += 86_400_000) {
      const c = new Date(x).toISOString().slice(0, 10);
      assert.ok(!covered.has(c), `${c} covered twice`);
      covered.set(c, p.key);
    }
  }
  for (let d = Date.parse("2026-06-01"); d < Date.parse("2026-07-31"); d += 86_400_000) {
    assert.ok(covered.has(new Date(d).toISOString().slice(0, 10)) || d < Date.parse("2026-06-01"));
  }
});

test("weekly digests go out on Mondays for the previous ISO week", () => {
  const p = weeklyPeriod("2026-06-22", 7);
  assert.deepEqual([p.key, p.from, p.to], ["weekly:2026-W25", "2026-06-15", "2026-06-21"]);
  assert.throws(() => weeklyPeriod("2026-06-23", 7), /Mondays/);
  // Across a year boundary: 2027-01-04 is a Monday; the week before is 2026-W53.
  assert.equal(weeklyPeriod("2027-01-04", 7).key, "weekly:2026-W53");
});

test("the due period and the next one, around the send hour", () => {
  const tue0659 = Date.parse("2026-06-16T06:59:00Z");
  const tue0700 = Date.parse("2026-06-16T07:00:00Z");
  assert.equal(latestDuePeriod("daily", tue0659, 7).key, "daily:2026-06-15");
  assert.equal(latestDuePeriod("daily", tue0700, 7).key, "daily:2026-06-16");
  assert.equal(nextPeriod("daily", tue0700, 7).key, "daily:2026-06-17");
  const sat = Date.parse("2026-06-20T12:00:00Z");
  assert.equal(latestDuePeriod("daily", sat, 7).key, "daily:2026-06-19");
  assert.equal(nextPeriod("daily", sat, 7).key, "daily:2026-06-22");
  assert.equal(latestDuePeriod("weekly", sat, 7).key, "weekly:2026-W24");
  assert.equal(periodOnOrAfter("daily", "2026-06-13", 7).key, "daily:2026-06-15");
});

test("labels", () => {
  assert.equal(periodLabel(dailyPeriod("2026-06-16", 7)), "Mon 15 Jun 2026");
  assert.equal(periodLabel(dailyPeriod("2026-06-15", 7)), "12–14 Jun 2026");
  assert.equal(periodLabel(dailyPeriod("2026-06-01", 7)), "29–31 May 2026");
  assert.equal(periodLabel(dailyPeriod("2026-03-02", 7)), "27 Feb – 1 Mar 2026");
  assert.equal(periodLabel(weeklyPeriod("2026-06-22", 7)), "week 25 (15–21 Jun 2026)");
});
