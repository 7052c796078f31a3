// "Save to…": which of my collections hold this paper. GET /save/<paper> shows the form (or, for
// save.js, the same as JSON); POST applies the ticks and may make a new collection.
import type { FastifyReply, FastifyRequest } from "fastify";
import { MAX_COLLECTIONS } from "../../community/collections/collectionEditor.ts";
import {
  applyMembership,
  type CollectionChoice,
  paperCollections,
} from "../../community/collections/membership.ts";
import type { SignedInForm } from "../http/formRoute.ts";
import { requireUser, safeNext, wantsJson } from "../http/forms.ts";
import { statusOf } from "../http/httpError.ts";
import { sendPage } from "../http/render.ts";
import { paperPath } from "../urls.ts";
import { collectionPath } from "./CollectionPages.tsx";
import { type CollectionDeps, collectionFailure, failCollection } from "./collectionDeps.ts";
import { SaveToPage, saveToPath } from "./SaveToPage.tsx";

type PaperParams = { "*": string };

function choiceJson(paperId: string, collections: CollectionChoice[]) {
  return {
    paperId,
    saved: collections.some((c) => c.holds),
    collections: collections.map((c) => ({
      id: c.id,
      name: c.name,
      isPublic: c.isPublic,
      count: c.count,
      holds: c.holds,
      path: collectionPath(c),
    })),
  };
}

export type SaveToRequest = FastifyRequest<{ Params: PaperParams; Querystring: { next?: string } }>;

export async function saveToForm(deps: CollectionDeps, req: SaveToRequest, reply: FastifyReply) {
  const paperId = req.params["*"];
  const next = safeNext(req.query.next, paperPath(paperId));
  const user = requireUser(req, reply);
  if (!user) return reply;
  reply.header("cache-control", "private, no-store");
  const result = await paperCollections(deps.accounts, user, paperId);
  if (!result.ok) return failCollection(req, reply, result);
  if (wantsJson(req)) return reply.send(choiceJson(result.paper.id, result.collections));
  return sendPage(
    reply,
    200,
    <SaveToPage
      site={deps.site}
      csrf={req.viewer.csrfToken()}
      paper={result.paper}
      collections={result.collections}
      next={next}
    />,
  );
}

/** Sign-in brings the reader back to this paper's "Save to…" form. */
export function saveToBack(_f: Record<string, string>, req: FastifyRequest): string {
  return saveToPath((req.params as PaperParams)["*"]);
}

export async function saveTo(
  deps: CollectionDeps,
  { req, reply, fields: f, user, again, done }: SignedInForm<PaperParams>,
) {
  const paperId = req.params["*"];
  const next = safeNext(f.next, paperPath(paperId));
  const shown = [
    ...new Set(
      (f.shown ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ].slice(0, MAX_COLLECTIONS);
  const choices = shown.map((collectionId) => ({ collectionId, holds: f[`c.${collectionId}`] === "1" }));
  const draft = { name: f.new_name ?? "", isPublic: f.new_public === "1" };
  const result = await applyMembership(deps.accounts, user, { paperId, choices, newCollection: draft });
  if (result.ok) {
    if (wantsJson(req))
      return reply
        .header("cache-control", "no-store")
        .send({ ...choiceJson(result.paper.id, result.collections), created: result.created?.id ?? null });
    return done(next);
  }
  if (wantsJson(req))
    return reply.code(statusOf(result.reason)).send({ error: result.reason, message: result.message });
  const current = result.reason === "invalid" || result.reason === "too-many";
  const shownNow = current ? await paperCollections(deps.accounts, user, paperId) : null;
  if (!shownNow?.ok) throw collectionFailure(result.reason, result.message);
  // The form again with the reader's own ticks and name: nothing was changed, nothing is lost.
  const ticked = new Map(choices.map((c) => [c.collectionId, c.holds]));
  return again(
    statusOf(result.reason),
    <SaveToPage
      site={deps.site}
      csrf={req.viewer.csrfToken()}
      paper={shownNow.paper}
      collections={shownNow.collections.map((c) => ({ ...c, holds: ticked.get(c.id) ?? c.holds }))}
      next={next}
      error={result.message}
      draft={draft}
    />,
  );
}
