// Pages are numbered from 1 (?p=1 is the first page). Links from before that numbering used
// ?p=0 for the first page; they are redirected for good (301) to the same address with ?p=1, so
// bookmarks and search engines follow. /api is left alone: its lists count from 1 too and answer
// p=0 with a 400 that says so, except /api/daily_papers, which counts from 0 as the public
// daily-papers API it mirrors does.
import type { FastifyInstance } from "fastify";

/** The same path and query with every p=0 (or p=00…) made p=1, or null when there is none. */
export function firstPageUrl(url: string): string | null {
  const q = url.indexOf("?");
  if (q < 0) return null;
  const path = url.slice(0, q);
  if (path === "/api" || path.startsWith("/api/")) return null;
  let changed = false;
  const parts = url
    .slice(q + 1)
    .split("&")
    .map((part) => {
      if (!/^p=0+$/.test(part)) return part;
      changed = true;
      return "p=1";
    });
  return changed ? `${path}?${parts.join("&")}` : null;
}

export function registerFirstPageRedirect(app: FastifyInstance): void {
  app.addHook("onRequest", async (req, reply) => {
    if (req.method !== "GET" && req.method !== "HEAD") return;
    const target = firstPageUrl(req.url);
    if (target) return reply.redirect(target, 301);
  });
}
