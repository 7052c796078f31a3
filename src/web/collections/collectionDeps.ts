// What the collection routes need (the account deps, the site), how their failures show (a
// "Collection" error page, or the reason as JSON for save.js), and their write limit.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AccountDeps } from "../../accounts/deps.ts";
import type { AppContext } from "../../app/context.ts";
import type { Site } from "../components/Layout.tsx";
import { perPoster, wantsJson } from "../http/forms.ts";
import { HttpError, statusOf } from "../http/httpError.ts";

export interface CollectionDeps {
  accounts: AccountDeps;
  db: AccountDeps["store"]["db"];
  site: Site;
}

export function collectionDeps(app: FastifyInstance, ctx: AppContext): CollectionDeps {
  return { accounts: app.accountDeps, db: ctx.store.db, site: { baseUrl: ctx.config.baseUrl } };
}

/** Saves, tags and edits per account per minute: generous for a person, a wall for a script. */
const WRITES_PER_MINUTE = 60;
export const WRITE_LIMIT = {
  rateLimit: { max: WRITES_PER_MINUTE, timeWindow: 60_000, keyGenerator: perPoster },
};

export function collectionFailure(reason: string, message: string): HttpError {
  return new HttpError(reason, message, { title: "Collection", path: "/collections" });
}

/** A failed domain result: `{error: reason}` for a script, else the error page. */
export function failCollection(
  req: FastifyRequest,
  reply: FastifyReply,
  result: { reason: string; message: string },
): FastifyReply {
  if (wantsJson(req)) return reply.code(statusOf(result.reason)).send({ error: result.reason });
  throw collectionFailure(result.reason, result.message);
}
