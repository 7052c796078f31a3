// The site's server (test/support/server.ts) for digest and feed HTTP tests, on the test
// context's configuration and services: its digest deps (secret, links, outbox signal) are the
// context's, so links the test signs work on the server and mails the server enqueues wake a
// digest service built on the same deps. Requests go through app.inject (no port).
import type { FastifyInstance } from "fastify";
import { startTestServer } from "../../support/server.ts";
import type { DigestTestContext } from "./fixtures.ts";

export async function digestServer(
  ctx: DigestTestContext,
  opts: { logStream?: NodeJS.WritableStream } = {},
): Promise<FastifyInstance> {
  const server = await startTestServer({
    store: ctx.store,
    config: ctx.config,
    services: ctx.services,
    log: opts.logStream ?? false,
    listen: false,
  });
  return server.app;
}
