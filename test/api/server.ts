// Test helper: the real server on 127.0.0.1:<random port>, over a temporary database holding
// the demo dataset (5,020 papers announced 2026-06-08..07-01, 30 featured on 2026-06-12).
import type { Config } from "../../src/config/load.ts";
import type { Store } from "../../src/store/db.ts";
import { startTestServer as startServer, type TestServer } from "../support/server.ts";

export type { Json, TestServer } from "../support/server.ts";

export interface TestServerOptions {
  /** Load the demo dataset (default true). */
  demo?: boolean;
  /** PAPERTIDE_API_RATE_LIMIT while the server is built; "off" unless a test is about the limit. */
  rateLimit?: string;
  /** Runs on the open store before the server starts (extra papers etc.). */
  seed?: (store: Store) => Promise<void>;
}

/** The real server (test/support/server.ts) with the API's test settings. */
export function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  return startServer({
    prefix: "papertide-api-",
    env: {
      PAPERTIDE_BASE_URL: "https://papers.example.org",
      PAPERTIDE_API_RATE_LIMIT: opts.rateLimit ?? "off",
    },
    demo: opts.demo !== false,
    seed: opts.seed,
  });
}

/** The path and query of an absolute link built on the configured base URL. */
export function localPath(link: string, config: Config): string {
  if (!link.startsWith(`${config.baseUrl}/`)) throw new Error(`link ${link} is not under ${config.baseUrl}`);
  return link.slice(config.baseUrl.length);
}

/** The rel="next" target of a Link header, or null. */
export function nextLink(res: Response): string | null {
  const header = res.headers.get("link");
  if (!header) return null;
  const m = /<([^>]+)>;\s*rel="next"/.exec(header);
  return m ? m[1] : null;
}

/** Asserts nothing in an error body looks like a stack trace or an internal path. */
export function looksLikeStackTrace(text: string): boolean {
  return /\bat .+\(.+:\d+:\d+\)|node_modules|\/src\/|\.ts:\d+/.test(text);
}
