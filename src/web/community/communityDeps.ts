// What the community routes (votes, submissions, comments) need: the account deps (store, clock,
// settings, the arXiv fetcher) and the site for page layouts.
import type { FastifyInstance } from "fastify";
import type { AccountDeps } from "../../accounts/deps.ts";
import type { AppContext } from "../../app/context.ts";
import type { Site } from "../components/Layout.tsx";

export interface CommunityDeps {
  accounts: AccountDeps;
  site: Site;
}

export function communityDeps(app: FastifyInstance, ctx: AppContext): CommunityDeps {
  return { accounts: app.accountDeps, site: { baseUrl: ctx.config.baseUrl } };
}
