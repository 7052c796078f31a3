// Collection routes: POST /saved (the Save button, form or fetch), /collections (list, create),
// /c/<id or slug> (one collection), edits, tags, removal, and the BibTeX/JSON exports of a
// collection and of everything saved. Every POST checks the CSRF token; writes are rate limited
// per account like comments.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { formFields, requireUser, safeNext, wantsJson } from "../../accounts/http.ts";
import { hashSecret } from "../../accounts/secrets.ts";
import { sessionIdOf } from "../../accounts/viewer.ts";
import type { AppContext } from "../../app/context.ts";
import { collectionsOfUser, findCollection, itemsOf } from "../../store/collections.ts";
import { getPapers } from "../../store/papers.ts";
import { getUser } from "../../store/users.ts";
import { sendPage } from "../../web/render.ts";
import { paperPath } from "../../web/urls.ts";
import {
  CollectionPage,
  CollectionsPage,
  collectionPath,
} from "../../web/views/community/CollectionPages.tsx";
import { MessagePage } from "../../web/views/MessagePage.tsx";
import { policies } from "../policies.ts";
import { createCollection, editCollection, removeCollection } from "./collectionEditor.ts";
import { type ExportFile, exportCollection, exportSaved } from "./exporter.ts";
import { registerSavedState } from "./savedState.ts";
import { setSaved, tagItem } from "./paperSaver.ts";

/** Saves, tags and edits per account per minute: generous for a person, a wall for a script. */
const WRITES_PER_MINUTE = 60;

