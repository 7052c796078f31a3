// Collection routes: POST /saved (the Save button, form or fetch), /collections (list, create),
// /c/<id or slug> (one collection), edits, tags, removal, and the BibTeX/JSON exports of a
// collection and of everything saved. Every POST checks the CSRF token; writes are rate limited
// per account like comments.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hashSecret } from "../../accounts/secrets.ts";
import type { AppContext } from "../../app/context.ts";
import { sharedArxivFetcher } from "../../community/arxivFetcher.ts";
import {
  createCollection,
  editCollection,
  MAX_COLLECTIONS,
  removeCollection,
} from "../../community/collections/collectionEditor.ts";
import { type ExportFile, exportCollection, exportSaved } from "../../community/collections/exporter.ts";
import {
  applyMembership,
  type CollectionChoice,
  paperCollections,
} from "../../community/collections/membership.ts";
import { addPaperByRef } from "../../community/collections/paperAdder.ts";
import { setSaved, tagItem } from "../../community/collections/paperSaver.ts";
import { policies } from "../../community/policies.ts";
import { type Collection, collectionsOfUser, findCollection, itemsOf } from "../../store/collections.ts";
import { getPapers } from "../../store/papers.ts";
import { getUser } from "../../store/users.ts";
import { MessagePage } from "../components/MessagePage.tsx";
import { attachmentDisposition } from "../http/contentDisposition.ts";
import { formFields, requireUser, safeNext, wantsJson } from "../http/forms.ts";
import { sendPage } from "../http/render.ts";
import { sessionIdOf } from "../http/viewer.ts";
import { paperPath } from "../urls.ts";
import { CollectionPage, CollectionsPage, collectionPath } from "./CollectionPages.tsx";
import { SaveToPage, saveToPath } from "./SaveToPage.tsx";
import { registerSavedState } from "./savedState.ts";

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

  /** One collection's page; the owner's add-a-paper form may come back with an error. */
  const sendCollection = async (
    reply: FastifyReply,
    c: Collection,
    status: number,
    add: { error?: string; draft?: string } = {},
  ) => {
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
      status,
      <CollectionPage
        site={site}
        collection={c}
        owner={owner?.handle ?? "deleted user"}
        items={items.flatMap((item) => {
          const paper = papers.get(item.paperId);
          return paper ? [{ paper, item }] : [];
        })}
        addError={add.error}
        addDraft={add.draft}
      />,
    );
  };

  app.get<{ Params: { key: string } }>("/c/:key", async (req, reply) => {
    const user = req.viewer?.user ?? null;
    const c = await findCollection(db, req.params.key);
    // A private collection is "not found" to everyone but its owner: no hint that it exists.
    if (!c || !policies.mayViewCollection(user, c))
      return fail(reply, 404, "There is no such collection, or it is private.");
    if (req.params.key !== c.slug) return reply.redirect(collectionPath(c), 301);
    return sendCollection(reply, c, 200);
  });

  // Add a paper by arXiv id or URL from the collection's own page (owner only).
  const addDeps = { ...deps, fetchPaper: sharedArxivFetcher(ctx.config) };
  Object.defineProperty(addDeps, "now", { get: () => deps.now });
  app.post<{ Params: { id: string } }>("/collections/:id/add", limited, async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const f = formFields(req);
    const result = await addPaperByRef(addDeps, user, { collectionId: req.params.id, ref: f.paper ?? "" });
    if (result.ok) return reply.redirect(collectionPath(result.collection), 303);
    if (result.reason === "not-found" || result.reason === "not-allowed")
      return fail(reply, statusOf(result.reason), result.message);
    const c = await findCollection(db, req.params.id);
    if (!c) return fail(reply, 404, "There is no such collection.");
    const status = result.reason === "fetch-failed" ? 502 : result.reason === "unknown-paper" ? 404 : 400;
    return sendCollection(reply, c, status, { error: result.message, draft: (f.paper ?? "").slice(0, 300) });
  });

  // "Save to…": which of my collections hold this paper. GET shows the form (or, for save.js,
  // the same as JSON); POST applies the ticks and may make a new collection.
  const choiceJson = (paperId: string, collections: CollectionChoice[]) => ({
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
  });

  app.get<{ Params: { "*": string }; Querystring: { next?: string } }>("/save/*", async (req, reply) => {
    const paperId = req.params["*"];
    const next = safeNext(req.query.next, paperPath(paperId));
    const user = requireUser(req, reply);
    if (!user) return reply;
    reply.header("cache-control", "private, no-store");
    const result = await paperCollections(deps, user, paperId);
    if (!result.ok) {
      if (wantsJson(req)) return reply.code(statusOf(result.reason)).send({ error: result.reason });
      return fail(reply, statusOf(result.reason), result.message);
    }
    if (wantsJson(req)) return reply.send(choiceJson(result.paper.id, result.collections));
    return sendPage(
      reply,
      200,
      <SaveToPage
        site={site}
        csrf={req.viewer.csrfToken()}
        paper={result.paper}
        collections={result.collections}
        next={next}
      />,
    );
  });

  app.post<{ Params: { "*": string } }>("/save/*", limited, async (req, reply) => {
    const paperId = req.params["*"];
    const f = formFields(req);
    const next = safeNext(f.next, paperPath(paperId));
    const user = requireUser(req, reply, saveToPath(paperId));
    if (!user) return reply;
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
    const result = await applyMembership(deps, user, { paperId, choices, newCollection: draft });
    if (result.ok) {
      if (wantsJson(req))
        return reply
          .header("cache-control", "no-store")
          .send({ ...choiceJson(result.paper.id, result.collections), created: result.created?.id ?? null });
      return reply.redirect(next, 303);
    }
    if (wantsJson(req))
      return reply.code(statusOf(result.reason)).send({ error: result.reason, message: result.message });
    const current = result.reason === "invalid" || result.reason === "too-many";
    const shownNow = current ? await paperCollections(deps, user, paperId) : null;
    if (!shownNow?.ok) return fail(reply, statusOf(result.reason), result.message);
    // The form again with the reader's own ticks and name: nothing was changed, nothing is lost.
    const ticked = new Map(choices.map((c) => [c.collectionId, c.holds]));
    return sendPage(
      reply,
      statusOf(result.reason),
      <SaveToPage
        site={site}
        csrf={req.viewer.csrfToken()}
        paper={shownNow.paper}
        collections={shownNow.collections.map((c) => ({ ...c, holds: ticked.get(c.id) ?? c.holds }))}
        next={next}
        error={result.message}
        draft={draft}
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
      .header("content-disposition", attachmentDisposition(file.filename))
      .header("cache-control", isPublic ? "no-cache" : "private, no-store")
      .send(file.body);
  const formatOf = (name: string) => (name === "export.bib" ? "bib" : name === "export.json" ? "json" : null);

  // Exports read every paper of a collection: expensive pages (src/web/http/expensiveRoutes.ts).
  app.get<{ Params: { id: string; file: string } }>(
    "/collections/:id/:file",
    app.expensive.page(),
    async (req, reply) => {
      const format = formatOf(req.params.file);
      if (!format) return fail(reply, 404, "There is no such export.");
      const user = req.viewer?.user ?? null;
      const file = await exportCollection(deps, user, req.params.id, format);
      if (!file) return fail(reply, 404, "There is no such collection, or it is private.");
      const c = await findCollection(db, req.params.id);
      return sendFile(reply, file, c?.isPublic === true);
    },
  );

  app.get<{ Params: { file: string } }>("/saved/:file", app.expensive.page(), async (req, reply) => {
    const format = formatOf(req.params.file);
    if (!format) return fail(reply, 404, "There is no such export.");
    const user = requireUser(req, reply);
    if (!user) return reply;
    return sendFile(reply, await exportSaved(deps, user, format), false);
  });
}
