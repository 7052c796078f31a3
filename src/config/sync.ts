// Scheduled ingestion (run by `papertide worker`, and by `papertide serve` unless
// PAPERTIDE_SCHEDULER=0):
//   PAPERTIDE_SYNC_ARXIV            auto (default) | on | off: `sync arxiv` for PAPERTIDE_CATEGORIES
//                                   after each arXiv announcement; "auto" is on unless the
//                                   database holds the demo dataset
//   PAPERTIDE_SYNC_ARXIV_DELAY_MINUTES  how long after an announcement (Sunday-Thursday 20:00 US
//                                   Eastern) the sync starts, so arXiv's feeds carry it (default 60)
//   PAPERTIDE_DAILY_PAPERS_URL      a public daily-papers API (e.g. https://huggingface.co/api/daily_papers)
//                                   to mirror; unset: not mirrored
//   PAPERTIDE_DAILY_PAPERS_INTERVAL_MINUTES  how often it is mirrored (default 60)
import { ConfigError, type Env, wholeNumber } from "./parse.ts";

export type ArxivSyncMode = "auto" | "on" | "off";

export interface SyncSettings {
  arxiv: ArxivSyncMode;
  arxivDelayMs: number;
  dailyPapersUrl: string | null;
  dailyPapersIntervalMs: number;
}

export function loadSyncSettings(env: Env): SyncSettings {
  const mode = (env.PAPERTIDE_SYNC_ARXIV ?? "auto").trim().toLowerCase();
  const arxiv: ArxivSyncMode | null =
    mode === "auto"
      ? "auto"
      : ["on", "1", "true", "yes"].includes(mode)
        ? "on"
        : ["off", "0", "false", "no"].includes(mode)
          ? "off"
          : null;
  if (arxiv === null) throw new ConfigError(`PAPERTIDE_SYNC_ARXIV must be auto, on or off, got "${mode}"`);
  const delay = wholeNumber(env, "PAPERTIDE_SYNC_ARXIV_DELAY_MINUTES", 60, 0, 720);
  const interval = wholeNumber(env, "PAPERTIDE_DAILY_PAPERS_INTERVAL_MINUTES", 60, 5, 7 * 24 * 60);
  return {
    arxiv,
    arxivDelayMs: delay * 60_000,
    dailyPapersUrl: dailyPapersUrl(env.PAPERTIDE_DAILY_PAPERS_URL),
    dailyPapersIntervalMs: interval * 60_000,
  };
}

function dailyPapersUrl(raw: string | undefined): string | null {
  if (raw === undefined || raw.trim() === "") return null;
  try {
    const u = new URL(raw.trim());
    if (u.protocol === "http:" || u.protocol === "https:") return u.toString();
  } catch {
    // reported below
  }
  throw new ConfigError(`PAPERTIDE_DAILY_PAPERS_URL must be an http(s) URL, got "${raw}"`);
}
