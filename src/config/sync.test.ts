import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadDigestSettings } from "./digest.ts";
import { ConfigError } from "./parse.ts";
import { loadSyncSettings } from "./sync.ts";

describe("scheduled ingestion settings", () => {
  it("default to arXiv on unless on the demo, no mirror, a 60-minute delay and interval", () => {
    assert.deepEqual(loadSyncSettings({}), {
      arxiv: "auto",
      arxivDelayMs: 3_600_000,
      dailyPapersUrl: null,
      dailyPapersIntervalMs: 3_600_000,
    });
  });

  it("read the switches, the mirror's URL and the times", () => {
    const s = loadSyncSettings({
      PAPERTIDE_SYNC_ARXIV: "off",
      PAPERTIDE_SYNC_ARXIV_DELAY_MINUTES: "0",
      PAPERTIDE_DAILY_PAPERS_URL: "https://huggingface.co/api/daily_papers",
      PAPERTIDE_DAILY_PAPERS_INTERVAL_MINUTES: "30",
    });
    assert.deepEqual(s, {
      arxiv: "off",
      arxivDelayMs: 0,
      dailyPapersUrl: "https://huggingface.co/api/daily_papers",
      dailyPapersIntervalMs: 1_800_000,
    });
    assert.equal(loadSyncSettings({ PAPERTIDE_SYNC_ARXIV: "ON" }).arxiv, "on");
  });

  it("refuse values that cannot be used, naming the variable", () => {
    assert.throws(
      () => loadSyncSettings({ PAPERTIDE_SYNC_ARXIV: "sometimes" }),
      (e: Error) =>
        e instanceof ConfigError && /PAPERTIDE_SYNC_ARXIV must be auto, on or off/.test(e.message),
    );
    assert.throws(
      () => loadSyncSettings({ PAPERTIDE_DAILY_PAPERS_URL: "file:///etc/passwd" }),
      /PAPERTIDE_DAILY_PAPERS_URL must be an http\(s\) URL/,
    );
    assert.throws(
      () => loadSyncSettings({ PAPERTIDE_DAILY_PAPERS_INTERVAL_MINUTES: "1" }),
      /PAPERTIDE_DAILY_PAPERS_INTERVAL_MINUTES/,
    );
  });
});

describe("job leases and late digests", () => {
  it("take PAPERTIDE_JOB_LEASE_MS, or its older name, and an optional lateness bound", () => {
    assert.equal(loadDigestSettings({}).leaseMs, 60_000);
    assert.equal(loadDigestSettings({ PAPERTIDE_OUTBOX_LEASE_MS: "5000" }).leaseMs, 5000);
    assert.equal(
      loadDigestSettings({ PAPERTIDE_JOB_LEASE_MS: "7000", PAPERTIDE_OUTBOX_LEASE_MS: "5000" }).leaseMs,
      7000,
    );
    assert.throws(
      () => loadDigestSettings({ PAPERTIDE_JOB_LEASE_MS: "10" }),
      /PAPERTIDE_JOB_LEASE_MS must be/,
    );
    assert.equal(loadDigestSettings({}).maxLateMs, null);
    assert.equal(loadDigestSettings({ PAPERTIDE_DIGEST_MAX_LATE_HOURS: "96" }).maxLateMs, 96 * 3_600_000);
  });
});
