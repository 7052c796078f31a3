import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { addDays, isoWeekOf, parseDay, parseMonth, parseWeek, shiftPeriod, weekPeriodOf } from "./periods.ts";

test("parseDay accepts real days only", () => {
  assert.equal(parseDay("2026-06-12"), "2026-06-12");
  assert.equal(parseDay("2024-02-29"), "2024-02-29");
  assert.equal(parseDay("2026-02-29"), null);
  assert.equal(parseDay("2026-6-1"), null);
  assert.equal(parseDay("yesterday"), null);
});

test("ISO weeks: known boundaries", () => {
  assert.deepEqual(parseWeek("2026-W24"), {
    kind: "week",
    label: "2026-W24",
    from: "2026-06-08",
    to: "2026-06-14",
  });
  // 2021-01-03 is a Sunday that still belongs to 2020-W53.
  assert.equal(isoWeekOf("2021-01-03").label, "2020-W53");
  assert.equal(isoWeekOf("2024-12-30").label, "2025-W01");
  assert.equal(parseWeek("2026-W54"), null);
  assert.equal(parseWeek("2026-W00"), null);
  assert.equal(parseWeek("2020-W53")?.from, "2020-12-28");
});

test("months", () => {
  assert.deepEqual(parseMonth("2024-02"), {
    kind: "month",
    label: "2024-02",
    from: "2024-02-01",
    to: "2024-02-29",
  });
  assert.equal(parseMonth("2026-13"), null);
  assert.equal(shiftPeriod(parseMonth("2026-01") as never, -1).label, "2025-12");
});

test("every day lies in the ISO week computed for it, and weeks tile the calendar", () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 365 * 60 }), (n) => {
      const day = addDays("1990-01-01", n);
      const week = weekPeriodOf(day);
      assert.ok(week.from <= day && day <= week.to, `${day} not in ${week.label}`);
      assert.equal(addDays(week.from, 6), week.to);
      assert.equal(shiftPeriod(week, 1).from, addDays(week.to, 1));
    }),
  );
});
