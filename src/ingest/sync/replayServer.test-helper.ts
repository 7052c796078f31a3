// A stand-in for arXiv in tests: a node:http server on 127.0.0.1 that answers from the recorded
// fixtures, records every request (when, with which headers), and can be scripted to misbehave
// (503 + Retry-After, 500, a reset connection, 404) the way the real service sometimes does.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { SHARED } from "../../../test/support/shared.ts";

export const FIXTURES = path.join(SHARED, "fixtures");

export function fixture(rel: string): string {
  return fs.readFileSync(path.join(FIXTURES, rel), "utf8");
}

export interface RecordedRequest {
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  /** performance.now() when the request arrived and when its answer was finished. */
  startedAt: number;
  endedAt: number | null;
}

/** What the server does with one request. */
export type Answer =
  | { status?: number; headers?: Record<string, string>; body: string; delayMs?: number }
  /** Drop the connection without answering (the client sees a network error). */
  | "reset";

export type Route = (req: RecordedRequest) => Answer;

export interface ReplayServer {
  /** http://127.0.0.1:PORT */
  url: string;
  requests: RecordedRequest[];
  /** Most requests ever in progress at once. */
  maxConcurrent: number;
  /** Answers the next requests whose path starts with `pathPrefix` with these, in order, before the route. */
  script(pathPrefix: string, ...answers: Answer[]): void;
  close(): Promise<void>;
}

export async function startReplayServer(route: Route): Promise<ReplayServer> {
  const scripted: { prefix: string; answer: Answer }[] = [];
  let inFlight = 0;
  const state: ReplayServer = {
    url: "",
    requests: [],
    maxConcurrent: 0,
    script(prefix, ...answers) {
      for (const answer of answers) scripted.push({ prefix, answer });
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? "/", "http://replay");
    const rec: RecordedRequest = {
      path: u.pathname,
      query: u.searchParams,
      headers: req.headers,
      startedAt: performance.now(),
      endedAt: null,
    };
    state.requests.push(rec);
    inFlight++;
    state.maxConcurrent = Math.max(state.maxConcurrent, inFlight);
    const finish = () => {
      inFlight--;
      rec.endedAt = performance.now();
    };
    const i = scripted.findIndex((s) => u.pathname.startsWith(s.prefix));
    const answer = i >= 0 ? scripted.splice(i, 1)[0].answer : route(rec);
    if (answer === "reset") {
      finish();
      req.socket.destroy();
      return;
    }
    setTimeout(() => {
      res.writeHead(answer.status ?? 200, { "Content-Type": "text/xml; charset=utf-8", ...answer.headers });
      res.end(answer.body, finish);
    }, answer.delayMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

/**
 * Splits a recorded ListRecords answer into pages of `perPage` records, chained by resumption
 * tokens "page-2", "page-3", ... The last page carries the empty token OAI-PMH uses to say "done".
 */
export function pagedListRecords(xml: string, perPage: number): string[] {
  const records = xml.match(/<record>[\s\S]*?<\/record>/g) ?? [];
  const head = xml.slice(0, xml.indexOf("<record>"));
  const tail = xml.slice(xml.lastIndexOf("</record>") + "</record>".length);
  const pages: string[] = [];
  for (let i = 0; i < records.length; i += perPage) {
    const last = i + perPage >= records.length;
    const token = last
      ? `<resumptionToken cursor="${i}" completeListSize="${records.length}"/>`
      : `<resumptionToken cursor="${i}" completeListSize="${records.length}">page-${pages.length + 2}</resumptionToken>`;
    pages.push(`${head}${records.slice(i, i + perPage).join("\n")}\n${token}${tail}`);
  }
  return pages;
}

/** An OAI-PMH error answer (arXiv's layout), e.g. badResumptionToken or noRecordsMatch. */
export function oaiError(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
<responseDate>2018-06-21T14:31:04Z</responseDate>
<request verb="ListRecords">http://export.arxiv.org/oai2</request>
<error code="${code}">${message}</error>
</OAI-PMH>
`;
}

/**
 * Serves OAI pages by token (the first page when there is none; badResumptionToken for a token it
 * never issued), listing feeds under /rss/<category>, the query API under /api/query; 404 otherwise.
 */
export function arxivRoute(opts: {
  oaiPages: string[];
  listings?: Record<string, string>;
  api?: string;
}): Route {
  return (req) => {
    if (req.path === "/oai") {
      const token = req.query.get("resumptionToken");
      const n = token ? Number(token.replace("page-", "")) : 1;
      const page = opts.oaiPages[n - 1];
      return page ? { body: page } : { body: oaiError("badResumptionToken", `unknown token ${token}`) };
    }
    const listing = opts.listings?.[req.path.replace(/^\/rss\//, "")];
    if (req.path.startsWith("/rss/") && listing) return { body: listing };
    if (req.path === "/api/query" && opts.api) return { body: opts.api };
    return {
      status: 404,
      body: "<html><body>Not Found</body></html>",
      headers: { "Content-Type": "text/html" },
    };
  };
}
