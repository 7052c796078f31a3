// BibTeX and JSON downloads: GET /collections/:id/export.{bib,json} (one collection; public ones
// for anyone) and /saved/export.{bib,json} (everything the reader saved). Exports read every
// paper of a collection: expensive pages (src/web/http/expensiveRoutes.ts).
import type { FastifyReply, FastifyRequest } from "fastify";
import { type ExportFile, exportCollection, exportSaved } from "../../community/collections/exporter.ts";
import { findCollection } from "../../store/collections.ts";
import { attachmentDisposition } from "../http/contentDisposition.ts";
import { requireUser } from "../http/forms.ts";
import { type CollectionDeps, collectionFailure } from "./collectionDeps.ts";

function sendFile(reply: FastifyReply, file: ExportFile, isPublic: boolean) {
  return reply
    .header("content-type", file.contentType)
    .header("content-disposition", attachmentDisposition(file.filename))
    .header("cache-control", isPublic ? "no-cache" : "private, no-store")
    .send(file.body);
}

function formatOf(name: string) {
  const format = name === "export.bib" ? "bib" : name === "export.json" ? "json" : null;
  if (!format) throw collectionFailure("not-found", "There is no such export.");
  return format;
}

export type CollectionExportRequest = FastifyRequest<{ Params: { id: string; file: string } }>;

export async function collectionExport(
  deps: CollectionDeps,
  req: CollectionExportRequest,
  reply: FastifyReply,
) {
  const format = formatOf(req.params.file);
  const user = req.viewer?.user ?? null;
  const file = await exportCollection(deps.accounts, user, req.params.id, format);
  if (!file) throw collectionFailure("not-found", "There is no such collection, or it is private.");
  const c = await findCollection(deps.db, req.params.id);
  return sendFile(reply, file, c?.isPublic === true);
}

export type SavedExportRequest = FastifyRequest<{ Params: { file: string } }>;

export async function savedExport(deps: CollectionDeps, req: SavedExportRequest, reply: FastifyReply) {
  const format = formatOf(req.params.file);
  const user = requireUser(req, reply);
  if (!user) return reply;
  return sendFile(reply, await exportSaved(deps.accounts, user, format), false);
}
