// Runtime configuration, read once from the environment. Every variable is documented in the
// README; defaults make `npm start` work on a fresh clone with no set-up.
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
  /** API requests per client, e.g. "600/minute" or "off" (parsed by src/api/rateLimit.ts). */
  apiRateLimit: string;
  /**
   * Whether to believe X-Forwarded-For: false (default), true (any proxy), or a comma-separated
   * list of proxy addresses/CIDRs. Trusting it without a proxy lets clients dodge rate limits.
   */
  trustProxy: boolean | string[];
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
  };
}

function parseTrustProxy(raw: string): boolean | string[] {
  const text = raw.trim().toLowerCase();
  if (["", "0", "false", "no"].includes(text)) return false;
  if (["1", "true", "yes"].includes(text)) return true;
  return raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
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
