// Runtime configuration: every environment variable the service and the CLI read, parsed and
// validated once at start into one typed Config that is passed down (nothing else reads
// process.env). Every variable is documented in the README; defaults make `npm start` work on a
// fresh clone with no set-up. A malformed value is a ConfigError naming the variable and the value.
import path from "node:path";
import type { StreamLimits } from "../ingest/limits.ts";
import { type AccountSettings, loadAccountSettings } from "./accounts.ts";
import { type ArxivSettings, loadArxivSettings } from "./arxiv.ts";
import { type DevPages, loadDevPages } from "./devPages.ts";
import { type DigestSettings, loadDigestSettings } from "./digest.ts";
import { loadImportLimits } from "./imports.ts";
import { loadMailSettings, type MailSettings } from "./mail.ts";
import { loadMetricsSettings, type MetricsSettings } from "./metrics.ts";
import { ConfigError, type Env } from "./parse.ts";
import { parseRateLimit, type RateLimit } from "./rateLimit.ts";
import { loadSyncSettings, type SyncSettings } from "./sync.ts";
import { parseTrustProxy } from "./trustProxy.ts";

export interface Config {
  /** TCP port of the web server. */
  port: number;
  /** Interface to listen on. */
  host: string;
  /** Folder for the embedded database and other local state. */
  dataDir: string;
  /** `sqlite:<file>` (default, under dataDir) or `postgres://...`. */
  databaseUrl: string;
  /** arXiv categories this instance follows; they decide which announced papers make a day's list. */
  categories: string[];
  /** Public base URL, used for absolute links in the API and feeds. */
  baseUrl: string;
  /** Load the committed demo dataset into an empty database on first start. */
  loadDemo: boolean;
  /** Identifies us to arXiv (their API rules ask for a contact). */
  userAgent: string;
  /** Fastify log level. */
  logLevel: string;
  /**
   * Requests per client to the /api routes, one shared budget; null = no limit.
   * PAPERTIDE_API_RATE_LIMIT, "600/minute".
   */
  apiRateLimit: RateLimit | null;
  /**
   * The proxies whose X-Forwarded-For is believed: false (default: none), or addresses/CIDRs
   * (and proxy-addr's names loopback, linklocal, uniquelocal). The client is the right-most
   * address of the chain that is not one of them, so a client cannot choose its own address by
   * sending the header. PAPERTIDE_TRUST_PROXY=true means loopback and private-network proxies.
   */
  trustProxy: false | string[];
  /**
   * Requests per client to the expensive pages (search page, search feeds, For you, collection
   * exports), one shared budget; null = no limit. PAPERTIDE_EXPENSIVE_RATE_LIMIT, "120/minute".
   */
  expensiveRateLimit: RateLimit | null;
  /**
   * Expensive requests (those pages and the API's search, suggest and similar papers) run at most
   * this many at once in the process; null = no gate. PAPERTIDE_EXPENSIVE_CONCURRENCY, 2.
   */
  expensiveConcurrency: number | null;
  /** How many more may wait for a turn before the rest get 503. PAPERTIDE_EXPENSIVE_QUEUE, 20. */
  expensiveQueue: number;
  /** Web processes `papertide serve` runs on its port (node:cluster). PAPERTIDE_WEB_WORKERS, 1. */
  webWorkers: number;
  /**
   * PAPERTIDE_SECRET (at least 32 characters), which signs unsubscribe, manage and confirmation
   * links; null: one is generated on first use and kept in the database (src/digest/serverSecret.ts).
   */
  secret: string | null;
  mail: MailSettings;
  digest: DigestSettings;
  accounts: AccountSettings;
  /** Stream limits of every import. */
  imports: StreamLimits;
  arxiv: ArxivSettings;
  devPages: DevPages;
  /** Scheduled ingestion: arXiv after each announcement, a daily-papers mirror (src/config/sync.ts). */
  sync: SyncSettings;
  /** Who may read /metrics (PAPERTIDE_METRICS_TOKEN; loopback-only without one). */
  metrics: MetricsSettings;
}

export const DEFAULT_CATEGORIES = ["cs.AI", "cs.CL", "cs.CV", "cs.LG"];

/** The process's environment with some variables replaced (command-line flags win over it). */
export function environment(overrides: Record<string, string> = {}): Env {
  return { ...process.env, ...overrides };
}

