// papertide search "query": the same search as the web page and the API, from the terminal.
import { loadConfig } from "../../config/load.ts";
import type { SearchMode } from "../../search/engine.ts";
import { MAX_QUERY_LENGTH } from "../../search/query.ts";
import { search } from "../../search/searchPapers.ts";
import { SearchState } from "../../search/state.ts";
import { openStore } from "../../store/db.ts";
import { type Command, parseCommandArgs, UsageError } from "../command.ts";
import { forTerminal } from "../terminalText.ts";

const MODES = ["hybrid", "lexical", "semantic"];

export const searchCommand: Command = {
  name: "search",
  summary: "Search the papers (as the search page does)",
  help: `Usage: papertide search "QUERY" [--limit N] [--sort relevance|date] [--json]

QUERY is words, or an arXiv id / arxiv.org URL / DOI (jumps to that paper), with optional
filters: author:NAME (or author:"First Last"), category:cs.LG (or an archive, cat:cs),
from:2024-01 to:2024-06-30 (also after:, before:, year:2024, date:A..B) and sort:date.

Options:
  --limit N     how many results (default 10, at most 1000)
  --sort S      relevance (default) or date (newest first)
  --mode M      hybrid (default), lexical or semantic
  --json        print the results as JSON`,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      limit: { type: "string" },
      sort: { type: "string" },
      mode: { type: "string" },
      json: { type: "boolean" },
    });
    if (positionals.length === 0) throw new UsageError("give the search text");
    const text = positionals.join(" ");
    if (text.length > MAX_QUERY_LENGTH)
      throw new UsageError(`the query is longer than ${MAX_QUERY_LENGTH} characters`);
    const limit = values.limit === undefined ? 10 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
      throw new UsageError("--limit must be 1 to 1000");
    if (values.sort !== undefined && values.sort !== "relevance" && values.sort !== "date") {
      throw new UsageError("--sort must be relevance or date");
    }
    if (values.mode !== undefined && !MODES.includes(values.mode))
      throw new UsageError(`--mode must be one of ${MODES.join(", ")}`);
    const store = await openStore(loadConfig().databaseUrl);
    try {
      const hits = await search(new SearchState(store.db), text, {
        limit,
        sort: values.sort as "relevance" | "date" | undefined,
        mode: values.mode as SearchMode | undefined,
      });
      if (values.json) {
        console.log(
          JSON.stringify(
            hits.map((h) => ({
              id: h.paper.id,
              title: h.paper.title,
              authors: h.paper.authors,
              publishedAt: h.paper.publishedAt,
              score: h.score,
              ...(h.direct ? { direct: true } : {}),
            })),
            null,
            2,
          ),
        );
      } else if (hits.length === 0) {
        console.log("no papers found");
      } else {
        for (const h of hits) {
          const day = h.paper.publishedAt?.slice(0, 10) ?? "          ";
          console.log(
            `${h.paper.id.padEnd(18)} ${day}  ${h.score.toFixed(3)}  ${forTerminal(h.paper.title)}`,
          );
        }
      }
      return 0;
    } finally {
      await store.close();
    }
  },
};
