// GET /healthz: liveness only. It touches no database, which also makes it the ceiling the HTTP
// benchmark measures the real pages against.
import type { FastifyInstance } from "fastify";
import { healthRoute } from "../schemas.ts";

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get("/healthz", { schema: healthRoute }, async (_req, reply) => {
    reply.type("text/plain; charset=utf-8");
    return "ok";
  });
}
