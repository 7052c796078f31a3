// The real server (buildServer, as `papertide serve` wires it) for the hostile-input tests, with
// the list of every route it serves, taken from Fastify's onRoute hook while it is built: a route
// added tomorrow is covered by these tests without anyone adding it to a list.
import { createHash } from "node:crypto";
import type { RouteOptions } from "fastify";
import type { PaperInput } from "../../../src/model/paper.ts";
import { type Harness, startHarness } from "../../accounts/support/harness.ts";
import { testPaper } from "../../support/factories.ts";

export interface Route {
  method: string;
  url: string;
}

export interface Site extends Harness {
  /** Every method+URL pattern the server answers (HEAD, OPTIONS left out). */
  routes: Route[];
}

export const PAPER_ID = "2606.00001";

export const PAPERS: PaperInput[] = [
  testPaper(PAPER_ID, {
    title: "Attention on hostile inputs",
    abstract: "We study attention and show that it works on every input.",
    authors: ["Ada Lovelace", "Alan Turing"],
  }),
  testPaper("2606.00002", {
    title: "A second paper about attention",
    abstract: "A second abstract about attention.",
    authors: ["Grace Hopper"],
    categories: ["cs.CL"],
    versions: [{ version: 1, createdAt: "2026-06-11T00:00:00.000Z" }],
  }),
];

export async function startSite(env: Record<string, string> = {}): Promise<Site> {
  const seen = new Map<string, Route>();
  const onRoute = (r: RouteOptions) => {
    for (const method of [r.method].flat()) {
      if (method === "HEAD" || method === "OPTIONS") continue;
      seen.set(`${method} ${r.url}`, { method, url: r.url });
    }
  };
  const h = await startHarness({
    // Limits that would otherwise stop a test that sends many requests from one client.
    env: { PAPERTIDE_AUTH_RATE_LIMIT: "100000", PAPERTIDE_COMMENT_RATE_LIMIT: "100000", ...env },
    papers: PAPERS,
    onRoute,
  });
  return Object.assign(h, { routes: [...seen.values()] });
}

export const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The route's URL with each `:param` (and a trailing `*`) replaced by `value(name)`. */
export function fillPath(url: string, value: (name: string) => string): string {
  return url
    .replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => encodeURIComponent(value(name)))
    .replace(/\*$/, () => encodeURIComponent(value("*")));
}

/**
 * A digest of everything a request could change: every table's rows, except the search index's
 * derived tables (rebuilt from papers) and the sign-in throttle's counters.
 */
export function databaseDigest(site: Harness): string {
  const sqlite = site.store.sqlite;
  if (!sqlite) throw new Error("the hostile-input tests read the SQLite file directly");
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all() as { name: string }[];
  const hash = createHash("sha256");
  for (const { name } of tables) {
    if (name.startsWith("sqlite_") || name.startsWith("search_") || name === "auth_throttle") continue;
    hash.update(`\n#${name}\n`);
    for (const row of sqlite.prepare(`SELECT * FROM "${name}"`).raw().iterate())
      hash.update(JSON.stringify(row, (_k, v) => (typeof v === "bigint" ? String(v) : v)));
  }
  return hash.digest("hex");
}

/** Row counts of the tables users write (a quick "nothing stored" check with a readable diff). */
export function rowCounts(site: Harness): Record<string, number> {
  const sqlite = site.store.sqlite;
  if (!sqlite) throw new Error("the hostile-input tests read the SQLite file directly");
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  const out: Record<string, number> = {};
  for (const { name } of tables) {
    if (name.startsWith("search_") || name === "auth_throttle") continue;
    out[name] = (sqlite.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n;
  }
  return out;
}
