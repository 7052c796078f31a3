// The site's server (buildServer) for digest and feed HTTP tests, on the test context's services:
// its digest deps (secret, links, outbox signal) are the context's, so links the test signs work
// on the server and mails the server enqueues wake a digest service built on the same deps.
import type { FastifyInstance } from "fastify";
import { buildServer } from "../../../src/web/server.ts";
import type { DigestTestContext } from "./fixtures.ts";

export async function digestServer(
  ctx: DigestTestContext,
  opts: { logStream?: NodeJS.WritableStream } = {},
): Promise<FastifyInstance> {
  return buildServer(ctx, {
    services: ctx.services,
    ...(opts.logStream ? { logStream: opts.logStream } : { logger: false }),
  });
}
