import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseMonth, parseWeek } from "../lists/periods.ts";
import { authorSummary, dayRange, longDay, monthName, plural, shortDay, weekName } from "./format.ts";

describe("format", () => {
  it("formats UTC days whatever the server's zone", () => {
    assert.equal(longDay("2026-06-12"), "Friday, June 12, 2026");
    assert.equal(shortDay("2026-06-12"), "Jun 12, 2026");
    assert.equal(shortDay("2026-06-12T23:30:00.000Z"), "Jun 12, 2026");
  });

  it("names weeks and months", () => {
    const week = parseWeek("2026-W24");
    const month = parseMonth("2026-06");
    assert.ok(week && month);
    assert.equal(weekName(week), "Week 24");
    assert.equal(dayRange(week.from, week.to), "Jun 8 – Jun 14, 2026");
    assert.equal(dayRange("2026-12-28", "2027-01-03"), "Dec 28, 2026 – Jan 3, 2027");
    assert.equal(monthName(month), "June 2026");
    assert.equal(monthName(month, true), "Jun 2026");
  });

  it("pluralises", () => {
    assert.equal(plural(1, "paper"), "1 paper");
    assert.equal(plural(1234, "paper"), "1,234 papers");
  });

  it("summarises author lists", () => {
    assert.deepEqual(authorSummary(["A", "B"]), { names: ["A", "B"], more: 0 });
    assert.deepEqual(authorSummary(["A", "B", "C", "D"]), { names: ["A", "B", "C", "D"], more: 0 });
    assert.deepEqual(authorSummary(["A", "B", "C", "D", "E", "F"]), { names: ["A", "B", "C"], more: 3 });
  });
});
