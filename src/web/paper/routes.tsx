// /papers/<id>: one paper. A wildcard route, because old-style arXiv ids contain a slash
// (hep-th/9901001); ids from other sources (beir:123) are looked up as they are.
// /papers/<id>/bibtex is its BibTeX entry; POST /papers/fetch fetches an arXiv paper the instance
// does not hold yet (signed-in readers with a confirmed address, from the not-found page).
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppServices } from "../../app/services.ts";
import { toBibtex } from "../../community/collections/bibtex.ts";
import { commentThread } from "../../community/commentThread.ts";
import { knownOrFetchedPaper } from "../../community/paperLookup.ts";
import { policies } from "../../community/policies.ts";
import { normalizeArxivId } from "../../model/arxivId.ts";
import { relatedPapers } from "../../search/related.ts";
import { entriesForPapers } from "../../store/dailyEntries.ts";
import { getPaper } from "../../store/papers.ts";
import { signedInFormRoute } from "../http/formRoute.ts";
import { perPoster } from "../http/forms.ts";
import { statusOf } from "../http/httpError.ts";
import { sendPage } from "../http/render.ts";
import { paperPath } from "../urls.ts";
import { ECHOED_ID_CHARS, FETCH_PAPER_PATH, PaperNotFound } from "./PaperNotFound.tsx";
import { PaperPage } from "./PaperPage.tsx";

/** Similar papers listed under a paper. */
export const RELATED_SHOWN = 8;
/** Fetches from arXiv a reader may ask for per minute (each is a request to arXiv). */
const FETCHES_PER_MINUTE = 10;
const BIBTEX_SUFFIX = "/bibtex";

export function registerPaperRoutes(app: FastifyInstance, ctx: AppServices): void {
  const { db } = ctx.store;
  const site = { baseUrl: ctx.config.baseUrl };

  const notFound = (req: FastifyRequest, reply: FastifyReply, id: string, status = 404, error?: string) =>
    sendPage(
      reply,
      status,
      <PaperNotFound
        site={site}
        id={id}
        arxivId={normalizeArxivId(id)}
        csrf={req.viewer?.user ? req.viewer.csrfToken() : null}
        mayFetch={policies.maySubmit(req.viewer?.user ?? null)}
        path={paperPath(id)}
        status={status}
        error={error}
      />,
    );

  app.get<{ Params: { "*": string } }>("/papers/*", { config: { cache: true } }, async (req, reply) => {
    const asked = req.params["*"];
    const bibtex = asked.endsWith(BIBTEX_SUFFIX);
    const id = bibtex ? asked.slice(0, -BIBTEX_SUFFIX.length) : asked;
    const paper = id ? await getPaper(db, id) : null;
    if (!paper) {
      // 2606.12345v2, arXiv:2606.12345 or an arxiv.org URL: send the reader to the stored id.
      const canonical = normalizeArxivId(id);
      if (canonical && canonical !== id && (await getPaper(db, canonical))) {
        return reply.redirect(`${paperPath(canonical)}${bibtex ? BIBTEX_SUFFIX : ""}`, 301);
      }
      return notFound(req, reply, id);
    }
    if (bibtex) {
      return reply.type("application/x-bibtex; charset=utf-8").send(toBibtex([paper]));
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

  app.post(
    FETCH_PAPER_PATH,
    signedInFormRoute(
      app,
      {
        rateLimit: { max: FETCHES_PER_MINUTE, timeWindow: 60_000, keyGenerator: perPoster },
        back: (f) => (f.id ? paperPath(f.id) : undefined),
      },
      async ({ req, reply, fields, done }) => {
        const asked = (fields.id ?? "").slice(0, 300);
        // What the page echoes (its text, links and canonical address): a bounded part of the input.
        const echoed = asked.slice(0, ECHOED_ID_CHARS + 1);
        // Fetching stores a paper for everyone, as a submission does: the same rule applies.
        if (!policies.maySubmit(req.viewer?.user ?? null))
          return notFound(req, reply, echoed, 403, "Confirm your email address before fetching papers.");
        const id = normalizeArxivId(asked);
        if (!id) return notFound(req, reply, echoed, 400, "That is not an arXiv id.");
        const found = await knownOrFetchedPaper(app.accountDeps, id);
        if (found.ok) return done(paperPath(found.paper.id));
        return notFound(req, reply, id, statusOf(found.reason), found.message);
      },
    ),
  );
}
