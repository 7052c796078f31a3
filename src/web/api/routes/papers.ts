// GET /api/papers (keyset-paginated, newest first), GET /api/papers/{id} and
// GET /api/papers/{id}/related (similar papers, src/search/related.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppServices } from "../../../app/services.ts";
import { paperIdOf } from "../../../model/arxivId.ts";
import { relatedPapers } from "../../../search/related.ts";
import { getPaper, listPapers } from "../../../store/papers.ts";
import { decodeCursor, encodeCursor } from "../cursor.ts";
import { invalidParameter, notFound } from "../errors.ts";
import { validationErrorWithLimit } from "../limitErrors.ts";
import { apiUrl, linkHeader } from "../links.ts";
import { presentPapers } from "../presenters/paper.ts";
import {
  MAX_RELATED_LIMIT,
  paperRoute,
  papersListRoute,
  paperWildcardRoute,
  relatedOldIdRoute,
  relatedRoute,
} from "../schemas.ts";

interface ListQuery {
  cursor?: string;
  limit: number;
}

export async function papersRoutes(app: FastifyInstance, ctx: AppServices): Promise<void> {
  app.get<{ Querystring: ListQuery }>("/papers", { schema: papersListRoute }, async (req, reply) => {
    const { cursor, limit } = req.query;
    const after = cursor === undefined ? null : decodeCursor(cursor);
    if (cursor !== undefined && !after) throw invalidParameter("cursor");
    const { papers, next } = await listPapers(ctx.store.db, { limit, after });
    const nextCursor = next ? encodeCursor(next) : null;
    const header = linkHeader({
      next: nextCursor ? apiUrl(ctx.config.baseUrl, "/api/papers", { cursor: nextCursor, limit }) : null,
    });
    if (header) reply.header("link", header);
    return { papers: await presentPapers(ctx.store.db, papers, ctx.config.baseUrl), nextCursor };
  });

  // Every id /api/papers lists can be fetched: arXiv ids and other sources' namespaced ones.
  const paperNamed = async (raw: string) => {
    const id = paperIdOf(raw);
    if (!id) throw invalidParameter("id");
    const paper = await getPaper(ctx.store.db, id);
    if (!paper) throw notFound(`No paper with id ${id} on this instance.`);
    return paper;
  };

  const showPaper = async (raw: string, reply: FastifyReply) => {
    const paper = await paperNamed(raw);
    const [json] = await presentPapers(ctx.store.db, [paper], ctx.config.baseUrl);
    return reply.send(json);
  };
  // New-style ids, and old-style ids with the slash encoded as %2F.
  app.get<{ Params: { id: string } }>(
    "/papers/:id",
    { schema: paperRoute, config: { cache: true } },
    (req, reply) => showPaper(req.params.id, reply),
  );
  // Old-style ids with a raw slash (hep-th/9901001) span two path segments.
  app.get<{ Params: { "*": string } }>(
    "/papers/*",
    { schema: paperWildcardRoute, config: { cache: true } },
    (req, reply) => showPaper(req.params["*"], reply),
  );

  const showRelated = async (raw: string, req: FastifyRequest, reply: FastifyReply) => {
    if (req.validationError) throw validationErrorWithLimit(req.validationError, MAX_RELATED_LIMIT);
    const paper = await paperNamed(raw);
    const { limit } = req.query as { limit: number };
    const hits = await relatedPapers(ctx, paper.id, limit);
    const papers = await presentPapers(
      ctx.store.db,
      hits.map((h) => h.paper),
      ctx.config.baseUrl,
    );
    return reply.send(papers.map((json, i) => ({ ...json, score: hits[i].score })));
  };
  // attachValidation: the limit's range differs from the lists', so its message is ours.
  app.get<{ Params: { id: string }; Querystring: { limit: number } }>(
    "/papers/:id/related",
    { schema: relatedRoute, attachValidation: true, config: { cache: true }, ...app.expensive.api() },
    (req, reply) => showRelated(req.params.id, req, reply),
  );
  app.get<{ Params: { archive: string; number: string }; Querystring: { limit: number } }>(
    "/papers/:archive/:number/related",
    { schema: relatedOldIdRoute, attachValidation: true, config: { cache: true }, ...app.expensive.api() },
    (req, reply) => showRelated(`${req.params.archive}/${req.params.number}`, req, reply),
  );
}
