// Fetching a submitted paper that the instance does not know yet, through the ingestion code:
// the arXiv query API (config.arxiv.apiUrl) via the polite client. The wiring creates one per
// process (src/app/services.ts), so the spacing between requests holds across every submitter.
import type { ArxivSettings } from "../config/arxiv.ts";
import { fetchArxivPapers } from "../ingest/sync/arxivHarvester.ts";
import { PoliteClient } from "../ingest/sync/politeClient.ts";
import type { PaperInput } from "../model/paper.ts";

export type PaperFetcher = (id: string) => Promise<PaperInput | null>;

export function createArxivFetcher(arxiv: ArxivSettings, userAgent: string): PaperFetcher {
  let client: PoliteClient | null = null;
  return async (id) => {
    client ??= new PoliteClient({
      userAgent,
      minIntervalMs: arxiv.minIntervalMs,
      maxRetries: 1,
      timeoutMs: 20_000,
    });
    const { records } = await fetchArxivPapers([id], { apiUrl: arxiv.apiUrl, client });
    for (const r of records) if (r.kind === "paper" && r.paper.id === id) return r.paper;
    return null;
  };
}
