// GET /for-you (the reader's ranked candidates, and papers found to add as examples) and the
// forms that shape it: POST /for-you/categories, /for-you/examples and /for-you/not-interested.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { AccountDeps } from "../../accounts/deps.ts";
import type { AppContext } from "../../app/context.ts";
import { forYou } from "../../community/recommend/forYou.ts";
import { setCategories, setExamplePaper } from "../../community/recommend/interests.ts";
import { setNotInterested } from "../../community/recommend/notInterested.ts";
import { offeredTopics } from "../../digest/topics.ts";
import { search } from "../../search/searchPapers.ts";
import { getPaper, getPapers } from "../../store/papers.ts";
import { paperMarkIds } from "../../store/readerPaperMarks.ts";
import type { User } from "../../store/users.ts";
import type { Site } from "../components/Layout.tsx";
import type { SignedInForm } from "../http/formRoute.ts";
import { formBody, requireUser, wantsJson } from "../http/forms.ts";
import { sendPage } from "../http/render.ts";
import { ForYouPage } from "./ForYouPage.tsx";

export interface ForYouDeps {
  ctx: AppContext;
  accounts: AccountDeps;
  site: Site;
}

async function forYouPage(
  deps: ForYouDeps,
  req: FastifyRequest,
  user: User,
  find: string,
  error?: string,
  justDismissed = "",
) {
  const { store } = deps.ctx;
  // Offered back with Undo only while it is still dismissed (a stale link shows nothing).
  const dismissed =
    justDismissed && (await paperMarkIds(store.db, "dismissed_papers", user.id)).includes(justDismissed)
      ? await getPaper(store.db, justDismissed)
      : null;
  const examples = await getPapers(store.db, await paperMarkIds(store.db, "interest_papers", user.id));
  const found = find ? (await search(deps.accounts.search, find, { limit: 8 })).map((h) => h.paper) : [];
  // The picker lists the instance's categories (its followed ones, or the most common) and the
  // reader's own choices, so a choice made on another instance setting never disappears.
  const offered = [
    ...new Set([...(await offeredTopics(store.db, deps.ctx.config, 40)), ...user.categories]),
  ].sort();
  return (
    <ForYouPage
      site={deps.site}
      csrf={req.viewer.csrfToken()}
      result={await forYou(deps.accounts, user)}
      examples={examples}
      offered={offered}
      dismissed={dismissed}
      find={find}
      found={found}
      error={error}
    />
  );
}

export type ForYouRequest = FastifyRequest<{ Querystring: { find?: string; dismissed?: string } }>;

export async function showForYou(deps: ForYouDeps, req: ForYouRequest, reply: FastifyReply) {
  const user = requireUser(req, reply);
  if (!user) return reply;
  const find = typeof req.query.find === "string" ? req.query.find.slice(0, 200).trim() : "";
  const dismissed = typeof req.query.dismissed === "string" ? req.query.dismissed.slice(0, 100) : "";
  reply.header("cache-control", "no-store");
  return sendPage(reply, 200, await forYouPage(deps, req, user, find, undefined, dismissed));
}

export async function chooseCategories(
  deps: ForYouDeps,
  { req, fields: f, user, again, done }: SignedInForm,
) {
  const result = await setCategories(deps.accounts, user, formBody(req).categories ?? f.categories ?? []);
  if (!result.ok) return again(400, await forYouPage(deps, req, user, "", result.message));
  return done("/for-you");
}

export async function chooseExample(deps: ForYouDeps, { req, fields: f, user, again, done }: SignedInForm) {
  const result = await setExamplePaper(deps.accounts, user, f.paper ?? "", f.value !== "0");
  if (!result.ok) return again(404, await forYouPage(deps, req, user, "", result.message));
  return done("/for-you");
}

/** "Not interested" (value=1) and its undo (value=0); JSON for the card's script, else back to the page. */
export async function notInterested(
  deps: ForYouDeps,
  { req, reply, fields: f, user, again, done }: SignedInForm,
) {
  if (f.value !== "0" && f.value !== "1") {
    const message = "Send value=1 to hide the paper, value=0 to bring it back.";
    if (wantsJson(req))
      return reply.code(400).send({ error: "invalid_parameter", parameter: "value", message });
    return again(400, await forYouPage(deps, req, user, "", message));
  }
  const dismissed = f.value === "1";
  const result = await setNotInterested(deps.accounts, user, f.paper ?? "", dismissed);
  if (!result.ok) {
    if (wantsJson(req)) return reply.code(404).send({ error: "not_found", message: result.message });
    return again(404, await forYouPage(deps, req, user, "", result.message));
  }
  if (wantsJson(req)) return reply.send({ paper: f.paper, dismissed });
  return done(dismissed ? `/for-you?dismissed=${encodeURIComponent(f.paper ?? "")}` : "/for-you");
}
