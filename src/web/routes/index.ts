// The server-rendered HTML pages. (Filled in by the web UI work.)
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../app/context.ts";

export async function registerWeb(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}