/** The configuration from an environment (by default the process's; each CLI command calls this once). */
export function loadConfig(env: Env = process.env): Config {
  const port = parsePort(env.PAPERTIDE_PORT ?? env.PORT ?? "3000");
  const host = env.PAPERTIDE_HOST ?? env.HOST ?? "127.0.0.1";
  const dataDir = path.resolve(env.PAPERTIDE_DATA_DIR ?? "data");
  const databaseUrl = env.DATABASE_URL ?? `sqlite:${path.join(dataDir, "papertide.db")}`;
  const categories = parseCategories(env.PAPERTIDE_CATEGORIES ?? DEFAULT_CATEGORIES.join(","));
  const baseUrl = (env.PAPERTIDE_BASE_URL ?? `http://localhost:${port}`).replace(/\/+$/, "");
  const loadDemo = !["0", "false", "no"].includes((env.PAPERTIDE_DEMO ?? "1").toLowerCase());
  const userAgent =
    env.PAPERTIDE_USER_AGENT ?? "Papertide/0.1 (self-hosted paper discovery; set PAPERTIDE_USER_AGENT)";
  const logLevel = env.PAPERTIDE_LOG_LEVEL ?? "info";
  const apiRateLimit = parseRateLimit(
    env.PAPERTIDE_API_RATE_LIMIT ?? "600/minute",
    "PAPERTIDE_API_RATE_LIMIT",
  );
  const trustProxy = parseTrustProxy(env.PAPERTIDE_TRUST_PROXY ?? "false");
  const expensiveRateLimit = parseRateLimit(
    env.PAPERTIDE_EXPENSIVE_RATE_LIMIT ?? "120/minute",
    "PAPERTIDE_EXPENSIVE_RATE_LIMIT",
  );
  const concurrency = (env.PAPERTIDE_EXPENSIVE_CONCURRENCY ?? "2").trim().toLowerCase();
  const expensiveConcurrency =
    concurrency === "off" ? null : parseCount(concurrency, "PAPERTIDE_EXPENSIVE_CONCURRENCY", 1, 256);
  const expensiveQueue = parseCount(
    env.PAPERTIDE_EXPENSIVE_QUEUE ?? "20",
    "PAPERTIDE_EXPENSIVE_QUEUE",
    0,
    10_000,
  );
  const webWorkers = parseCount(env.PAPERTIDE_WEB_WORKERS ?? "1", "PAPERTIDE_WEB_WORKERS", 1, 64);
  const secret = env.PAPERTIDE_SECRET || null;
  if (secret !== null && secret.length < 32) {
    throw new ConfigError("PAPERTIDE_SECRET must be at least 32 characters long");
  }
  return {
    port,
    host,
    dataDir,
    databaseUrl,
    categories,
    baseUrl,
    loadDemo,
    userAgent,
    logLevel,
    apiRateLimit,
    trustProxy,
    expensiveRateLimit,
    expensiveConcurrency,
    expensiveQueue,
    webWorkers,
    secret,
    mail: loadMailSettings(env, { baseUrl, dataDir }),
    digest: loadDigestSettings(env),
    accounts: loadAccountSettings(env),
    imports: loadImportLimits(env),
    arxiv: loadArxivSettings(env),
    devPages: loadDevPages(env, baseUrl),
    sync: loadSyncSettings(env),
    metrics: loadMetricsSettings(env),
  };
}

function parseCount(raw: string, name: string, min: number, max: number): number {
  const n = Number(raw.trim());
  if (raw.trim() === "" || !Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return n;
}

function parsePort(raw: string): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PAPERTIDE_PORT must be a whole number from 0 to 65535, got "${raw}"`);
  }
  return port;
}

/** "cs.LG, cs.CV" -> ["cs.LG", "cs.CV"]; "*" means every category. */
export function parseCategories(raw: string): string[] {
  const list = raw
    .split(/[\s,]+/)
    .map((c) => c.trim())
    .filter(Boolean);
  for (const c of list) {
    if (c !== "*" && !/^[a-z-]+(\.[A-Za-z-]+)?$/.test(c)) {
      throw new ConfigError(`"${c}" is not an arXiv category (expected something like cs.LG or hep-th)`);
    }
  }
  return list.includes("*") ? [] : list;
}
