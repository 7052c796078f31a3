// Runtime configuration, read once from the environment. Every variable is documented in the
// README; defaults make `npm start` work on a fresh clone with no set-up.
import { isIP } from "node:net";
import path from "node:path";

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
  /** API requests per client, e.g. "600/minute" or "off" (parsed by src/web/api/rateLimit.ts). */
  apiRateLimit: string;
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
}

/** A request budget: `max` requests per `timeWindowMs`. */
export interface RateLimit {
  max: number;
  timeWindowMs: number;
}

export const DEFAULT_CATEGORIES = ["cs.AI", "cs.CL", "cs.CV", "cs.LG"];

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
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
  const apiRateLimit = env.PAPERTIDE_API_RATE_LIMIT ?? "600/minute";
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
  };
}

const WINDOWS: Record<string, number> = { second: 1000, minute: 60_000, hour: 3_600_000 };
const UNIT_ALIASES: Record<string, string> = {
  s: "second",
  sec: "second",
  m: "minute",
  min: "minute",
  h: "hour",
};

/** "600" (per minute), "600/minute", "20/second", "10000/hour" or "off" (null: no limit). */
export function parseRateLimit(raw: string, name: string): RateLimit | null {
  const text = raw.trim().toLowerCase();
  if (["off", "0", "none", "false"].includes(text)) return null;
  const m = /^(\d+)\s*(?:\/\s*([a-z]+))?$/.exec(text);
  const unit = m?.[2] ? (UNIT_ALIASES[m[2]] ?? m[2]) : "minute";
  if (!m || !(unit in WINDOWS) || Number(m[1]) < 1) {
    throw new ConfigError(`${name} must be like "600", "600/minute", "20/second" or "off", got "${raw}"`);
  }
  return { max: Number(m[1]), timeWindowMs: WINDOWS[unit] };
}

function parseCount(raw: string, name: string, min: number, max: number): number {
  const n = Number(raw.trim());
  if (raw.trim() === "" || !Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return n;
}

/** What PAPERTIDE_TRUST_PROXY=true trusts: a proxy on this host or on a private network. */
export const PRIVATE_PROXIES = ["loopback", "linklocal", "uniquelocal"];
const PROXY_NAMES = new Set(PRIVATE_PROXIES);

export function parseTrustProxy(raw: string): false | string[] {
  const text = raw.trim().toLowerCase();
  if (["", "0", "false", "no"].includes(text)) return false;
  if (["1", "true", "yes"].includes(text)) return [...PRIVATE_PROXIES];
  const list = raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of list) {
    if (!isProxyEntry(entry)) {
      throw new ConfigError(
        `PAPERTIDE_TRUST_PROXY must be false, true (loopback and private proxies) or a list of proxy addresses/CIDRs such as 127.0.0.1,10.0.0.0/8; "${entry}" is none of these`,
      );
    }
  }
  return list.map((entry) => (PROXY_NAMES.has(entry.toLowerCase()) ? entry.toLowerCase() : entry));
}

function isProxyEntry(entry: string): boolean {
  if (PROXY_NAMES.has(entry.toLowerCase())) return true;
  const slash = entry.indexOf("/");
  const address = slash < 0 ? entry : entry.slice(0, slash);
  const version = isIP(address);
  if (version === 0) return false;
  if (slash < 0) return true;
  const bits = entry.slice(slash + 1);
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128);
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