export function registerCollectionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const deps = app.accountDeps;
  const site = { baseUrl: ctx.config.baseUrl };
  const db = ctx.store.db;
  registerSavedState(app, ctx.store);
  const perPoster = (req: FastifyRequest) => {
    const session = sessionIdOf(req);
    return session ? `s:${hashSecret(session)}` : `ip:${req.ip}`;
  };
  const limited = {
    preValidation: app.csrfProtection,
    config: { rateLimit: { max: WRITES_PER_MINUTE, timeWindow: 60_000, keyGenerator: perPoster } },
  };

  const fail = (reply: FastifyReply, status: number, message: string) =>
    sendPage(
      reply,
      status,
      <MessagePage site={site} status={status} title="Collection" message={message} path="/collections" />,
    );
  const statusOf = (reason: string) =>
    reason === "not-found" ? 404 : reason === "not-allowed" ? 403 : reason === "too-many" ? 409 : 400;

  app.post("/saved", limited, async (req, reply) => {
    const f = formFields(req);
    const back = safeNext(f.next, f.paper ? paperPath(f.paper) : "/");
    const user = requireUser(req, reply, back);
    if (!user) return reply;
    const result = await setSaved(deps, user, {
      paperId: f.paper ?? "",
      collectionId: f.collection || undefined,
      saved: f.value !== "0",
    });
    if (!result.ok) {
      if (wantsJson(req)) return reply.code(statusOf(result.reason)).send({ error: result.reason });
      return fail(reply, statusOf(result.reason), result.message);
    }
    if (wantsJson(req))
      return reply
        .header("cache-control", "no-store")
        .send({ paperId: f.paper, saved: result.saved, collection: result.collection.slug });
    return reply.redirect(back, 303);
  });

  app.get("/collections", async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    reply.header("cache-control", "no-store");
    return sendPage(
      reply,
      200,
      <CollectionsPage
        site={site}
        csrf={req.viewer.csrfToken()}
        collections={await collectionsOfUser(db, user.id)}
      />,
    );
  });

  const input = (f: Record<string, string>) => ({
    name: f.name ?? "",
    description: f.description ?? "",
    isPublic: f.public === "1",
  });

  app.post("/collections", limited, async (req, reply) => {
    const user = requireUser(req, reply, "/collections");
    if (!user) return reply;
    const f = formFields(req);
    const result = await createCollection(deps, user, input(f));
    if (result.ok) return reply.redirect(collectionPath(result.collection), 303);
    return sendPage(
      reply,
      statusOf(result.reason),
      <CollectionsPage
        site={site}
        csrf={req.viewer.csrfToken()}
        collections={await collectionsOfUser(db, user.id)}
        error={result.message}
        draft={{ name: f.name, description: f.description, isPublic: f.public === "1" }}
      />,
    );
  });

  app.get<{ Params: { key: string } }>("/c/:key", async (req, reply) => {
    const user = req.viewer?.user ?? null;
    const c = await findCollection(db, req.params.key);
    // A private collection is "not found" to everyone but its owner: no hint that it exists.
    if (!c || !policies.mayViewCollection(user, c))
      return fail(reply, 404, "There is no such collection, or it is private.");
    if (req.params.key !== c.slug) return reply.redirect(collectionPath(c), 301);
    const owner = await getUser(db, c.userId);
    const items = await itemsOf(db, c.id);
    const papers = new Map(
      (
        await getPapers(
          db,
          items.map((i) => i.paperId),
        )
      ).map((p) => [p.id, p]),
    );
    if (!c.isPublic) reply.header("cache-control", "private, no-store");
    return sendPage(
      reply,
      200,
      <CollectionPage
        site={site}
        collection={c}
        owner={owner?.handle ?? "deleted user"}
        items={items.flatMap((item) => {
          const paper = papers.get(item.paperId);
          return paper ? [{ paper, item }] : [];
        })}
      />,
    );
  });

  app.post<{ Params: { id: string } }>("/collections/:id/edit", limited, async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const result = await editCollection(deps, user, req.params.id, input(formFields(req)));
    if (!result.ok) return fail(reply, statusOf(result.reason), result.message);
    return reply.redirect(collectionPath(result.collection), 303);
  });

  app.post<{ Params: { id: string } }>("/collections/:id/delete", limited, async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const result = await removeCollection(deps, user, req.params.id);
    if (!result.ok) return fail(reply, statusOf(result.reason), result.message);
    return reply.redirect("/collections", 303);
  });

  app.post<{ Params: { id: string } }>("/collections/:id/tags", limited, async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const f = formFields(req);
    const result = await tagItem(deps, user, {
      collectionId: req.params.id,
      paperId: f.paper ?? "",
      tags: f.tags ?? "",
    });
    if (!result.ok) return fail(reply, statusOf(result.reason), result.message);
    return reply.redirect(collectionPath(result.collection), 303);
  });

  app.post<{ Params: { id: string } }>("/collections/:id/remove", limited, async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const f = formFields(req);
    const result = await setSaved(deps, user, {
      paperId: f.paper ?? "",
      collectionId: req.params.id,
      saved: false,
    });
    if (!result.ok) return fail(reply, statusOf(result.reason), result.message);
    return reply.redirect(collectionPath(result.collection), 303);
  });

  const sendFile = (reply: FastifyReply, file: ExportFile, isPublic: boolean) =>
    reply
      .header("content-type", file.contentType)
      .header("content-disposition", `attachment; filename="${file.filename}"`)
      .header("cache-control", isPublic ? "no-cache" : "private, no-store")
      .send(file.body);
  const formatOf = (name: string) => (name === "export.bib" ? "bib" : name === "export.json" ? "json" : null);

  app.get<{ Params: { id: string; file: string } }>("/collections/:id/:file", async (req, reply) => {
    const format = formatOf(req.params.file);
    if (!format) return fail(reply, 404, "There is no such export.");
    const user = req.viewer?.user ?? null;
    const file = await exportCollection(deps, user, req.params.id, format);
    if (!file) return fail(reply, 404, "There is no such collection, or it is private.");
    const c = await findCollection(db, req.params.id);
    return sendFile(reply, file, c?.isPublic === true);
  });

  app.get<{ Params: { file: string } }>("/saved/:file", async (req, reply) => {
    const format = formatOf(req.params.file);
    if (!format) return fail(reply, 404, "There is no such export.");
    const user = requireUser(req, reply);
    if (!user) return reply;
    return sendFile(reply, await exportSaved(deps, user, format), false);
  });
}
