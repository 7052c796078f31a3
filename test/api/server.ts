// Test helper: the real server on 127.0.0.1:<random port>, over a temporary SQLite database
// holding the demo dataset (5,020 papers announced 2026-06-08..07-01, 30 featured on 2026-06-12).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../src/app/context.ts";
import { type Config, loadConfig } from "../../src/config/load.ts";
import { loadDemoIfEmpty } from "../../src/demo/loadDemo.ts";
import { openStore, type Store } from "../../src/store/db.ts";
import { buildServer } from "../../src/web/server.ts";
import { testDatabaseUrl } from "../support/tempStore.ts";

/** A parsed JSON body; tests read fields freely and let assertions do the checking. */
// biome-ignore lint/suspicious/noExplicitAny: response bodies are untyped JSON under test.
export type Json = Record<string, any>;

export interface TestServer {
  base: string;
  app: FastifyInstance;
  config: Config;
  store: Store;
  /** GET (or another method) against the server. */
  get(pathAndQuery: string, init?: RequestInit): Promise<Response>;
  /** GET and parse the JSON body. */
  getJson(pathAndQuery: string): Promise<{ res: Response; body: Json & Json[] }>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** Load the demo dataset (default true). */
  demo?: boolean;
  /** PAPERTIDE_API_RATE_LIMIT while the server is built; "off" unless a test is about the limit. */
  rateLimit?: string;
  /** Runs on the open store before the server starts (extra papers etc.). */
  seed?: (store: Store) => Promise<void>;
}

export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "papertide-api-"));
  const config = loadConfig({
    PAPERTIDE_DATA_DIR: tmp,
    PAPERTIDE_BASE_URL: "https://papers.example.org",
    PAPERTIDE_API_RATE_LIMIT: opts.rateLimit ?? "off",
  });
  const store = await openStore(await testDatabaseUrl(path.join(tmp, "test.db")));
  if (opts.demo !== false) await loadDemoIfEmpty(store.db);
  if (opts.seed) await opts.seed(store);
  const ctx: AppContext = { config, store };
  const cleanUp = async () => {
    try {
      await store.close();
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  };
  let app: FastifyInstance;
  try {
    app = await buildServer(ctx, { logger: false });
  } catch (err) {
    await cleanUp();
    throw err;
  }
  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    app,
    config,
    store,
    get: (pathAndQuery, init) => fetch(base + pathAndQuery, init),
    async getJson(pathAndQuery) {
      const res = await fetch(base + pathAndQuery);
      return { res, body: await res.json() };
    },
    async close() {
      try {
        await app.close();
      } finally {
        await cleanUp();
      }
    },
  };
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
