// The reader's collections: GET /collections (the list and the new-collection form) and
// POST /collections (create one).
import type { FastifyReply, FastifyRequest } from "fastify";
import { createCollection } from "../../community/collections/collectionEditor.ts";
import { collectionsOfUser } from "../../store/collections.ts";
import type { SignedInForm } from "../http/formRoute.ts";
import { requireUser } from "../http/forms.ts";
import { statusOf } from "../http/httpError.ts";
import { sendPage } from "../http/render.ts";
import { CollectionsPage, collectionPath } from "./CollectionPages.tsx";
import type { CollectionDeps } from "./collectionDeps.ts";

/** A collection's name, description and visibility from its form (new or edit). */
export function collectionInput(f: Record<string, string>) {
  return { name: f.name ?? "", description: f.description ?? "", isPublic: f.public === "1" };
}

export async function collectionList(deps: CollectionDeps, req: FastifyRequest, reply: FastifyReply) {
  const user = requireUser(req, reply);
  if (!user) return reply;
  reply.header("cache-control", "no-store");
  return sendPage(
    reply,
    200,
    <CollectionsPage
      site={deps.site}
      csrf={req.viewer.csrfToken()}
      collections={await collectionsOfUser(deps.db, user.id)}
    />,
  );
}

export async function create(deps: CollectionDeps, { req, fields: f, user, again, done }: SignedInForm) {
  const result = await createCollection(deps.accounts, user, collectionInput(f));
  if (result.ok) return done(collectionPath(result.collection));
  return again(
    statusOf(result.reason),
    <CollectionsPage
      site={deps.site}
      csrf={req.viewer.csrfToken()}
      collections={await collectionsOfUser(deps.db, user.id)}
      error={result.message}
      draft={{ name: f.name, description: f.description, isPublic: f.public === "1" }}
    />,
  );
}
