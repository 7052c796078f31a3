// /feeds/author/<name>.<format>: an author's newest papers (the author page's first papers).
import type { FastifyReply, FastifyRequest } from "fastify";
import { loadAuthorPage } from "../../community/authors.ts";
import { authorPath } from "../../model/authorName.ts";
import { HttpError } from "../http/httpError.ts";
import { type FeedKind, feedTitle } from "./feedLinks.ts";
import { answerFeed, FEED_LIMITS, type FeedDeps, splitFile } from "./feedReply.ts";

export type AuthorFeedRequest = FastifyRequest<{ Params: { file: string } }>;

export function authorFeed(
  deps: FeedDeps,
  req: AuthorFeedRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const { ctx, send, urls } = deps;
  return answerFeed(reply, async () => {
    const { name, format } = splitFile(req.params.file);
    const data = await loadAuthorPage(ctx.store.db, name, 0, FEED_LIMITS.author, false);
    if (!data) throw new HttpError("not-found", "No author of that name on this instance");
    const feed: FeedKind = { kind: "author", name: data.author.name };
    return send(
      req,
      reply,
      {
        pageUrl: `${ctx.config.baseUrl}${authorPath(data.author.name)}`,
        feedUrls: urls(feed),
        title: feedTitle(feed),
        description: `The newest papers by ${data.author.name}.`,
        papers: data.papers,
      },
      format,
    );
  });
}
