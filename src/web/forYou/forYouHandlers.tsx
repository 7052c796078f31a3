// GET /for-you (the reader's ranked candidates, and papers found to add as examples) and the two
// forms that shape it: POST /for-you/categories and /for-you/examples.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { AccountDeps } from "../../accounts/deps.ts";
import type { AppContext } from "../../app/context.ts";
import { forYou } from "../../community/recommend/forYou.ts";
import { setCategories, setExamplePaper } from "../../community/recommend/interests.ts";
import { search } from "../../search/searchPapers.ts";
import { interestPaperIds } from "../../store/interests.ts";
import { getPapers } from "../../store/papers.ts";
import type { User } from "../../store/users.ts";
import type { Site } from "../components/Layout.tsx";
import type { SignedInForm } from "../http/formRoute.ts";
import { requireUser } from "../http/forms.ts";
import { sendPage } from "../http/render.ts";
import { ForYouPage } from "./ForYouPage.tsx";

export interface ForYouDeps {
  ctx: AppContext;
  accounts: AccountDeps;
  site: Site;
}

async function forYouPage(deps: ForYouDeps, req: FastifyRequest, user: User, find: string, error?: string) {
  const { store } = deps.ctx;
  const examples = await getPapers(store.db, await interestPaperIds(store.db, user.id));
  const found = find ? (await search(deps.accounts.search, find, { limit: 8 })).map((h) => h.paper) : [];
  return (
    <ForYouPage
      site={deps.site}
      csrf={req.viewer.csrfToken()}
      result={await forYou(deps.accounts, user)}
      examples={examples}
      find={find}
      found={found}
      error={error}
    />
  );
}

export type ForYouRequest = FastifyRequest<{ Querystring: { find?: string } }>;

export async function showForYou(deps: ForYouDeps, req: ForYouRequest, reply: FastifyReply) {
  const user = requireUser(req, reply);
  if (!user) return reply;
  const find = typeof req.query.find === "string" ? req.query.find.slice(0, 200).trim() : "";
  reply.header("cache-control", "no-store");
  return sendPage(reply, 200, await forYouPage(deps, req, user, find));
}

export async function chooseCategories(
  deps: ForYouDeps,
  { req, fields: f, user, again, done }: SignedInForm,
) {
  const result = await setCategories(deps.accounts, user, [f.categories ?? ""]);
  if (!result.ok) return again(400, await forYouPage(deps, req, user, "", result.message));
  return done("/for-you");
}

export async function chooseExample(deps: ForYouDeps, { req, fields: f, user, again, done }: SignedInForm) {
  const result = await setExamplePaper(deps.accounts, user, f.paper ?? "", f.value !== "0");
  if (!result.ok) return again(404, await forYouPage(deps, req, user, "", result.message));
  return done("/for-you");
}
