// The one way tests get a server: the app `papertide serve` builds (src/web/server.ts buildServer
// on the process's services, src/app/services.ts, as src/web/start.ts wires them), on a temporary
// database, from a configuration made with loadConfig from an explicit environment object, never
// the process's. It registers no routes of its own: a route the real wiring forgets is missing
// here too. Area helpers (accounts harness, API, digest, browser) are thin wrappers over it.
import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import type { FastifyInstance } from "fastify";
import { type AppServices, createAppServices, type ServicesOptions } from "../../src/app/services.ts";
import { type Config, loadConfig } from "../../src/config/load.ts";
import { loadDemoIfEmpty } from "../../src/demo/loadDemo.ts";
import type { PaperInput } from "../../src/model/paper.ts";
import { SearchState } from "../../src/search/state.ts";
import type { Store } from "../../src/store/db.ts";
import { buildServer, type ServerOptions } from "../../src/web/server.ts";
import { addPapers } from "./factories.ts";
import { type OpenApiCheck, openApiCheck } from "./openApiCheck.ts";
import { tempStore } from "./tempStore.ts";

/** A parsed JSON body; tests read fields freely and let assertions do the checking. */
// biome-ignore lint/suspicious/noExplicitAny: response bodies are untyped JSON under test.
export type Json = Record<string, any>;

export interface TestServerOptions {
  /** PAPERTIDE_* settings over the defaults (data dir and database of the temporary store). */
  env?: Record<string, string>;
  /** A configuration already made with loadConfig (a digest test context's); instead of `env`. */
  config?: Config;
  /** The database and its folder; by default a fresh temporary one, removed on close. */
  store?: Store & { dir: string; url: string };
  /** Folder name prefix of the temporary database. */
  prefix?: string;
  /** Load the demo dataset first (5,020 papers, 2026-06-08..07-01). */
  demo?: boolean;
  /** Papers written before the server starts. */
  papers?: PaperInput[];
  /** Runs on the open store before the server starts. */
  seed?: (store: Store) => Promise<void>;
  /** The services to serve with (shared with a digest service under test); else built here. */
  services?: AppServices;
  /** For services built here: the clock (tests that move time), an arXiv stand-in. */
  clock?: ServicesOptions["clock"];
  fetchPaper?: ServicesOptions["fetchPaper"];
  /** "capture" keeps the log for logs(); a stream receives it; false (default) logs nothing. */
  log?: false | "capture" | NodeJS.WritableStream;
  onRoute?: ServerOptions["onRoute"];
  /** Listen on 127.0.0.1:<random port> (default); false for tests that only inject. */
  listen?: boolean;
}

export interface TestServer {
  app: FastifyInstance;
  config: Config;
  store: Store & { dir: string; url: string };
  services: AppServices;
  /** http://127.0.0.1:<port>, or "" when not listening. */
  base: string;
  /** What the server logged (with `log: "capture"`). */
  logs(): string;
  /** A request to the listening server. */
  get(pathAndQuery: string, init?: RequestInit): Promise<Response>;
  /** GET and parse the JSON body. */
  getJson(pathAndQuery: string): Promise<{ res: Response; body: Json & Json[] }>;
  /** Every API response checked against the OpenAPI document (openApiCheck.ts). */
  apiCheck: OpenApiCheck;
  /** Stops the server; fails when an API response broke the OpenAPI document. */
  close(): Promise<void>;
}

export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const owned = opts.store ? null : await tempStore(opts.prefix ?? "papertide-test-");
  const store = opts.store ?? (owned as NonNullable<typeof owned>);
  const cleanups: (() => Promise<void>)[] = [];
  let built: FastifyInstance | null = null;
  const apiCheck = openApiCheck(() => built as FastifyInstance);
  const cleanUp = async () => {
    for (const fn of cleanups.reverse()) await fn().catch(() => {});
    await owned?.cleanup();
  };
  try {
    const config =
      opts.config ??
      loadConfig({
        PAPERTIDE_DATA_DIR: store.dir,
        DATABASE_URL: store.url,
        PAPERTIDE_DEMO: "0",
        ...opts.env,
      });
    if (opts.demo) await loadDemoIfEmpty(new SearchState(store.db));
    if (opts.papers) await addPapers(store.db, opts.papers);
    if (opts.seed) await opts.seed(store);
    let logText = "";
    let logStream: NodeJS.WritableStream | undefined;
    if (opts.log === "capture") {
      const capture = new PassThrough();
      capture.on("data", (c: Buffer) => {
        logText += c.toString("utf8");
      });
      logStream = capture;
    } else if (opts.log) logStream = opts.log;
    const services =
      opts.services ??
      (await createAppServices({ config, store }, { clock: opts.clock, fetchPaper: opts.fetchPaper }));
    if (!opts.services) cleanups.push(() => services.close());
    const app = await buildServer(
      { config, store },
      {
        ...(logStream ? { logStream } : { logger: false }),
        onRoute: (route) => {
          apiCheck.attach(route);
          opts.onRoute?.(route);
        },
        services,
      },
    );
    built = app;
    cleanups.push(() => app.close());
    let base = "";
    if (opts.listen !== false) {
      await app.listen({ port: 0, host: "127.0.0.1" });
      const address = app.server.address();
      assert.ok(address && typeof address === "object", "the server has a TCP address");
      base = `http://127.0.0.1:${address.port}`;
    }
    return {
      app,
      config,
      store,
      services,
      base,
      logs: () => logText,
      get: (pathAndQuery, init) => fetch(base + pathAndQuery, init),
      async getJson(pathAndQuery) {
        const res = await fetch(base + pathAndQuery);
        return { res, body: await res.json() };
      },
      apiCheck,
      async close() {
        await cleanUp();
        assert.deepEqual(apiCheck.violations, [], "API responses that break the OpenAPI document");
      },
    };
  } catch (err) {
    await cleanUp();
    throw err;
  }
}
