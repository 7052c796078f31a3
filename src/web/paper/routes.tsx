// /papers/<id>: one paper. A wildcard route, because old-style arXiv ids contain a slash
// (hep-th/9901001); ids from other sources (beir:123) are looked up as they are.
import type { FastifyInstance } from "fastify";
import type { AppServices } from "../../app/services.ts";
import { commentThread } from "../../community/commentThread.ts";
import { normalizeArxivId } from "../../model/arxivId.ts";
import { relatedPapers } from "../../search/related.ts";
import { entriesForPapers } from "../../store/dailyEntries.ts";
import { getPaper } from "../../store/papers.ts";
import { MessagePage } from "../components/MessagePage.tsx";
import { sendPage } from "../http/render.ts";
import { paperPath, searchPath } from "../urls.ts";
import { PaperPage } from "./PaperPage.tsx";

/** Similar papers listed under a paper. */
export const RELATED_SHOWN = 8;

export function registerPaperRoutes(app: FastifyInstance, ctx: AppServices): void {
  const { db } = ctx.store;
  const site = { baseUrl: ctx.config.baseUrl };

  app.get<{ Params: { "*": string } }>("/papers/*", { config: { cache: true } }, async (req, reply) => {
    const id = req.params["*"];
    const paper = id ? await getPaper(db, id) : null;
    if (!paper) {
      // 2606.12345v2, arXiv:2606.12345 or an arxiv.org URL: send the reader to the stored id.
      const canonical = normalizeArxivId(id);
      if (canonical && canonical !== id && (await getPaper(db, canonical))) {
        return reply.redirect(paperPath(canonical), 301);
      }
      return sendPage(
        reply,
        404,
        <MessagePage
          site={site}
          status={404}
          title="Paper not found"
          message={
            id ? `There is no paper with the id “${id}” on this instance.` : "This address names no paper."
          }
          path={req.url}
        >
          {id ? (
            <p>
              <a href={searchPath(id)}>Search for “{id}”</a>
            </p>
          ) : null}
        </MessagePage>,
      );
    }
    const entries = await entriesForPapers(db, [paper.id]);
    entries.sort((a, b) => (a.day < b.day ? -1 : 1));
    const comments = await commentThread(app.accountDeps, paper.id, req.viewer?.user ?? null);
    // Similar papers are a bonus: if the search index fails, the page still shows the paper.
    const related = await relatedPapers(ctx, paper.id, RELATED_SHOWN).catch((err: unknown) => {
      req.log.warn({ err, paper: paper.id }, "similar papers unavailable");
      return [];
    });
    return sendPage(
      reply,
      200,
      <PaperPage
        site={site}
        paper={paper}
        entries={entries}
        comments={comments}
        related={related.map((r) => r.paper)}
      />,
    );
  });
}
