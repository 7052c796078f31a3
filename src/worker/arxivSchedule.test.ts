import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { latestAnnouncement, newYorkTime, nextAnnouncement } from "./arxivSchedule.ts";

const iso = (d: Date) => d.toISOString();

describe("arXiv's announcement times", () => {
  it("are 20:00 in New York: 00:00 UTC in summer, 01:00 UTC in winter", () => {
    assert.equal(iso(newYorkTime(2026, 6, 15, 20)), "2026-06-16T00:00:00.000Z");
    assert.equal(iso(newYorkTime(2026, 12, 1, 20)), "2026-12-02T01:00:00.000Z");
  });

  it("follow the daylight-saving changes on their own dates", () => {
    // 2026: clocks go forward on Sunday 8 March and back on Sunday 1 November.
    assert.equal(iso(newYorkTime(2026, 3, 7, 20)), "2026-03-08T01:00:00.000Z");
    assert.equal(iso(newYorkTime(2026, 3, 8, 20)), "2026-03-09T00:00:00.000Z");
    assert.equal(iso(newYorkTime(2026, 10, 31, 20)), "2026-11-01T00:00:00.000Z");
    assert.equal(iso(newYorkTime(2026, 11, 1, 20)), "2026-11-02T01:00:00.000Z");
    // Times on the change days themselves that exist once.
    assert.equal(iso(newYorkTime(2026, 3, 8, 4)), "2026-03-08T08:00:00.000Z");
    assert.equal(iso(newYorkTime(2026, 11, 1, 4)), "2026-11-01T09:00:00.000Z");
  });

  it("happen Sunday to Thursday only", () => {
    // Friday 19 June 2026, 12:00 UTC: the last one was Thursday evening.
    assert.equal(iso(latestAnnouncement(new Date("2026-06-19T12:00:00Z"))), "2026-06-19T00:00:00.000Z");
    // Saturday and Sunday daytime: still Thursday's; the next is Sunday evening.
    assert.equal(iso(latestAnnouncement(new Date("2026-06-21T18:00:00Z"))), "2026-06-19T00:00:00.000Z");
    assert.equal(iso(nextAnnouncement(new Date("2026-06-19T12:00:00Z"))), "2026-06-22T00:00:00.000Z");
    // Sunday evening after 20:00 New York time (Monday 00:30 UTC).
    assert.equal(iso(latestAnnouncement(new Date("2026-06-22T00:30:00Z"))), "2026-06-22T00:00:00.000Z");
  });

  it("count from the New York day, not the UTC day", () => {
    // Tuesday 1 December 2026, 23:30 New York = Wednesday 04:30 UTC: Tuesday's announcement
    // (Wednesday 01:00 UTC) is the latest; the next is Wednesday 20:00 New York.
    const now = new Date("2026-12-02T04:30:00Z");
    assert.equal(iso(latestAnnouncement(now)), "2026-12-02T01:00:00.000Z");
    assert.equal(iso(nextAnnouncement(now)), "2026-12-03T01:00:00.000Z");
    // Exactly at the announcement it is the latest one.
    assert.equal(iso(latestAnnouncement(new Date("2026-12-02T01:00:00Z"))), "2026-12-02T01:00:00.000Z");
    // Across the autumn change: Thursday 29 October (EDT) then Sunday 1 November (EST).
    assert.equal(iso(nextAnnouncement(new Date("2026-10-30T12:00:00Z"))), "2026-11-02T01:00:00.000Z");
  });
});
