// GET /healthz: liveness only. It touches no database, which also makes it the ceiling the HTTP
// benchmark measures the real pages against.
// GET /readyz: readiness, for a load balancer or an orchestrator deciding whether to send this
// process traffic: the database answers, its schema has every migration this code knows, and the
// search engine is loaded in memory (the first probe starts loading it; until it is loaded the
// answer is 503, so a process just started gets no searches it would answer slowly).
import type { FastifyInstance } from "fastify";
import type { AppServices } from "../../../app/services.ts";
import { getEngine } from "../../../search/engine.ts";
import { pendingMigrations } from "../../../store/operations.ts";
import { healthRoute, readyRoute } from "../schemas.ts";

/** How long a probe waits for the database or the engine before answering "not ready". */
const PROBE_WAIT_MS = 2000;

type Check = { ok: true } | { ok: false; reason: string };

export async function healthRoutes(app: FastifyInstance, ctx: AppServices): Promise<void> {
  app.get("/healthz", { schema: healthRoute }, async (_req, reply) => {
    reply.type("text/plain; charset=utf-8");
    return "ok";
  });

  app.get("/readyz", { schema: readyRoute }, async (req, reply) => {
    const database = await check(async () => {
      const pending = await pendingMigrations(ctx.store.db);
      return pending.length === 0 ? null : `migrations not applied: ${pending.join(", ")}`;
    }, "the database did not answer");
    const search = database.ok
      ? await check(async () => {
          await getEngine(ctx.search);
          return null;
        }, "the search engine is loading")
      : ({ ok: false, reason: "waits for the database" } as const);
    const ready = database.ok && search.ok;
    if (!ready) req.log.warn({ database, search }, "not ready");
    reply.header("Cache-Control", "no-store");
    return reply.code(ready ? 200 : 503).send({
      status: ready ? "ready" : "not-ready",
      database: database.ok ? "ok" : database.reason,
      search: search.ok ? "ok" : search.reason,
    });
  });
}

/** Runs a probe: null means fine, a string says what is wrong; an error or a timeout is `failed`. */
async function check(probe: () => Promise<string | null>, failed: string): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(failed), PROBE_WAIT_MS);
  });
  try {
    const problem = await Promise.race([probe().catch(() => failed), timeout]);
    return problem === null ? { ok: true } : { ok: false, reason: problem };
  } finally {
    clearTimeout(timer);
  }
}
