// What the account routes need (the account and digest deps, the site) and the two answers many
// of them give: a message page, and "too many attempts" (429 with Retry-After).
import type { FastifyInstance, FastifyReply } from "fastify";
import { waitText } from "../../accounts/accountThrottle.ts";
import type { AccountDeps } from "../../accounts/deps.ts";
import type { AppContext } from "../../app/context.ts";
import type { DigestDeps } from "../../digest/deps.ts";
import type { Site } from "../components/Layout.tsx";
import { MessagePage, type MessagePageProps } from "../components/MessagePage.tsx";
import { sendPage } from "../http/render.ts";

export interface AccountRouteDeps {
  ctx: AppContext;
  accounts: AccountDeps;
  /** For the account page's digest settings and saved searches. */
  digest: DigestDeps;
  site: Site;
}

export function accountRouteDeps(app: FastifyInstance, ctx: AppContext): AccountRouteDeps {
  return { ctx, accounts: app.accountDeps, digest: app.digestDeps, site: { baseUrl: ctx.config.baseUrl } };
}

/** Sign-in, sign-up, reset and delete: per client IP, as the settings say. */
export function authLimit(deps: AccountRouteDeps) {
  const s = deps.accounts.settings;
  return { rateLimit: { max: s.authRateLimit, timeWindow: s.authRateWindowMs } };
}

export function sendMessage(
  deps: AccountRouteDeps,
  reply: FastifyReply,
  status: number,
  title: string,
  text: string,
  path: string,
  actions?: MessagePageProps["actions"],
): FastifyReply {
  return sendPage(
    reply,
    status,
    <MessagePage
      site={deps.site}
      status={status}
      title={title}
      message={text}
      path={path}
      actions={actions}
    />,
  );
}

export function tooMany(
  deps: AccountRouteDeps,
  reply: FastifyReply,
  seconds: number,
  text: string,
  path: string,
): FastifyReply {
  reply.header("retry-after", String(seconds));
  return sendMessage(
    deps,
    reply,
    429,
    "Too many attempts",
    `${text} Please wait ${waitText(seconds)}, then try again.`,
    path,
  );
}
