// Where arXiv is asked, and how politely (`papertide sync` and the fetch of a submitted paper
// share these values):
//   PAPERTIDE_ARXIV_OAI_URL, PAPERTIDE_ARXIV_RSS_URL, PAPERTIDE_ARXIV_API_URL   arXiv's endpoints
//   PAPERTIDE_ARXIV_MIN_INTERVAL_MS   least time between requests (3000, arXiv's rule); less only
//                                     when every URL points at this machine (a replay server)
import { DEFAULT_MIN_INTERVAL_MS } from "../ingest/sync/politeClient.ts";
import { isLoopbackUrl } from "./loopback.ts";
import { ConfigError, type Env } from "./parse.ts";

export interface ArxivSettings {
  oaiUrl: string;
  rssUrl: string;
  apiUrl: string;
  minIntervalMs: number;
}

export const DEFAULT_ARXIV_URLS = {
  oai: "https://oaipmh.arxiv.org/oai",
  rss: "https://rss.arxiv.org/rss",
  api: "https://export.arxiv.org/api/query",
};

export function loadArxivSettings(env: Env): ArxivSettings {
  const urls = {
    oaiUrl: httpUrl(env, "PAPERTIDE_ARXIV_OAI_URL", DEFAULT_ARXIV_URLS.oai),
    rssUrl: httpUrl(env, "PAPERTIDE_ARXIV_RSS_URL", DEFAULT_ARXIV_URLS.rss),
    apiUrl: httpUrl(env, "PAPERTIDE_ARXIV_API_URL", DEFAULT_ARXIV_URLS.api),
  };
  return { ...urls, minIntervalMs: minInterval(env, Object.values(urls)) };
}

function httpUrl(env: Env, name: string, fallback: string): string {
  const raw = env[name] || fallback;
  try {
    const u = new URL(raw);
    if (u.protocol === "http:" || u.protocol === "https:") return raw;
  } catch {
    // reported below
  }
  throw new ConfigError(`${name} must be an http(s) URL, got "${raw}"`);
}

function minInterval(env: Env, urls: string[]): number {
  const raw = env.PAPERTIDE_ARXIV_MIN_INTERVAL_MS;
  if (raw === undefined || raw.trim() === "") return DEFAULT_MIN_INTERVAL_MS;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 0) {
    throw new ConfigError(
      `PAPERTIDE_ARXIV_MIN_INTERVAL_MS must be a whole number of milliseconds, got "${raw}"`,
    );
  }
  if (ms < DEFAULT_MIN_INTERVAL_MS && !urls.every(isLoopbackUrl)) {
    throw new ConfigError(
      `PAPERTIDE_ARXIV_MIN_INTERVAL_MS=${ms} is below arXiv's ${DEFAULT_MIN_INTERVAL_MS} ms; ` +
        "only allowed when every PAPERTIDE_ARXIV_*_URL points at this machine",
    );
  }
  return ms;
}
