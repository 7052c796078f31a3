// Fetching a submitted paper that the instance does not know yet, through the ingestion code:
// the arXiv query API (PAPERTIDE_ARXIV_API_URL) via the polite client, one process-wide client so
// the 3-second spacing holds across every submitter.
import type { Config } from "../config.ts";
import { fetchArxivPapers } from "../ingest/sync/arxivHarvester.ts";
import { DEFAULT_MIN_INTERVAL_MS, PoliteClient } from "../ingest/sync/politeClient.ts";
import type { PaperInput } from "../model/paper.ts";

export type PaperFetcher = (id: string) => Promise<PaperInput | null>;

const DEFAULT_API_URL = "https://export.arxiv.org/api/query";

function isLoopback(url: string): boolean {
  try {
    return ["127.0.0.1", "localhost", "[::1]"].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

export function createArxivFetcher(config: Config, env: NodeJS.ProcessEnv = process.env): PaperFetcher {
  const apiUrl = env.PAPERTIDE_ARXIV_API_URL || DEFAULT_API_URL;
  const asked = Number(env.PAPERTIDE_ARXIV_MIN_INTERVAL_MS);
  // Below arXiv's 3 s only for a local replay server (tests), as `papertide sync` does.
  const minIntervalMs =
    Number.isInteger(asked) && asked >= 0 && (asked >= DEFAULT_MIN_INTERVAL_MS || isLoopback(apiUrl))
      ? asked
      : DEFAULT_MIN_INTERVAL_MS;
  let client: PoliteClient | null = null;
  return async (id) => {
    client ??= new PoliteClient({
      userAgent: config.userAgent,
      minIntervalMs,
      maxRetries: 1,
      timeoutMs: 20_000,
    });
    const { records } = await fetchArxivPapers([id], { apiUrl, client });
    for (const r of records) if (r.kind === "paper" && r.paper.id === id) return r.paper;
    return null;
  };
}

const shared = new WeakMap<Config, PaperFetcher>();

/**
 * One fetcher per running instance (per Config), shared by every route that fetches papers
 * (submissions, adding to a collection), so their requests queue behind one polite client.
 */
export function sharedArxivFetcher(config: Config): PaperFetcher {
  let fetcher = shared.get(config);
  if (!fetcher) {
    fetcher = createArxivFetcher(config);
    shared.set(config, fetcher);
  }
  return fetcher;
}
