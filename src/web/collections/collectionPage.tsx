// One collection: GET /c/<id or slug> (its page; an id redirects to the slug) and
// POST /collections/:id/add (the owner adds a paper by arXiv id or URL; an error shows the page
// again with the form filled in; so does a tag form's error, next to that paper's tags).
import type { FastifyReply, FastifyRequest } from "fastify";
import { addPaperByRef } from "../../community/collections/paperAdder.ts";
import { policies } from "../../community/policies.ts";
import { type Collection, findCollection, itemsOf } from "../../store/collections.ts";
import { getPapers } from "../../store/papers.ts";
import { getUser } from "../../store/users.ts";
import type { SignedInForm } from "../http/formRoute.ts";
import { statusOf } from "../http/httpError.ts";
import { sendPage } from "../http/render.ts";
import { CollectionPage, collectionPath, type TagFormState } from "./CollectionPages.tsx";
import { type CollectionDeps, collectionFailure } from "./collectionDeps.ts";

/** One collection's page; the owner's add-a-paper or tag form may come back with an error. */
export async function sendCollection(
  deps: CollectionDeps,
  reply: FastifyReply,
  c: Collection,
  status: number,
  add: { error?: string; draft?: string; tagForm?: TagFormState } = {},
) {
  const owner = await getUser(deps.db, c.userId);
  const items = await itemsOf(deps.db, c.id);
  const papers = new Map(
    (
      await getPapers(
        deps.db,
        items.map((i) => i.paperId),
      )
    ).map((p) => [p.id, p]),
  );
  if (!c.isPublic) reply.header("cache-control", "private, no-store");
  return sendPage(
    reply,
    status,
    <CollectionPage
      site={deps.site}
      collection={c}
      owner={owner?.handle ?? "deleted user"}
      items={items.flatMap((item) => {
        const paper = papers.get(item.paperId);
        return paper ? [{ paper, item }] : [];
      })}
      addError={add.error}
      addDraft={add.draft}
      tagForm={add.tagForm}
    />,
  );
}

export type CollectionRequest = FastifyRequest<{ Params: { key: string } }>;

export async function collectionPage(deps: CollectionDeps, req: CollectionRequest, reply: FastifyReply) {
  const user = req.viewer?.user ?? null;
  const c = await findCollection(deps.db, req.params.key);
  // A private collection is "not found" to everyone but its owner: no hint that it exists.
  if (!c || !policies.mayViewCollection(user, c))
    throw collectionFailure("not-found", "There is no such collection, or it is private.");
  if (req.params.key !== c.slug) return reply.redirect(collectionPath(c), 301);
  return sendCollection(deps, reply, c, 200);
}

export async function addPaper(
  deps: CollectionDeps,
  { req, reply, fields: f, user, done }: SignedInForm<{ id: string }>,
) {
  const result = await addPaperByRef(deps.accounts, user, {
    collectionId: req.params.id,
    ref: f.paper ?? "",
  });
  if (result.ok) return done(collectionPath(result.collection));
  if (result.reason === "not-found" || result.reason === "not-allowed")
    throw collectionFailure(result.reason, result.message);
  const c = await findCollection(deps.db, req.params.id);
  if (!c) throw collectionFailure("not-found", "There is no such collection.");
  return sendCollection(deps, reply, c, statusOf(result.reason), {
    error: result.message,
    draft: (f.paper ?? "").slice(0, 300),
  });
}
