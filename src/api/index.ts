// The public JSON API under /api, and its OpenAPI document. (Filled in by the API work.)
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../app/context.ts";

export async function registerApi(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}
