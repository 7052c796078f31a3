// What the digest routes share: their deps (the process's digest deps, the site, the topics on
// offer), the capability-link paths, the answer to a link that is not valid, and the reading of
// the preference form's fields.
import type { FastifyReply } from "fastify";
import type { AppContext } from "../../app/context.ts";
import type { DigestDeps } from "../../digest/deps.ts";
import { offeredTopics } from "../../digest/topics.ts";
import type { Site } from "../components/Layout.tsx";
import { sendPage } from "../http/render.ts";
import { LinkProblemPage } from "./pages.tsx";

export interface DigestRouteDeps {
  digest: DigestDeps;
  site: Site;
  offered: () => ReturnType<typeof offeredTopics>;
}

export function digestRouteDeps(ctx: AppContext, digest: DigestDeps): DigestRouteDeps {
  return {
    digest,
    site: { baseUrl: ctx.config.baseUrl },
    offered: () => offeredTopics(ctx.store.db, ctx.config),
  };
}

export type TokenParams = { token: string };

export function confirmPath(token: string): string {
  return `/subscribe/confirm/${encodeURIComponent(token)}`;
}
export function unsubscribePath(token: string): string {
  return `/unsubscribe/${encodeURIComponent(token)}`;
}
export function managePath(token: string): string {
  return `/subscription/${encodeURIComponent(token)}`;
}
export function stopAlertsPath(token: string): string {
  return `/alerts/stop/${encodeURIComponent(token)}`;
}

/** A token link that is incomplete or altered: 404, as if nothing were there. */
export function badLink(deps: DigestRouteDeps, reply: FastifyReply, path: string): FastifyReply {
  return sendPage(
    reply,
    404,
    <LinkProblemPage
      site={deps.site}
      path={path}
      title="This link is not valid"
      message="The link is incomplete or altered. Copy the whole link from the mail."
    />,
  );
}

/**
 * The preference form always sends a frequency (one radio is always checked) but sends no topics
 * when every box is unchecked, which means "all topics". A post without a frequency is not that
 * form (the "subscribe again" button, an API client): it leaves the topics as they are.
 */
export function formTopics(body: Record<string, unknown>): unknown {
  if (body.frequency === undefined) return undefined;
  return body.topics ?? [];
}

export function stringList(v: unknown): string[] {
  return (Array.isArray(v) ? v : [v])
    .filter((x): x is string => typeof x === "string" && x.length <= 40)
    .slice(0, 40);
}
