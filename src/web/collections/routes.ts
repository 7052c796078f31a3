// Collection routes: POST /saved (the Save button, form or fetch), /collections (list, create),
// /c/<id or slug> (one collection), edits, tags, removal, and the BibTeX/JSON exports of a
// collection and of everything saved. Every POST checks the CSRF token (formRoute.ts); writes are
// rate limited per account like comments.
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../app/context.ts";
import { type SignedInFormOptions, signedInFormRoute } from "../http/formRoute.ts";
import { collectionDeps, WRITE_LIMIT } from "./collectionDeps.ts";
import { edit, remove, tag, takeOut } from "./collectionEdits.ts";
import { collectionList, create } from "./collectionList.tsx";
import { addPaper, type CollectionRequest, collectionPage } from "./collectionPage.tsx";
import {
  type CollectionExportRequest,
  collectionExport,
  type SavedExportRequest,
  savedExport,
} from "./exports.ts";
import { save, saveBack } from "./saveButton.ts";
import { registerSavedState } from "./savedState.ts";
import { type SaveToRequest, saveTo, saveToBack, saveToForm } from "./saveTo.tsx";

type Id = { id: string };

export function registerCollectionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const deps = collectionDeps(app, ctx);
  registerSavedState(app, ctx.store);
  // Every collection write: rate limited per poster; sign-in brings the reader back to `back`.
  const form = (back?: SignedInFormOptions["back"]): SignedInFormOptions => ({ ...WRITE_LIMIT, back });

  app.post(
    "/saved",
    signedInFormRoute(app, form(saveBack), (f) => save(deps, f)),
  );
  app.get("/collections", (req, reply) => collectionList(deps, req, reply));
  app.post(
    "/collections",
    signedInFormRoute(
      app,
      form(() => "/collections"),
      (f) => create(deps, f),
    ),
  );
  app.get("/c/:key", (req: CollectionRequest, reply) => collectionPage(deps, req, reply));
  app.post(
    "/collections/:id/add",
    signedInFormRoute<Id>(app, form(), (f) => addPaper(deps, f)),
  );
  app.get("/save/*", (req: SaveToRequest, reply) => saveToForm(deps, req, reply));
  app.post(
    "/save/*",
    signedInFormRoute<{ "*": string }>(app, form(saveToBack), (f) => saveTo(deps, f)),
  );
  app.post(
    "/collections/:id/edit",
    signedInFormRoute<Id>(app, form(), (f) => edit(deps, f)),
  );
  app.post(
    "/collections/:id/delete",
    signedInFormRoute<Id>(app, form(), (f) => remove(deps, f)),
  );
  app.post(
    "/collections/:id/tags",
    signedInFormRoute<Id>(app, form(), (f) => tag(deps, f)),
  );
  app.post(
    "/collections/:id/remove",
    signedInFormRoute<Id>(app, form(), (f) => takeOut(deps, f)),
  );
  app.get("/collections/:id/:file", app.expensive.page(), (req: CollectionExportRequest, reply) =>
    collectionExport(deps, req, reply),
  );
  app.get("/saved/:file", app.expensive.page(), (req: SavedExportRequest, reply) =>
    savedExport(deps, req, reply),
  );
}
